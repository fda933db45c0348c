// Who sees the figures besides the animation group: everyone (the totals),
// the partner networks, and — for a regional network — its partners' totals.
import { createResource, Show } from "solid-js";
import { CheckboxField } from "../components/Field.tsx";
import { FormAlert, SuccessNotice, valueOf } from "../components/Notice.tsx";
import { createForm } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { impactApi, type ImpactSettingsView } from "./api.ts";
import { createSignal } from "solid-js";

export function ImpactSettings(props: { slug: string; onChange: () => void }) {
  const [settings, { mutate }] = createResource(() => props.slug, impactApi.settings);
  const form = createForm("impact-settings", ["publicSummary", "shareWithPartners", "showPartners"]);
  const [saved, setSaved] = createSignal<string>();
  const change = (key: keyof ImpactSettingsView, value: boolean) =>
    form.submit(async () => {
      setSaved(undefined);
      mutate(await impactApi.saveSettings(props.slug, { [key]: value }));
      setSaved(t("app.saved"));
      props.onChange();
    });
  return (
    <section class="card no-print" aria-labelledby="impact-settings-title">
      <h2 id="impact-settings-title">{t("impact.settings")}</h2>
      <p>{t("impact.settings.intro")}</p>
      <FormAlert form={form} />
      <Show when={valueOf(settings)}>
        {(s) => (
          <>
            <CheckboxField form={form} name="publicSummary" label={t("impact.settings.publicSummary")} checked={s().publicSummary} onChange={(v) => change("publicSummary", v)} />
            <CheckboxField form={form} name="shareWithPartners" label={t("impact.settings.shareWithPartners")} checked={s().shareWithPartners} onChange={(v) => change("shareWithPartners", v)} />
            <CheckboxField form={form} name="showPartners" label={t("impact.settings.showPartners")} checked={s().showPartners} onChange={(v) => change("showPartners", v)} />
          </>
        )}
      </Show>
      <SuccessNotice message={saved()} />
    </section>
  );
}
