// `/n/:slug/moderation` (the network's animators) and `/admin/moderation`
// (the instance admin): open reports with the item as it was reported,
// earlier reports on the same person, one form of actions per report; hidden
// items whose author asks for a review; the moderation log.
import { useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { BackLink } from "../components/BackLink.tsx";
import { CheckboxField, SelectField, TextAreaField, TextField } from "../components/Field.tsx";
import { FormAlert, Loaded, valueOf } from "../components/Notice.tsx";
import { RequireLogin } from "../components/RequireLogin.tsx";
import { createForm } from "../forms.ts";
import { formatDateTime, t, type MessageKey } from "../i18n/index.ts";
import { moderationApi, type ActionInput, type QueueReport, type ReviewView } from "./api.ts";
import "./moderation.css";

type Action = ActionInput["action"];

/** What the animators can hide (server/domain/moderation/hiding.ts); an offer from elsewhere is not ours to hide. */
const hideable = new Set<QueueReport["subject"]["type"]>(["offer", "announcement", "event", "resource", "message", "remote_post"]);

/** The actions that make sense for this report. */
function actionsFor(r: QueueReport): Action[] {
  const list: Action[] = ["dismiss"];
  if (hideable.has(r.subject.type) && !(r.subject.type === "offer" && r.target.actor) && !r.hidden) list.push("hide");
  if (r.target.member) list.push("warn", "suspend", "remove");
  if (r.target.actor) list.push("block_remote", "request_domain_block");
  if (r.target.actor && !r.forwardedAt) list.push("forward");
  return list;
}

export default function ModerationQueue() {
  const params = useParams<{ slug?: string }>();
  const slug = () => params.slug ?? null;
  const [queue, { refetch }] = createResource(() => ({ s: slug() }), async ({ s }) => moderationApi.queue(s));
  const [log, logActions] = createResource(() => ({ s: slug() }), async ({ s }) => (await moderationApi.log(s)).entries);
  const reload = () => {
    void refetch();
    void logActions.refetch();
  };
  return (
    <RequireLogin>
      <div class="page page--narrow moderation">
        <Show when={slug()} fallback={<BackLink href="/admin/networks" label={t("nav.admin")} />}>
          {(s) => <BackLink href={`/n/${s()}/animation`} label={t("nav.animation")} />}
        </Show>
        <h1>{t("moderation.title")}</h1>
        <p class="lead">{t("moderation.intro")}</p>
        <Loaded data={queue}>
          {(data) => (
            <>
              <Show when={data.reviews.length}>
                <h2>{t("moderation.reviews")}</h2>
                <For each={data.reviews}>{(r) => <Review review={r} slug={slug()!} onDone={reload} />}</For>
              </Show>
              <h2>{t("moderation.open", { count: data.reports.length })}</h2>
              <Show when={data.reports.length} fallback={<p class="card">{t("moderation.none")}</p>}>
                <ol class="moderation__reports">
                  <For each={data.reports}>{(r) => <li><ReportCard report={r} slug={slug()} onDone={reload} /></li>}</For>
                </ol>
              </Show>
            </>
          )}
        </Loaded>
        <Show when={slug()}>{(s) => <Settings slug={s()} />}</Show>
        <h2>{t("moderation.log")}</h2>
        <Loaded data={log}>
          {(entries) => (
            <Show when={entries.length} fallback={<p>{t("moderation.logEmpty")}</p>}>
              <ol class="moderation__log">
                <For each={entries}>
                  {(e) => (
                    <li>
                      <small>{formatDateTime(e.createdAt)}</small>{" "}
                      {t("moderation.logLine", { by: e.by, action: t(`moderation.action.${e.action}` as MessageKey), target: e.target || e.subject.id })}
                      <Show when={e.reason}> — « {e.reason} »</Show>
                      <Show when={e.until}>{(u) => <> ({t("moderation.until", { date: formatDateTime(u()) })})</>}</Show>
                    </li>
                  )}
                </For>
              </ol>
            </Show>
          )}
        </Loaded>
      </div>
    </RequireLogin>
  );
}

function ReportCard(props: { report: QueueReport; slug: string | null; onDone: () => void }) {
  const r = () => props.report;
  const form = createForm(`act-${r().id}`, ["action", "reason", "until", "scope", "withdraw"]);
  const [action, setAction] = createSignal<Action>("dismiss");
  const [reason, setReason] = createSignal("");
  const [until, setUntil] = createSignal("");
  const [scope, setScope] = createSignal<"account" | "server">("account");
  const [withdraw, setWithdraw] = createSignal(false);
  const send = (event: SubmitEvent) => {
    event.preventDefault();
    form.submit(async () => {
      const body: ActionInput = { action: action(), reason: reason() };
      if (action() === "suspend") {
        body.until = until() ? new Date(`${until()}T23:59:00`).toISOString() : "";
        body.withdraw = withdraw();
      }
      if (action() === "block_remote") body.scope = scope();
      await moderationApi.act(props.slug, r().id, body);
      props.onDone();
    });
  };
  return (
    <article class="card moderation__report" aria-labelledby={`report-${r().id}`}>
      <p class="moderation__meta">
        <span class="badge">{t(`report.reason.${r().reason}`)}</span>{" "}
        <span class="badge">{t(`moderation.subject.${r().subject.type}` as MessageKey)}</span>{" "}
        <small>{formatDateTime(r().createdAt)}</small>
      </p>
      <h3 id={`report-${r().id}`}>{r().snapshot.title || r().snapshot.author}</h3>
      <p class="moderation__who">
        {t("moderation.author", { name: r().snapshot.author })}
        {" · "}
        {r().reporter ? t("moderation.reporter", { name: r().reporter!.displayName }) : t("moderation.fromServer", { host: r().fromHost ?? "" })}
      </p>
      <blockquote class="moderation__snapshot">{r().snapshot.text}</blockquote>
      <Show when={r().snapshot.url}>{(url) => <p><a href={url()} rel="noopener">{t("moderation.see")}</a></p>}</Show>
      <Show when={r().comment}><p class="moderation__comment"><strong>{t("moderation.comment")}</strong> {r().comment}</p></Show>
      <Show when={r().hidden}><p class="notice">{t("moderation.alreadyHidden")}</p></Show>
      <Show when={r().earlier.length}>
        <details class="moderation__earlier">
          <summary>{t("moderation.earlier", { count: r().earlier.length })}</summary>
          <ul>
            <For each={r().earlier}>{(e) => <li>{formatDateTime(e.createdAt)} — {t(`report.reason.${e.reason}`)} — « {e.title} » ({t(`moderation.status.${e.status}` as MessageKey)})</li>}</For>
          </ul>
        </details>
      </Show>
      <form class="moderation__act" onSubmit={send} noValidate>
        <FormAlert form={form} />
        <SelectField form={form} name="action" label={t("moderation.action")} noMark value={action()} onValue={(v) => setAction(v as Action)}
          options={actionsFor(r()).map((a) => ({ value: a, label: t(`moderation.do.${a}` as MessageKey) }))} />
        <Show when={action() === "suspend"}>
          <TextField form={form} name="until" type="date" label={t("moderation.untilLabel")} required value={until()} onValue={setUntil} />
          <CheckboxField form={form} name="withdraw" label={t("moderation.withdraw")} hint={t("moderation.withdrawHint")} checked={withdraw()} onChange={setWithdraw} />
        </Show>
        <Show when={action() === "block_remote"}>
          <SelectField form={form} name="scope" label={t("moderation.scope")} noMark value={scope()} onValue={(v) => setScope(v as "account" | "server")}
            options={[{ value: "account", label: t("moderation.scope.account") }, { value: "server", label: t("moderation.scope.server") }]} />
        </Show>
        <TextAreaField form={form} name="reason" label={t("moderation.why")} hint={t("moderation.whyHint")} rows={2} maxLength={2000}
          required={["hide", "warn", "suspend", "remove"].includes(action())} value={reason()} onValue={setReason} />
        <button type="submit" class="button button--primary" disabled={form.busy()}>{t("moderation.apply")}</button>
      </form>
    </article>
  );
}

function Review(props: { review: ReviewView; slug: string; onDone: () => void }) {
  const form = createForm(`review-${props.review.subject.id}`, []);
  const show = () => form.submit(async () => {
    await moderationApi.unhide(props.slug, props.review.subject.type, props.review.subject.id, props.review.note);
    props.onDone();
  });
  return (
    <article class="card">
      <h3>{props.review.title}</h3>
      <Show when={props.review.held} fallback={<>
        <p>{t("moderation.reviewAsked", { name: props.review.author?.displayName ?? "" })}</p>
        <p><strong>{t("moderation.hiddenFor")}</strong> {props.review.reason}</p>
      </>}>
        <p>{t("moderation.heldFrom", { name: props.review.author?.displayName ?? "" })}</p>
      </Show>
      <Show when={props.review.note}><p><strong>{t("moderation.theirWords")}</strong> {props.review.note}</p></Show>
      <FormAlert form={form} />
      <div class="actions">
        <a class="button" href={`/n/${props.slug}/o/${props.review.subject.id}`}>{t("moderation.see")}</a>
        <button type="button" class="button button--primary" disabled={form.busy()} onClick={show}>{props.review.held ? t("moderation.approve") : t("moderation.showAgain")}</button>
      </div>
    </article>
  );
}

/** The network's safety rail: hold a new member's first offer for approval. */
function Settings(props: { slug: string }) {
  const form = createForm("moderation-settings", ["holdFirstPosts"]);
  const [settings, { mutate }] = createResource(() => props.slug, (s) => moderationApi.settings(s));
  const change = (holdFirstPosts: boolean) => form.submit(async () => {
    mutate(await moderationApi.setSettings(props.slug, holdFirstPosts));
  });
  return (
    <section aria-labelledby="moderation-settings-title">
      <h2 id="moderation-settings-title">{t("moderation.settings")}</h2>
      <FormAlert form={form} />
      <Show when={valueOf(settings)}>
        {(s) => <CheckboxField form={form} name="holdFirstPosts" label={t("moderation.holdFirstPosts")} hint={t("moderation.holdFirstPostsHint")} checked={s().holdFirstPosts} onChange={change} />}
      </Show>
    </section>
  );
}
