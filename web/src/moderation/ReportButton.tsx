// « Signaler »: a discreet button under an item that opens a short form (a
// reason among the principles, an optional comment, and for something from
// another server whether to forward the report there, without one's name).
// Reporting again shows the first report's acknowledgement.
import { A } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { CheckboxField, RadioField, TextAreaField } from "../components/Field.tsx";
import { FormAlert } from "../components/Notice.tsx";
import { createForm } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { session } from "../session.ts";
import { moderationApi, reportReasons, type MyReportView, type ReportReason, type ReportSubject } from "./api.ts";
import "./moderation.css";

let forms = 0;

export function ReportButton(props: { type: ReportSubject; id: string; network?: string; remote?: boolean; label?: string }) {
  const [open, setOpen] = createSignal(false);
  const [done, setDone] = createSignal<MyReportView>();
  const [reason, setReason] = createSignal<ReportReason | "">("");
  const [comment, setComment] = createSignal("");
  const [forward, setForward] = createSignal(false);
  const key = `report-${++forms}`;
  const form = createForm(key, ["reason", "comment", "forward"]);
  const send = (event: SubmitEvent) => {
    event.preventDefault();
    if (!reason()) return form.fail("reason", t("report.reasonMissing"));
    form.submit(async () => {
      const res = await moderationApi.report({
        subjectType: props.type, subjectId: props.id, reason: reason() as ReportReason, comment: comment(),
        ...(props.remote ? { forward: forward() } : {}), ...(props.network ? { network: props.network } : {}),
      });
      setDone(res.report);
    });
  };
  return (
    <Show when={session()}>
      <div class="report">
        <Show when={!open() && !done()}>
          <button type="button" class="button button--small report__open" onClick={() => setOpen(true)} aria-expanded="false">
            {props.label ?? t("report.open")}
          </button>
        </Show>
        <Show when={done()}>
          <p class="notice report__thanks" role="status">
            {t("reporting.thanks")} <A href="/me/reports">{t("report.myReports")}</A>
          </p>
        </Show>
        <Show when={open() && !done()}>
          <form class="card report__form" onSubmit={send} noValidate aria-labelledby={`${key}-title`}>
            <h2 id={`${key}-title`}>{t("reporting.title")}</h2>
            <p class="field__hint">{t("reporting.intro")}</p>
            <FormAlert form={form} />
            <RadioField form={form} name="reason" legend={t("report.reason")} value={reason()} onValue={(v) => setReason(v as ReportReason)}
              options={reportReasons.map((r) => ({ value: r, label: t(`report.reason.${r}`) }))} />
            <TextAreaField form={form} name="comment" label={t("report.comment")} hint={t("report.commentHint")} rows={3} maxLength={2000} value={comment()} onValue={setComment} />
            <Show when={props.remote}>
              <CheckboxField form={form} name="forward" label={t("report.forward")} hint={t("report.forwardHint")} checked={forward()} onChange={setForward} />
            </Show>
            <div class="actions">
              <button type="submit" class="button button--primary" disabled={form.busy()}>{t("report.send")}</button>
              <button type="button" class="button" onClick={() => setOpen(false)}>{t("report.cancel")}</button>
            </div>
          </form>
        </Show>
      </div>
    </Show>
  );
}
