// One task: what, for when, who, for which event; buttons to move it on,
// change it or delete it (plain buttons: keyboard and screen readers).
import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import { formatDate, t, tn, type MessageKey } from "../i18n/index.ts";
import { parisToday } from "../impact/period.ts";
import { taskStatuses, type TaskStatus, type TaskView } from "./api.ts";

export const statusName = (s: TaskStatus) => t(`tasks.status.${s}` as MessageKey);
export const categoryName = (c: TaskView["category"]) => t(`tasks.category.${c}` as MessageKey);

export function TaskCard(props: { task: TaskView; showCategory: boolean; onMove: (status: TaskStatus) => void; onEdit: () => void; onDelete: () => void }) {
  const task = () => props.task;
  const overdue = () => task().status !== "done" && task().dueOn !== null && task().dueOn! < parisToday();
  return (
    <article class="card task" classList={{ "task--done": task().status === "done", "task--overdue": overdue() }} id={`task-${task().id}`} aria-labelledby={`task-${task().id}-title`}>
      <p class="task__facts">
        <span class="badge">{statusName(task().status)}</span>
        <Show when={props.showCategory}><span class="badge">{categoryName(task().category)}</span></Show>
        <Show when={task().dueOn}>{(due) => <span>{t("tasks.due", { date: formatDate(`${due()}T12:00:00Z`) })}</span>}</Show>
        <Show when={overdue()}><strong class="task__late">{t("tasks.overdue")}</strong></Show>
      </p>
      <h3 id={`task-${task().id}-title`} class="task__title">{task().title}</h3>
      <p>{task().assignees.length ? t("tasks.assignees", { names: task().assignees.map((a) => a.displayName).join(", ") }) : t("tasks.nobody")}</p>
      <Show when={task().event}>{(event) => <p>{t("tasks.forEvent")} <A href={event().path}>{event().title}</A> ({formatDate(event().startsAt)})</p>}</Show>
      <Show when={task().repeat}>
        {(repeat) => <p class="muted">{repeat() === "monthly" ? t("tasks.repeat.monthly") : tn("tasks.repeat.each_cafe", task().daysBefore ?? 0)}</p>}
      </Show>
      <Show when={task().notes}><p class="text-block">{task().notes}</p></Show>
      <div class="actions">
        <For each={taskStatuses.filter((s) => s !== task().status)}>
          {(status) => (
            <button type="button" class="button button--small" onClick={() => props.onMove(status)}>
              {t("tasks.moveTo", { status: statusName(status) })}<span class="visually-hidden"> — {task().title}</span>
            </button>
          )}
        </For>
        <button type="button" class="button button--small" aria-label={t("tasks.editLabel", { title: task().title })} onClick={() => props.onEdit()}>{t("tasks.edit")}</button>
        <button type="button" class="button button--small" onClick={() => props.onDelete()}>
          {t("tasks.delete")}<span class="visually-hidden"> — {task().title}</span>
        </button>
      </div>
    </article>
  );
}
