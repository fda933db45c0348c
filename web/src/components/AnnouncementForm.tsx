// Posting an announcement: a big text box, who may read it (network by
// default), and for animators the choice to speak in the network's name.
import { createSignal, Show } from "solid-js";
import { actingFor, api } from "../api.ts";
import type { Announcement, Visibility } from "../federation-types.ts";
import { createForm } from "../forms.ts";
import { t, type MessageKey } from "../i18n/index.ts";
import type { MediaView } from "../types.ts";
import { actingName } from "./ActingBanner.tsx";
import { MAX_CONTENT } from "./AnnouncementItem.tsx";
import { CheckboxField, RadioField, TextAreaField } from "./Field.tsx";
import { createPendingWork, MediaPicker } from "./MediaPicker.tsx";
import { FormAlert } from "./Notice.tsx";
import { visibilities, visibilityName } from "./VisibilityBadge.tsx";

interface Props {
  slug: string;
  canAnimate: boolean;
  onPosted: (a: Announcement) => void;
  onCancel: () => void;
}

export function AnnouncementForm(props: Props) {
  const form = createForm("post", ["content", "visibility", "asNetwork"]);
  const [content, setContent] = createSignal("");
  const [visibility, setVisibility] = createSignal<Visibility>("network");
  const [asNetwork, setAsNetwork] = createSignal(false);
  const [photos, setPhotos] = createSignal<MediaView[]>([]);
  const pending = createPendingWork();
  // A sponsor acting for someone posts for them, never in the network's name.
  const mayPostAsNetwork = () => props.canAnimate && !actingFor();

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!content().trim()) return form.fail("content", t("field.missing"));
    form.submit(async () => {
      await pending.idle();
      const { announcement } = await api.postAnnouncement(props.slug, {
        content: content(),
        visibility: visibility(),
        ...(mayPostAsNetwork() && asNetwork() ? { asNetwork: true } : {}),
        ...(photos().length ? { photos: photos().map((p) => p.id) } : {}),
      });
      props.onPosted(announcement);
    });
  };

  return (
    <form class="card post-form" onSubmit={submit} noValidate aria-labelledby="post-title">
      <h2 id="post-title">{t("post.title")}</h2>
      <Show when={actingFor()}>
        <p class="notice notice--warn">{t("post.forSomeone", { name: actingName() ?? "" })}</p>
      </Show>
      <FormAlert form={form} />
      <TextAreaField form={form} name="content" label={t("post.content")} hint={t("post.contentHint")} required
        rows={6} maxLength={MAX_CONTENT} value={content()} onValue={setContent} />
      <Show when={content().length > MAX_CONTENT * 0.8}>
        <p class="field__hint" aria-live="polite">{t("post.count", { count: content().length, max: MAX_CONTENT })}</p>
      </Show>
      <MediaPicker slug={props.slug} purpose="photo" max={4} files={photos()} onChange={setPhotos} id="post-photos" pending={pending} />
      <RadioField form={form} name="visibility" legend={t("post.visibility")} value={visibility()}
        onValue={(v) => setVisibility(v as Visibility)}
        options={visibilities.map((v) => ({
          value: v,
          label: visibilityName(v),
          detail: t(`visibility.${v}Choice` as MessageKey),
        }))} />
      <Show when={mayPostAsNetwork()}>
        <CheckboxField form={form} name="asNetwork" label={t("post.asNetwork")} hint={t("post.asNetworkHint")}
          checked={asNetwork()} onChange={setAsNetwork} />
      </Show>
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={form.busy()}>{t("post.submit")}</button>
        <button type="button" class="button" onClick={() => props.onCancel()}>{t("app.cancel")}</button>
      </div>
    </form>
  );
}
