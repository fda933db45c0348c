// Adding or changing a task: what, for when, who takes it, for which event,
// and whether it comes back. Problems are shown next to their field.
import { createSignal, For, Show } from "solid-js";
import { RadioField, SelectField, TextAreaField, TextField } from "../components/Field.tsx";
import { FormAlert } from "../components/Notice.tsx";
import { createForm } from "../forms.ts";
import { formatDateTime, lang, t, type MessageKey } from "../i18n/index.ts";
import { taskCategories, tasksApi, taskStatuses, type StarterTask, type TaskBoard, type TaskView } from "./api.ts";

export type Draft = { task: TaskView } | { starter: StarterTask } | { blank: true };

export function TaskForm(props: { slug: string; board: TaskBoard; draft: Draft; onDone: (saved: TaskView | null) => void }) {
  const task = "task" in props.draft ? props.draft.task : null;
  const starter = "starter" in props.draft ? props.draft.starter : null;
  const form = createForm("task", ["category", "title", "notes", "dueOn", "status", "assignees", "eventId", "repeat", "daysBefore"]);
  const [category, setCategory] = createSignal<string>(task?.category ?? starter?.category ?? "cafes");
  const [title, setTitle] = createSignal(task?.title ?? starter?.title[lang()] ?? "");
  const [notes, setNotes] = createSignal(task?.notes ?? starter?.notes[lang()] ?? "");
  const [dueOn, setDueOn] = createSignal(task?.dueOn ?? "");
  const [status, setStatus] = createSignal<string>(task?.status ?? "todo");
  const [assignees, setAssignees] = createSignal<string[]>(task?.assignees.map((a) => a.handle) ?? []);
  const [eventId, setEventId] = createSignal(task?.event?.id ?? "");
  const [repeat, setRepeat] = createSignal<string>(task?.repeat ?? starter?.repeat ?? "none");
  const [daysBefore, setDaysBefore] = createSignal(String(task?.daysBefore ?? starter?.daysBefore ?? 7));
  const toggle = (handle: string, on: boolean) => setAssignees((list) => (on ? [...list, handle] : list.filter((h) => h !== handle)));

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    form.submit(async () => {
      const body = {
        category: category() as TaskView["category"],
        title: title(),
        notes: notes(),
        dueOn: dueOn() || null,
        assignees: assignees(),
        eventId: eventId() || null,
        repeat: repeat() === "none" ? null : (repeat() as "monthly" | "each_cafe"),
        daysBefore: repeat() === "each_cafe" ? Number(daysBefore()) : null,
      };
      const saved = task
        ? await tasksApi.update(props.slug, task.id, { ...body, status: status() as TaskView["status"] })
        : await tasksApi.create(props.slug, { ...body, starter: starter?.key ?? null });
      props.onDone(saved.task);
    });
  };

  const id = "task-form-title";
  return (
    <form class="card task-form" onSubmit={submit} noValidate aria-labelledby={id}>
      <h2 id={id} tabIndex={-1}>{task ? t("tasks.form.edit") : t("tasks.form.new")}</h2>
      <FormAlert form={form} />
      <SelectField form={form} name="category" label={t("tasks.form.category")} required noMark value={category()} onValue={setCategory}
        options={taskCategories.map((c) => ({ value: c, label: t(`tasks.category.${c}` as MessageKey) }))} />
      <TextField form={form} name="title" label={t("tasks.form.title")} required value={title()} onValue={setTitle} maxLength={200} />
      <TextAreaField form={form} name="notes" label={t("tasks.form.notes")} value={notes()} onValue={setNotes} rows={3} />
      <TextField form={form} name="dueOn" type="date" label={t("tasks.form.dueOn")} value={dueOn()} onValue={setDueOn} />
      <Show when={task}>
        <SelectField form={form} name="status" label={t("tasks.form.status")} required noMark value={status()} onValue={setStatus}
          options={taskStatuses.map((s) => ({ value: s, label: t(`tasks.status.${s}` as MessageKey) }))} />
      </Show>
      <fieldset class="field" classList={{ "field--error": !!form.errorFor("assignees") }} aria-describedby="task-assignees-hint">
        <legend>{t("tasks.form.assignees")}</legend>
        <p class="field__hint" id="task-assignees-hint">{t("tasks.form.assigneesHint")}</p>
        <Show when={form.errorFor("assignees")}>{(error) => <p class="field__error" id="task-assignees" tabIndex={-1}>{error()}</p>}</Show>
        <div class="choices choices--stack">
          <For each={props.board.group}>
            {(person) => (
              <label class="choice" classList={{ "choice--picked": assignees().includes(person.handle) }}>
                <input type="checkbox" name="assignees" value={person.handle} checked={assignees().includes(person.handle)} onChange={(e) => toggle(person.handle, e.currentTarget.checked)} />
                <span>{person.displayName}</span>
              </label>
            )}
          </For>
        </div>
      </fieldset>
      <SelectField form={form} name="eventId" label={t("tasks.form.event")} value={eventId()} onValue={setEventId}
        options={[{ value: "", label: t("tasks.form.noEvent") }, ...props.board.events.map((e) => ({ value: e.id, label: `${e.title} — ${formatDateTime(e.startsAt)}` })),
          ...(task?.event && !props.board.events.some((e) => e.id === task.event!.id) ? [{ value: task.event.id, label: task.event.title }] : [])]} />
      <RadioField form={form} name="repeat" legend={t("tasks.form.repeat")} value={repeat()} onValue={setRepeat}
        options={(["none", "monthly", "each_cafe"] as const).map((r) => ({ value: r, label: t(`tasks.form.repeat.${r}` as MessageKey) }))} />
      <Show when={repeat() === "each_cafe"}>
        <TextField form={form} name="daysBefore" type="number" label={t("tasks.form.daysBefore")} value={daysBefore()} onValue={setDaysBefore} min={0} max={30} inputMode="numeric" />
      </Show>
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={form.busy()}>{t("tasks.form.save")}</button>
        <button type="button" class="button" onClick={() => props.onDone(null)}>{t("app.cancel")}</button>
      </div>
    </form>
  );
}
