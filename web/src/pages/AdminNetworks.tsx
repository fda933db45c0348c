import { A } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { TextAreaField, TextField } from "../components/Field.tsx";
import { ErrorNotice, FormAlert, Loaded, SuccessNotice } from "../components/Notice.tsx";
import { RequireLogin } from "../components/RequireLogin.tsx";
import { api } from "../api.ts";
import { createForm } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { memberCount } from "../network.ts";
import { session } from "../session.ts";

/** `/admin/networks`: the instance admin creates networks. */
export default function AdminNetworks() {
  const [list, { refetch }] = createResource(api.networks);
  return (
    <RequireLogin>
      <div class="page">
        <h1>{t("admin.title")}</h1>
        <Show when={session()?.member.isAdmin} fallback={<ErrorNotice message={t("admin.only")} />}>
          <p>
            <A href="/admin/federation" class="link-tile">
              <strong>{t("admin.federationLink")}</strong>
              <span>{t("admin.federationText")}</span>
            </A>
          </p>
          <CreateNetwork onCreated={() => void refetch()} />
        </Show>
        <section class="card" aria-labelledby="networks-title">
          <h2 id="networks-title">{t("admin.list")}</h2>
          <Loaded data={list}>
            {({ networks }) => (
              <Show when={networks.length} fallback={<p>{t("admin.none")}</p>}>
                <ul class="link-list">
                  <For each={networks}>
                    {(network) => (
                      <li>
                        <A href={`/n/${network.slug}`} class="link-tile">
                          <strong>{network.name}</strong>
                          <span>
                            {[network.area, memberCount(network.memberCount)].filter(Boolean).join(" · ")}
                          </span>
                        </A>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            )}
          </Loaded>
        </section>
      </div>
    </RequireLogin>
  );
}

const fields = ["slug", "name", "description", "area", "rules"] as const;

function CreateNetwork(props: { onCreated: () => void }) {
  const form = createForm("network", fields);
  const empty = { slug: "", name: "", description: "", area: "", rules: "" };
  const [draft, setDraft] = createStore({ ...empty });
  const [done, setDone] = createSignal<string>();

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setDone(undefined);
    if (!draft.slug.trim()) return form.fail("slug", t("field.missing"));
    if (!draft.name.trim()) return form.fail("name", t("field.missing"));
    form.submit(async () => {
      const optional = (value: string) => (value.trim() ? value.trim() : undefined);
      const { network } = await api.createNetwork({
        slug: draft.slug.trim().toLowerCase(),
        name: draft.name.trim(),
        description: optional(draft.description),
        area: optional(draft.area),
        rules: optional(draft.rules),
      });
      setDone(t("admin.created", { name: network.name }));
      setDraft({ ...empty });
      props.onCreated();
    });
  };

  return (
    <form class="card" onSubmit={submit} noValidate>
      <h2>{t("admin.create")}</h2>
      <FormAlert form={form} />
      <TextField form={form} name="name" label={t("admin.name")} required maxLength={120}
        value={draft.name} onValue={(v) => setDraft("name", v)} />
      <TextField form={form} name="slug" label={t("admin.slug")} hint={t("admin.slugHint")} required maxLength={30}
        autocapitalize="none" value={draft.slug} onValue={(v) => setDraft("slug", v)} />
      <TextField form={form} name="area" label={t("admin.area")} maxLength={200}
        value={draft.area} onValue={(v) => setDraft("area", v)} />
      <TextAreaField form={form} name="description" label={t("admin.description")} rows={4}
        value={draft.description} onValue={(v) => setDraft("description", v)} />
      <TextAreaField form={form} name="rules" label={t("admin.rules")} rows={4}
        value={draft.rules} onValue={(v) => setDraft("rules", v)} />
      <button type="submit" class="button button--primary" disabled={form.busy()}>{t("admin.submit")}</button>
      <SuccessNotice message={done()} />
    </form>
  );
}
