// What the author of a hidden item sees on it: hidden by the animators, why,
// and a way to ask them to look again (once).
import { createSignal, Show } from "solid-js";
import { TextAreaField } from "../components/Field.tsx";
import { FormAlert } from "../components/Notice.tsx";
import { createForm } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { moderationApi } from "./api.ts";
import "./moderation.css";

export function HiddenNotice(props: { type: string; id: string; hidden: { reason: string; reviewRequestedAt: string | Date | null; held?: boolean }; mine: boolean }) {
  const [asked, setAsked] = createSignal(props.hidden.reviewRequestedAt !== null);
  const [note, setNote] = createSignal("");
  const form = createForm("review", ["note"]);
  const send = (event: SubmitEvent) => {
    event.preventDefault();
    form.submit(async () => {
      await moderationApi.askReview(props.type, props.id, note());
      setAsked(true);
    });
  };
  return (
    <Show when={!props.hidden.held} fallback={
      <section class="card hidden-notice hidden-notice--held" role="note" aria-labelledby="held-title">
        <h2 id="held-title">{t("held.title")}</h2>
        <p>{props.mine ? t("held.forAuthor") : t("held.forAnimators")}</p>
      </section>
    }>
    <section class="card hidden-notice" role="note" aria-labelledby="hidden-title">
      <h2 id="hidden-title">{t("hidden.title")}</h2>
      <p>{props.mine ? t("hidden.forAuthor") : t("hidden.forAnimators")}</p>
      <p><strong>{t("hidden.reason")}</strong> {props.hidden.reason}</p>
      <Show when={props.mine}>
        <Show when={!asked()} fallback={<p class="notice" role="status">{t("hidden.asked")}</p>}>
          <form onSubmit={send} noValidate>
            <FormAlert form={form} />
            <TextAreaField form={form} name="note" label={t("hidden.note")} hint={t("hidden.noteHint")} rows={2} maxLength={2000} value={note()} onValue={setNote} />
            <button type="submit" class="button" disabled={form.busy()}>{t("hidden.ask")}</button>
          </form>
        </Show>
      </Show>
    </section>
    </Show>
  );
}
