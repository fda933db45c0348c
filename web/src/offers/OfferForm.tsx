// Posting an offer (« je propose ») or a request (« je cherche »): title,
// theme, details, availability, an approximate place, a photo, and who may
// see it (the network by default). The same form edits an offer (its
// visibility is kept: who already saw it keeps seeing it).
import { createResource, createSignal, Show } from "solid-js";
import { actingFor, api } from "../api.ts";
import type { Visibility } from "../federation-types.ts";
import { createForm } from "../forms.ts";
import { t, type MessageKey } from "../i18n/index.ts";
import { offersApi, type OfferDetail, type OfferKind } from "./api.ts";
import type { MediaView } from "../types.ts";
import { actingName } from "../components/ActingBanner.tsx";
import { RadioField, SelectField, TextAreaField, TextField } from "../components/Field.tsx";
import { MediaPicker } from "../components/MediaPicker.tsx";
import { FormAlert, valueOf } from "../components/Notice.tsx";
import { themeLabel } from "./OfferCard.tsx";
import { visibilities, visibilityName } from "../components/VisibilityBadge.tsx";

interface Props {
  slug: string;
  kind: OfferKind;
  /** The offer being edited, or none for a new one. */
  editing?: OfferDetail;
  onPosted: (offer: OfferDetail) => void;
  onCancel: () => void;
}

export function OfferForm(props: Props) {
  const form = createForm("offer", ["title", "theme", "body", "availability", "availableFrom", "availableUntil", "place", "media", "visibility"]);
  const [themes] = createResource(() => props.slug, async (slug) => (await api.themes(slug)).themes);
  const was = props.editing;
  const [title, setTitle] = createSignal(was?.title ?? "");
  const [theme, setTheme] = createSignal(was?.theme.slug ?? "");
  const [body, setBody] = createSignal(was?.body ?? "");
  const [availability, setAvailability] = createSignal(was?.availability ?? "");
  const [from, setFrom] = createSignal(was?.availableFrom?.slice(0, 10) ?? "");
  const [until, setUntil] = createSignal(was?.availableUntil?.slice(0, 10) ?? "");
  const [place, setPlace] = createSignal(was?.place ?? "");
  const [photos, setPhotos] = createSignal<MediaView[]>(was ? was.photos.map((p) => photoView(p, was.title)) : []);
  const [visibility, setVisibility] = createSignal<Visibility>(was?.visibility ?? "network");

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!title().trim()) return form.fail("title", t("field.missing"));
    if (!theme()) return form.fail("theme", t("field.missing"));
    const fields = {
      title: title(), theme: theme(), body: body(), availability: availability(), place: place(),
      availableFrom: from() || null, availableUntil: until() || null, media: photos().map((p) => p.id),
    };
    form.submit(async () => {
      const { offer } = was
        ? await offersApi.edit(was.id, fields)
        : await offersApi.post(props.slug, { ...fields, kind: props.kind, visibility: visibility() });
      props.onPosted(offer);
    });
  };

  return (
    <form class="card post-form offer-form" onSubmit={submit} noValidate aria-labelledby="offer-form-title">
      <h2 id="offer-form-title">{was ? t("offerForm.titleEdit") : t(props.kind === "offer" ? "offerForm.titleOffer" : "offerForm.titleRequest")}</h2>
      <Show when={actingFor()}>
        <p class="notice notice--warn">{t("offerForm.forSomeone", { name: actingName() ?? "" })}</p>
      </Show>
      <FormAlert form={form} />
      <TextField form={form} name="title" label={t("offerForm.what")} hint={t("offerForm.whatHint")} required maxLength={120} value={title()} onValue={setTitle} />
      <SelectField form={form} name="theme" label={t("offerForm.theme")} required value={theme()} onValue={setTheme}
        options={[{ value: "", label: t("offerForm.chooseTheme") }, ...(valueOf(themes) ?? []).map((th) => ({ value: th.slug, label: themeLabel(th) }))]} />
      <TextAreaField form={form} name="body" label={t("offerForm.body")} hint={t("offerForm.bodyHint")} rows={4} maxLength={5000} value={body()} onValue={setBody} />
      <TextField form={form} name="availability" label={t("offerForm.availability")} hint={t("offerForm.availabilityHint")} maxLength={300} value={availability()} onValue={setAvailability} />
      <div class="field-row">
        <TextField form={form} name="availableFrom" type="date" label={t("offerForm.from")} value={from()} onValue={setFrom} />
        <TextField form={form} name="availableUntil" type="date" label={t("offerForm.until")} value={until()} onValue={setUntil} />
      </div>
      <TextField form={form} name="place" label={t("offerForm.place")} hint={t("offerForm.placeHint")} maxLength={120} value={place()} onValue={setPlace} />
      <fieldset class="field">
        <legend>{t("offerForm.photo")} <span class="field__mark">{t("app.optional")}</span></legend>
        <Show when={form.errorFor("media")}><p class="field__error">{form.errorFor("media")}</p></Show>
        <MediaPicker slug={props.slug} purpose="photo" files={photos()} onChange={setPhotos} max={1} id="offer-photo" />
      </fieldset>
      <Show when={!was}>
        <RadioField form={form} name="visibility" legend={t("offerForm.visibility")} value={visibility()}
          onValue={(v) => setVisibility(v as Visibility)}
          options={visibilities.map((v) => ({ value: v, label: visibilityName(v), detail: t(`visibility.${v}Choice` as MessageKey) }))} />
      </Show>
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={form.busy()}>{t(was ? "offerForm.saveEdit" : "offerForm.submit")}</button>
        <button type="button" class="button" onClick={() => props.onCancel()}>{t("app.cancel")}</button>
      </div>
    </form>
  );
}

/** An offer's photo as the picker shows it (already uploaded and attached). */
const photoView = (photo: OfferDetail["photos"][number], title: string): MediaView => ({
  id: photo.id, url: photo.url, contentType: "image/jpeg", size: 0, name: title, description: "", width: photo.width, height: photo.height,
});
