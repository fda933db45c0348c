import "./tasks.css";
import { useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { BackLink } from "../components/BackLink.tsx";
import { ErrorNotice, Loaded, SuccessNotice, valueOf } from "../components/Notice.tsx";
import { RequireLogin } from "../components/RequireLogin.tsx";
import { problemOf } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { canAnimate, createNetworkResource } from "../network.ts";
import { taskCategories, tasksApi, taskStatuses, type TaskStatus, type TaskView } from "./api.ts";
import { StarterSet } from "./StarterSet.tsx";
import { categoryName, statusName, TaskCard } from "./TaskCard.tsx";
import { TaskForm, type Draft } from "./TaskForm.tsx";

/** `/n/:slug/tasks`: the animation group's tasks, by category or by status; "my tasks". */
export default function TaskBoard() {
  const params = useParams<{ slug: string }>();
  const [network] = createNetworkResource(() => params.slug);
  const [mine, setMine] = createSignal(false);
  const [byStatus, setByStatus] = createSignal(false);
  const [board, { refetch }] = createResource(() => ({ slug: params.slug, mine: mine() }), ({ slug, mine }) => tasksApi.board(slug, mine));
  const [draft, setDraft] = createSignal<Draft | null>(null);
  const [said, setSaid] = createSignal<string>();
  const [problem, setProblem] = createSignal<string>();

  const open = (next: Draft) => {
    setSaid(undefined);
    setDraft(next);
    setTimeout(() => document.getElementById("task-form-title")?.focus());
  };
  const act = async (work: () => Promise<unknown>, message?: string) => {
    setProblem(undefined);
    try {
      await work();
      setSaid(message);
      await refetch();
    } catch (error) {
      setProblem(problemOf(error).message);
    }
  };
  const move = (task: TaskView, status: TaskStatus) => act(() => tasksApi.update(params.slug, task.id, { status }), `${task.title} : ${statusName(status)}`);
  const remove = (task: TaskView) => {
    if (confirm(t("tasks.deleteConfirm", { title: task.title }))) void act(() => tasksApi.remove(params.slug, task.id));
  };
  const card = (task: TaskView) => (
    <li><TaskCard task={task} showCategory={byStatus()} onMove={(s) => void move(task, s)} onEdit={() => open({ task })} onDelete={() => remove(task)} /></li>
  );
  const toggle = (pressed: boolean, label: string, onClick: () => void) => (
    <button type="button" class="button button--small" aria-pressed={pressed} onClick={onClick}>{label}</button>
  );

  return (
    <RequireLogin>
      <Loaded data={network}>
        {({ network: n, myRole }) => (
          <div class="page tasks">
            <BackLink href={`/n/${n.slug}`} label={n.name} />
            <h1>{t("tasks.title", { network: n.name })}</h1>
            <Show when={canAnimate(myRole)} fallback={<ErrorNotice message={t("app.notFound")} />}>
              <p class="lead">{t("tasks.intro")}</p>
              <div class="task-controls">
                <div role="group" aria-label={t("tasks.filter")} class="toggle-group">
                  {toggle(!mine(), t("tasks.all"), () => setMine(false))}
                  {toggle(mine(), t("tasks.mine"), () => setMine(true))}
                </div>
                <div role="group" aria-label={t("tasks.view")} class="toggle-group">
                  {toggle(!byStatus(), t("tasks.view.list"), () => setByStatus(false))}
                  {toggle(byStatus(), t("tasks.view.board"), () => setByStatus(true))}
                </div>
                <button type="button" class="button button--primary" onClick={() => open({ blank: true })}>{t("tasks.new")}</button>
              </div>
              <SuccessNotice message={said()} />
              <Show when={problem()}>{(message) => <ErrorNotice message={message()} />}</Show>
              <Show when={draft() && valueOf(board)}>
                <TaskForm slug={n.slug} board={valueOf(board)!} draft={draft()!} onDone={(saved) => {
                  setDraft(null);
                  if (saved) void act(async () => {}, t("tasks.saved"));
                }} />
              </Show>
              <Loaded data={board}>
                {(b) => (
                  <>
                    <Show when={b.tasks.length} fallback={<p class="card">{mine() ? t("tasks.noneMine") : t("tasks.none")}</p>}>
                      <Show when={byStatus()} fallback={
                        <For each={taskCategories.filter((c) => b.tasks.some((x) => x.category === c))}>
                          {(c) => (
                            <section class="task-group" aria-labelledby={`cat-${c}`}>
                              <h2 id={`cat-${c}`}>{categoryName(c)}</h2>
                              <ul class="task-list"><For each={b.tasks.filter((x) => x.category === c)}>{card}</For></ul>
                            </section>
                          )}
                        </For>
                      }>
                        <div class="task-columns">
                          <For each={taskStatuses}>
                            {(s) => (
                              <section class="task-group" aria-labelledby={`status-${s}`}>
                                <h2 id={`status-${s}`}>{statusName(s)} ({b.tasks.filter((x) => x.status === s).length})</h2>
                                <ul class="task-list"><For each={b.tasks.filter((x) => x.status === s)}>{card}</For></ul>
                              </section>
                            )}
                          </For>
                        </div>
                      </Show>
                    </Show>
                    <Show when={!mine()}>
                      <StarterSet starters={b.starters} open={b.tasks.length === 0} onPick={(starter) => open({ starter })} />
                    </Show>
                  </>
                )}
              </Loaded>
            </Show>
          </div>
        )}
      </Loaded>
    </RequireLogin>
  );
}
