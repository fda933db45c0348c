import { useParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { BackLink } from "../components/BackLink.tsx";
import { FederationSettings } from "../components/FederationSettings.tsx";
import { NetworkIconForm } from "../components/NetworkIconForm.tsx";
import { CheckboxField, TextAreaField, TextField } from "../components/Field.tsx";
import { ErrorNotice, FormAlert, Loaded, SuccessNotice } from "../components/Notice.tsx";
import { RequireLogin } from "../components/RequireLogin.tsx";
import { api } from "../api.ts";
import { createForm } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { canAnimate, createNetworkResource } from "../network.ts";
import { renameNetwork } from "../session.ts";
import type { Network, NetworkChanges } from "../types.ts";

/** `/n/:slug/settings`: animators edit what members and visitors read about their network. */
export default function NetworkSettings() {
  const params = useParams<{ slug: string }>();
  const [data] = createNetworkResource(() => params.slug);
  // The name as last saved, so the title and the way back follow a renaming.
  const [name, setName] = createSignal<string>();

  return (
    <RequireLogin>
      <Loaded data={data}>
        {({ network, myRole }) => (
          <div class="page page--narrow">
            <BackLink href={`/n/${network.slug}`} label={name() ?? network.name} />
            <h1>{t("settings.title", { network: name() ?? network.name })}</h1>
            <Show when={canAnimate(myRole)} fallback={<ErrorNotice message={t("settings.only")} />}>
              <SettingsForm network={network} onSaved={(saved) => setName(saved.name)} />
              <NetworkIconForm network={network} />
              <FederationSettings network={network} />
            </Show>
          </div>
        )}
      </Loaded>
    </RequireLogin>
  );
}

const fields = ["name", "area", "description", "rules", "approvesFollowers"] as const;

function SettingsForm(props: { network: Network; onSaved: (network: Network) => void }) {
  const form = createForm("settings", fields);
  const valuesOf = (network: Network) => ({
    name: network.name,
    area: network.area ?? "",
    description: network.description ?? "",
    rules: network.rules ?? "",
    approvesFollowers: network.approvesFollowers,
  });
  let saved = valuesOf(props.network);
  const [draft, setDraft] = createStore({ ...saved });
  const [done, setDone] = createSignal<string>();

  // Only what changed is sent, so the network's history says what was edited.
  const changes = (): NetworkChanges => {
    const out: NetworkChanges = {};
    if (draft.name.trim() !== saved.name) out.name = draft.name.trim();
    if (draft.area.trim() !== saved.area) out.area = draft.area.trim();
    if (draft.description !== saved.description) out.description = draft.description;
    if (draft.rules !== saved.rules) out.rules = draft.rules;
    if (draft.approvesFollowers !== saved.approvesFollowers) out.approvesFollowers = draft.approvesFollowers;
    return out;
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setDone(undefined);
    if (!draft.name.trim()) return form.fail("name", t("field.missing"));
    form.submit(async () => {
      const body = changes();
      if (Object.keys(body).length) {
        const { network } = await api.updateNetwork(props.network.slug, body);
        saved = valuesOf(network);
        setDraft({ ...saved });
        renameNetwork(network.slug, network.name);
        props.onSaved(network);
      }
      setDone(t("app.saved"));
    });
  };

  return (
    <form class="card" onSubmit={submit} noValidate>
      <p>{t("settings.intro")}</p>
      <FormAlert form={form} />
      <TextField form={form} name="name" label={t("admin.name")} required maxLength={120}
        value={draft.name} onValue={(v) => setDraft("name", v)} />
      <TextField form={form} name="area" label={t("admin.area")} maxLength={200}
        value={draft.area} onValue={(v) => setDraft("area", v)} />
      <TextAreaField form={form} name="description" label={t("admin.description")} hint={t("settings.descriptionHint")}
        rows={5} maxLength={5000} value={draft.description} onValue={(v) => setDraft("description", v)} />
      <TextAreaField form={form} name="rules" label={t("admin.rules")} hint={t("settings.rulesHint")}
        rows={5} maxLength={10000} value={draft.rules} onValue={(v) => setDraft("rules", v)} />
      <CheckboxField form={form} name="approvesFollowers" label={t("settings.approvesFollowers")}
        hint={t("settings.approvesFollowersHint")} checked={draft.approvesFollowers}
        onChange={(v) => setDraft("approvesFollowers", v)} />
      <button type="submit" class="button button--primary" disabled={form.busy()}>{t("app.save")}</button>
      <SuccessNotice message={done()} />
    </form>
  );
}
