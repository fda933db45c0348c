// Editing a resource makes a new version (its author or an animator; the
// server decides). The licence of an adaptation is checked against the original's.
import { createSignal, Show } from "solid-js";
import { commonsApi } from "./api.ts";
import { licences, type Licence, type Resource } from "./types.ts";
import { createForm } from "../forms.ts";
import { t, type MessageKey } from "../i18n/index.ts";
import { SelectField, TextAreaField, TextField } from "../components/Field.tsx";
import { FormAlert } from "../components/Notice.tsx";

export function ResourceEdit(props: { resource: Resource; onSaved: (r: Resource) => void }) {
  const [open, setOpen] = createSignal(false);
  const form = createForm("edit", ["title", "summary", "body", "licence"]);
  const [title, setTitle] = createSignal(props.resource.title);
  const [summary, setSummary] = createSignal(props.resource.summary);
  const [body, setBody] = createSignal(props.resource.body);
  const [licence, setLicence] = createSignal<Licence>(props.resource.licence);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    form.submit(async () => {
      const { resource } = await commonsApi.edit(props.resource.id, { title: title(), summary: summary(), body: body(), licence: licence() });
      setOpen(false);
      props.onSaved(resource);
    });
  };
  return (
    <Show when={open()} fallback={<p><button type="button" class="button" onClick={() => setOpen(true)}>{t("commons.edit")}</button></p>}>
      <form class="card" onSubmit={submit} noValidate aria-labelledby="edit-heading">
        <h2 id="edit-heading">{t("commons.edit")}</h2>
        <FormAlert form={form} />
        <TextField form={form} name="title" label={t("commons.field.title")} required maxLength={200} value={title()} onValue={setTitle} />
        <TextAreaField form={form} name="summary" label={t("commons.field.summary")} rows={2} value={summary()} onValue={setSummary} />
        <TextAreaField form={form} name="body" label={t("commons.field.body")} hint={t("commons.field.bodyHint")} rows={10} value={body()} onValue={setBody} />
        <SelectField form={form} name="licence" label={t("commons.field.licence")} noMark value={licence()} onValue={(v) => setLicence(v as Licence)}
          options={licences.map((l) => ({ value: l, label: t(`commons.licence.${l}` as MessageKey) }))} />
        <div class="actions">
          <button type="submit" class="button button--primary" disabled={form.busy()}>{t("app.save")}</button>
          <button type="button" class="button" onClick={() => setOpen(false)}>{t("app.cancel")}</button>
        </div>
      </form>
    </Show>
  );
}
