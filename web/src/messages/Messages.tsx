// `/messages`: the member's private conversations with people elsewhere (direct
// messages and mentions they received, their answers), latest first, and a
// form to write to someone by their address.
import { A, useNavigate } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { actorName } from "../components/ActorName.tsx";
import { TextAreaField, TextField } from "../components/Field.tsx";
import { FormAlert, Loaded } from "../components/Notice.tsx";
import { RequireLogin } from "../components/RequireLogin.tsx";
import { actingFor } from "../api.ts";
import { createForm } from "../forms.ts";
import { formatDateTime, t } from "../i18n/index.ts";
import { refreshUnread } from "../notifications.ts";
import { messagesApi, type Conversation } from "./api.ts";
import "./messages.css";

export default function Messages() {
  const [list] = createResource(() => actingFor() ?? "", () => messagesApi.list());
  return (
    <RequireLogin>
      <div class="page page--narrow">
        <h1>{t("messages.title")}</h1>
        <p class="lead">{t("messages.intro")}</p>
        <Loaded data={list}>
          {({ conversations }) => (
            <Show when={conversations.length} fallback={<p class="card">{t("messages.none")}</p>}>
              <ul class="conversations">
                <For each={conversations}>{(c) => <ConversationItem conversation={c} />}</For>
              </ul>
            </Show>
          )}
        </Loaded>
        <WriteForm />
      </div>
    </RequireLogin>
  );
}

function ConversationItem(props: { conversation: Conversation }) {
  const c = () => props.conversation;
  return (
    <li class="card conversation-item" classList={{ "conversation-item--unread": c().unread > 0 }}>
      <A href={`/messages/${c().id}`} class="conversation-item__link">
        <strong>{actorName(c().with)}</strong>
        <Show when={c().with.handle}>{(h) => <span class="handle"> {h()}</span>}</Show>
      </A>
      <Show when={c().unread > 0}><span class="badge">{t("messages.unread", { count: c().unread })}</span></Show>
      <Show when={c().blocked}><span class="badge">{t("messages.blockedBadge")}</span></Show>
      <Show when={c().last}>
        {(last) => (
          <p class="conversation-item__excerpt">
            <Show when={last().kind === "mention"}><span class="badge">{t("messages.mention")}</span> </Show>
            {last().outgoing ? t("messages.you") + " " : ""}{last().excerpt}
          </p>
        )}
      </Show>
      <small><time dateTime={c().lastMessageAt}>{formatDateTime(c().lastMessageAt)}</time></small>
    </li>
  );
}

function WriteForm() {
  const form = createForm("write", ["to", "message"]);
  const [to, setTo] = createSignal("");
  const [text, setText] = createSignal("");
  const navigate = useNavigate();
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!to().trim()) return form.fail("to", t("field.missing"));
    if (!text().trim()) return form.fail("message", t("field.missing"));
    form.submit(async () => {
      const thread = await messagesApi.start(to().trim(), text());
      void refreshUnread();
      navigate(`/messages/${thread.conversation.id}`);
    });
  };
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="write-title">
      <h2 id="write-title">{t("messages.write")}</h2>
      <FormAlert form={form} />
      <TextField form={form} name="to" label={t("messages.to")} hint={t("messages.toHint")} required autocapitalize="none" autocomplete="off" maxLength={500} value={to()} onValue={setTo} />
      <TextAreaField form={form} name="message" label={t("messages.message")} required rows={3} maxLength={5000} value={text()} onValue={setText} />
      <button type="submit" class="button button--primary" disabled={form.busy()}>{t("messages.send")}</button>
    </form>
  );
}
