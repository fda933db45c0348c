// In the network's settings: whom it federates with (everyone, or only a list
// of servers besides its partners'), and that list.
import { createResource, createSignal, For, Show } from "solid-js";
import { api } from "../api.ts";
import { createForm } from "../forms.ts";
import { t } from "../i18n/index.ts";
import type { FederationMode, Network } from "../types.ts";
import { RadioField, TextField } from "./Field.tsx";
import { FormAlert, Loaded, SuccessNotice } from "./Notice.tsx";

export function FederationSettings(props: { network: Network }) {
  return (
    <section class="card" aria-labelledby="federation-title">
      <h2 id="federation-title">{t("federation.title")}</h2>
      <p>{t("federation.intro")}</p>
      <ModeForm network={props.network} />
      <AllowedHosts slug={props.network.slug} />
    </section>
  );
}

function ModeForm(props: { network: Network }) {
  const form = createForm("federation", ["federationMode"]);
  const [mode, setMode] = createSignal<FederationMode>(props.network.federationMode ?? "open");
  const [done, setDone] = createSignal<string>();
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setDone(undefined);
    form.submit(async () => {
      const { network } = await api.updateNetwork(props.network.slug, { federationMode: mode() });
      setMode(network.federationMode);
      setDone(t("app.saved"));
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <FormAlert form={form} />
      <RadioField form={form} name="federationMode" legend={t("federation.mode")} value={mode()}
        onValue={(v) => setMode(v as FederationMode)}
        options={[
          { value: "open", label: t("federation.open"), detail: t("federation.openChoice") },
          { value: "allowlist", label: t("federation.allowlist"), detail: t("federation.allowlistChoice") },
        ]} />
      <button type="submit" class="button button--primary" disabled={form.busy()}>{t("federation.saveMode")}</button>
      <SuccessNotice message={done()} />
    </form>
  );
}

function AllowedHosts(props: { slug: string }) {
  const [list, { refetch }] = createResource(() => props.slug, api.allowedHosts);
  const form = createForm("allowed", ["host"]);
  const removing = createForm("disallow", []);
  const [host, setHost] = createSignal("");
  const [done, setDone] = createSignal<string>();
  const changed = async (message: string) => {
    setDone(message);
    await refetch();
  };
  const add = (event: SubmitEvent) => {
    event.preventDefault();
    setDone(undefined);
    if (!host().trim()) return form.fail("host", t("field.missing"));
    form.submit(async () => {
      await api.allowHost(props.slug, host().trim());
      const added = host().trim().toLowerCase();
      setHost("");
      await changed(t("federation.hostAdded", { host: added }));
    });
  };
  const remove = (name: string) => {
    setDone(undefined);
    removing.submit(async () => {
      await api.disallowHost(props.slug, name);
      await changed(t("federation.hostRemoved", { host: name }));
    });
  };

  return (
    <div class="subsection">
      <h3 id="allowed-title">{t("federation.hosts")}</h3>
      <p class="field__hint">{t("federation.hostsHint")}</p>
      <FormAlert form={removing} />
      <SuccessNotice message={done()} />
      <Loaded data={list}>
        {({ hosts }) => (
          <Show when={hosts.length} fallback={<p>{t("federation.hostsNone")}</p>}>
            <ul class="item-list" aria-labelledby="allowed-title">
              <For each={hosts}>
                {(name) => (
                  <li class="item item--compact">
                    <span class="item__title code-like">{name}</span>
                    <button type="button" class="button button--small" disabled={removing.busy()} onClick={() => remove(name)}
                      aria-label={t("federation.removeHostOf", { host: name })}>
                      {t("federation.removeHost")}
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Loaded>
      <form onSubmit={add} noValidate class="inline-form">
        <FormAlert form={form} />
        <TextField form={form} name="host" label={t("federation.host")} hint={t("federation.hostHint")} required
          autocapitalize="none" autocomplete="off" maxLength={300} value={host()} onValue={setHost} />
        <button type="submit" class="button" disabled={form.busy()}>{t("federation.addHost")}</button>
      </form>
    </div>
  );
}
