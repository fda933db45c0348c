// `/messages/:id`: one private conversation, oldest first, with the answer box
// (a direct message to that person only) and « Bloquer ». Opening it marks it read.
import { useParams } from "@solidjs/router";
import { createResource, createSignal, For, onMount, Show } from "solid-js";
import { ActorName, actorName } from "../components/ActorName.tsx";
import { BackLink } from "../components/BackLink.tsx";
import { TextAreaField } from "../components/Field.tsx";
import { FormAlert, Loaded } from "../components/Notice.tsx";
import { RequireLogin } from "../components/RequireLogin.tsx";
import { actingFor } from "../api.ts";
import { createForm } from "../forms.ts";
import { formatDateTime, t } from "../i18n/index.ts";
import { refreshUnread } from "../notifications.ts";
import { webHref } from "../web-href.ts";
import { BlockButton } from "./BlockButton.tsx";
import { ReportButton } from "../moderation/ReportButton.tsx";
import { messagesApi, type Thread } from "./api.ts";
import "./messages.css";

export default function ConversationPage() {
  const params = useParams();
  const [thread, { mutate, refetch }] = createResource(() => `${actingFor() ?? ""}/${params.id}`, () => messagesApi.thread(params.id!));
  onMount(() => setTimeout(() => void refreshUnread(), 500));
  return (
    <RequireLogin>
      <div class="page page--narrow">
        <BackLink href="/messages" label={t("messages.back")} />
        <Loaded data={thread}>
          {(data) => <ThreadView thread={data} onSent={(m) => mutate({ ...data, messages: [...data.messages, m] })} onBlocked={() => void refetch()} />}
        </Loaded>
      </div>
    </RequireLogin>
  );
}

function ThreadView(props: { thread: Thread; onSent: (m: Thread["messages"][number]) => void; onBlocked: () => void }) {
  const c = () => props.thread.conversation;
  const form = createForm("answer", ["message"]);
  const [text, setText] = createSignal("");
  const send = (event: SubmitEvent) => {
    event.preventDefault();
    if (!text().trim()) return form.fail("message", t("field.missing"));
    form.submit(async () => {
      props.onSent((await messagesApi.answer(c().id, text())).message);
      setText("");
    });
  };
  return (
    <>
      <h1>{t("messages.with", { name: actorName(c().with) })}</h1>
      <p class="lead"><ActorName actor={{ ...c().with, type: undefined }} /> · {t("messages.private")}</p>
      <ol class="messages" aria-label={t("messages.thread")}>
        <For each={props.thread.messages}>
          {(m) => (
            <li class="message" classList={{ "message--mine": m.outgoing }}>
              <p class="message__who">
                {m.outgoing ? t("messages.me") : actorName(c().with)} · <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
                <Show when={m.kind === "mention"}> · <span class="badge">{t("messages.mention")}</span></Show>
              </p>
              {/* Received HTML is sanitised by the server before it is stored. */}
              <Show when={m.html} fallback={<p class="message__body">{m.body}</p>}>
                {(html) => <div class="message__body rich" innerHTML={html()} />}
              </Show>
              <Show when={m.url}>{(url) => <p><a href={webHref(url(), url())} rel="nofollow noopener noreferrer">{t("messages.openPost")}</a></p>}</Show>
            </li>
          )}
        </For>
      </ol>
      <Show when={!c().blocked} fallback={<p class="card">{t("messages.blockedText")}</p>}>
        <form class="card" onSubmit={send} noValidate>
          <FormAlert form={form} />
          <TextAreaField form={form} name="message" label={t("messages.answer")} hint={t("messages.answerHint")} required rows={3} maxLength={5000} value={text()} onValue={setText} />
          <button type="submit" class="button button--primary" disabled={form.busy()}>{t("messages.send")}</button>
        </form>
        <p class="actions"><BlockButton target={{ actor: c().with.id }} name={actorName(c().with)} onBlocked={props.onBlocked} /></p>
        <ReportButton type="remote_actor" id={c().with.id} remote label={t("report.account", { name: actorName(c().with) })} />
      </Show>
    </>
  );
}
