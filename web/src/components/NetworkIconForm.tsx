// The network's logo, on its page and as its icon on Mastodon: animators pick
// a photo (uploaded at once), then save or remove it.
import { createSignal, Show } from "solid-js";
import { api } from "../api.ts";
import { createForm } from "../forms.ts";
import { t } from "../i18n/index.ts";
import type { MediaView, Network } from "../types.ts";
import { MediaPicker } from "./MediaPicker.tsx";
import { FormAlert, SuccessNotice } from "./Notice.tsx";

export function NetworkIconForm(props: { network: Network }) {
  const form = createForm("icon", ["media"]);
  const [current, setCurrent] = createSignal(props.network.iconUrl ?? null);
  const [chosen, setChosen] = createSignal<MediaView[]>([]);
  const [saved, setSaved] = createSignal<string>();

  const save = (media: string | null) =>
    form.submit(async () => {
      setSaved(undefined);
      const { iconUrl } = await api.setNetworkIcon(props.network.slug, media);
      setCurrent(iconUrl);
      setChosen([]);
      setSaved(iconUrl ? t("icon.saved") : t("icon.removed"));
    });

  return (
    <section class="card" aria-labelledby="icon-title">
      <h2 id="icon-title">{t("icon.title")}</h2>
      <p>{t("icon.intro")}</p>
      <Show when={current()}>
        {(url) => (
          <p class="icon-preview">
            <img src={url()} alt={t("icon.alt", { network: props.network.name })} class="network-icon network-icon--large" />
            <button type="button" class="button" disabled={form.busy()} onClick={() => save(null)}>{t("icon.remove")}</button>
          </p>
        )}
      </Show>
      <MediaPicker slug={props.network.slug} purpose="photo" max={1} files={chosen()} onChange={setChosen} id="icon-file" />
      <FormAlert form={form} />
      <SuccessNotice message={saved()} />
      <Show when={chosen().length}>
        <button type="button" class="button button--primary" disabled={form.busy()} onClick={() => save(chosen()[0].id)}>{t("icon.save")}</button>
      </Show>
    </section>
  );
}
