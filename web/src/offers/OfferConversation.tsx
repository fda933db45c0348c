// One private conversation about an offer: its messages, a reply box, and for
// the author the button to agree with this person.
import { createSignal, For, Show } from "solid-js";
import { createForm } from "../forms.ts";
import { formatDateTime, t } from "../i18n/index.ts";
import { offersApi, type Conversation, type OfferDetail } from "./api.ts";
import { TextAreaField } from "../components/Field.tsx";
import { FormAlert } from "../components/Notice.tsx";
import { BlockButton } from "../messages/BlockButton.tsx";
import { ReportButton } from "../moderation/ReportButton.tsx";

export const responderName = (c: Conversation) =>
  c.responder?.displayName ?? t("offer.remoteSender", { name: c.remoteResponder?.name ?? c.remoteResponder?.handle ?? "" });

export function OfferConversation(props: { offer: OfferDetail; conversation: Conversation; onChange: (o: OfferDetail) => void }) {
  const c = () => props.conversation;
  const form = createForm(`conv-${props.conversation.id}`, ["message"]);
  const [text, setText] = createSignal("");
  const live = () => props.offer.status === "open" || props.offer.status === "agreed";
  const other = () => (props.offer.mine ? responderName(c()) : (props.offer.author?.displayName ?? ""));

  const send = (event: SubmitEvent) => {
    event.preventDefault();
    if (!text().trim()) return form.fail("message", t("field.missing"));
    form.submit(async () => {
      props.onChange((await offersApi.message(props.offer.id, c().id, text())).offer);
      setText("");
    });
  };
  const agree = () => form.submit(async () => props.onChange((await offersApi.agree(props.offer.id, [c().id])).offer));

  return (
    <section class="card conversation" aria-label={t(props.offer.mine ? "offer.conversationWith" : "offer.myConversation", { name: other() })}>
      <h3>{t(props.offer.mine ? "offer.conversationWith" : "offer.myConversation", { name: other() })}</h3>
      <Show when={c().agreed}><p class="badge badge--ok">{t("offer.agreedWith", { name: props.offer.mine ? responderName(c()) : other() })}</p></Show>
      <ol class="messages">
        <For each={c().messages}>
          {(m) => (
            <li class="message" classList={{ "message--mine": m.fromAuthor === props.offer.mine }}>
              <p class="message__who">{m.sender} · <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time></p>
              <Show when={m.html} fallback={<p class="message__body">{m.body}</p>}>
                {(html) => <div class="message__body rich" innerHTML={html()} />}
              </Show>
              <Show when={m.fromAuthor !== props.offer.mine}>
                <ReportButton type="message" id={m.id} remote={!!c().remoteResponder} label={t("report.message")} />
              </Show>
            </li>
          )}
        </For>
      </ol>
      <FormAlert form={form} />
      <Show when={live() && (c().responder || c().remoteResponder)}>
        <form onSubmit={send} noValidate>
          <TextAreaField form={form} name="message" label={t("offer.reply")} rows={3} maxLength={2000} value={text()} onValue={setText} />
          <div class="actions">
            <button type="submit" class="button" disabled={form.busy()}>{t("offer.send")}</button>
            <Show when={props.offer.mine && !c().agreed}>
              <button type="button" class="button button--primary" disabled={form.busy()} onClick={agree}>{t("offer.agreeWith", { name: responderName(c()) })}</button>
            </Show>
          </div>
        </form>
      </Show>
      <Show when={props.offer.mine}>
        <p class="actions">
          <BlockButton
            target={c().responder ? { handle: c().responder!.handle } : { actor: c().remoteResponder!.id }}
            name={responderName(c())}
          />
          <Show when={c().remoteResponder}>
            {(remote) => <ReportButton type="remote_actor" id={remote().id} remote label={t("report.account", { name: responderName(c()) })} />}
          </Show>
        </p>
      </Show>
    </section>
  );
}
