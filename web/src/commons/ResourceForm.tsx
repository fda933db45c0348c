// Adding a resource to the library: kind, title, summary, Markdown body,
// keywords, authors, licence (CC BY-SA by default), who may see it, files.
import { createResource, createSignal, Show } from "solid-js";
import { api } from "../api.ts";
import { commonsApi } from "./api.ts";
import { licences, resourceKinds, type Licence, type Resource, type ResourceKind } from "./types.ts";
import type { Visibility } from "../federation-types.ts";
import { createForm } from "../forms.ts";
import { lang, t, type MessageKey } from "../i18n/index.ts";
import type { MediaView } from "../types.ts";
import { RadioField, SelectField, TextAreaField, TextField } from "../components/Field.tsx";
import { MediaPicker } from "../components/MediaPicker.tsx";
import { FormAlert, valueOf } from "../components/Notice.tsx";
import { visibilities, visibilityName } from "../components/VisibilityBadge.tsx";

const list = (text: string) => text.split(",").map((w) => w.trim()).filter(Boolean);

export function ResourceForm(props: { slug: string; onAdded: (r: Resource) => void; onCancel: () => void }) {
  const form = createForm("resource", ["kind", "title", "summary", "body", "themes", "tags", "authors", "licence", "visibility", "media"]);
  const [kind, setKind] = createSignal<ResourceKind>("fiche");
  const [title, setTitle] = createSignal("");
  const [summary, setSummary] = createSignal("");
  const [body, setBody] = createSignal("");
  const [tags, setTags] = createSignal("");
  const [authors, setAuthors] = createSignal("");
  const [licence, setLicence] = createSignal<Licence>("CC-BY-SA-4.0");
  const [visibility, setVisibility] = createSignal<Visibility>("partners");
  const [files, setFiles] = createSignal<MediaView[]>([]);
  const [theme, setTheme] = createSignal("");
  const [themes] = createResource(() => props.slug, api.themes);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!title().trim()) return form.fail("title", t("field.missing"));
    form.submit(async () => {
      const { resource } = await commonsApi.add(props.slug, {
        kind: kind(), title: title(), summary: summary(), body: body(), tags: list(tags()), authors: list(authors()),
        licence: licence(), visibility: visibility(), media: files().map((f) => f.id), themes: theme() ? [theme()] : [],
      });
      props.onAdded(resource);
    });
  };

  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="resource-form-title">
      <h2 id="resource-form-title">{t("commons.addTitle")}</h2>
      <FormAlert form={form} />
      <SelectField form={form} name="kind" label={t("commons.field.kind")} noMark value={kind()} onValue={(v) => setKind(v as ResourceKind)}
        options={resourceKinds.map((k) => ({ value: k, label: t(`commons.kind.${k}` as MessageKey) }))} />
      <TextField form={form} name="title" label={t("commons.field.title")} required maxLength={200} value={title()} onValue={setTitle} />
      <TextAreaField form={form} name="summary" label={t("commons.field.summary")} rows={2} maxLength={1000} value={summary()} onValue={setSummary} />
      <TextAreaField form={form} name="body" label={t("commons.field.body")} hint={t("commons.field.bodyHint")} rows={8} value={body()} onValue={setBody} />
      <div class="field">
        <p><strong>{t("commons.field.files")}</strong></p>
        <MediaPicker slug={props.slug} purpose="document" files={files()} onChange={setFiles} id="resource-media" />
        <Show when={form.errorFor("media")}>
          <p class="field__error" id="resource-media-error">{form.errorFor("media")}</p>
        </Show>
      </div>
      <SelectField form={form} name="themes" label={t("commons.field.theme")} value={theme()} onValue={setTheme}
        options={[{ value: "", label: "—" }, ...(valueOf(themes)?.themes ?? []).map((th) => ({ value: th.slug, label: lang() === "fr" ? th.labelFr : th.labelEn }))]} />
      <TextField form={form} name="tags" label={t("commons.field.tags")} hint={t("commons.field.tagsHint")} value={tags()} onValue={setTags} />
      <TextField form={form} name="authors" label={t("commons.field.authors")} hint={t("commons.field.authorsHint")} value={authors()} onValue={setAuthors} />
      <SelectField form={form} name="licence" label={t("commons.field.licence")} noMark value={licence()} onValue={(v) => setLicence(v as Licence)}
        options={licences.map((l) => ({ value: l, label: t(`commons.licence.${l}` as MessageKey) }))} />
      <RadioField form={form} name="visibility" legend={t("commons.field.visibility")} value={visibility()} onValue={(v) => setVisibility(v as Visibility)}
        options={visibilities.map((v) => ({ value: v, label: visibilityName(v), detail: t(`visibility.${v}Choice` as MessageKey) }))} />
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={form.busy()}>{t("commons.submit")}</button>
        <button type="button" class="button" onClick={() => props.onCancel()}>{t("app.cancel")}</button>
      </div>
    </form>
  );
}
