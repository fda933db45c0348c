// The pilots write the report's introduction and thanks, and publish it.
import { createSignal } from "solid-js";
import { CheckboxField, TextAreaField } from "../components/Field.tsx";
import { FormAlert, SuccessNotice } from "../components/Notice.tsx";
import { createForm } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { impactApi, type ReportView } from "./api.ts";

export function ReportEditor(props: { slug: string; report: ReportView; onSaved: () => void }) {
  const form = createForm("report", ["intro", "thanks", "published"]);
  const [intro, setIntro] = createSignal(props.report.intro);
  const [thanks, setThanks] = createSignal(props.report.thanks);
  const [published, setPublished] = createSignal(props.report.published);
  const [saved, setSaved] = createSignal<string>();
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    setSaved(undefined);
    form.submit(async () => {
      await impactApi.saveReport(props.slug, props.report.year, { intro: intro(), thanks: thanks(), published: published() });
      setSaved(t("report.saved"));
      props.onSaved();
    });
  };
  return (
    <form class="card no-print" onSubmit={submit} noValidate aria-labelledby="report-edit">
      <h2 id="report-edit">{t("report.edit")}</h2>
      <FormAlert form={form} />
      <TextAreaField form={form} name="intro" label={t("report.intro")} hint={t("report.introHint")} value={intro()} onValue={setIntro} rows={6} maxLength={10000} />
      <TextAreaField form={form} name="thanks" label={t("report.thanks")} hint={t("report.thanksHint")} value={thanks()} onValue={setThanks} rows={4} maxLength={10000} />
      <CheckboxField form={form} name="published" label={t("report.publish")} checked={published()} onChange={setPublished} />
      <button type="submit" class="button button--primary" disabled={form.busy()}>{t("report.save")}</button>
      <SuccessNotice message={saved()} />
    </form>
  );
}
