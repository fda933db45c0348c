import { AdminMailNotice } from "../mail/AdminMailNotice.tsx";
import { A } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { CheckboxField, TextAreaField, TextField } from "../components/Field.tsx";
import { ErrorNotice, FormAlert, Loaded, SuccessNotice, valueOf } from "../components/Notice.tsx";
import { RequireLogin } from "../components/RequireLogin.tsx";
import { api } from "../api.ts";
import { createForm } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { memberCount } from "../network.ts";
import { loadSession, session } from "../session.ts";

/** `/admin/networks`: the instance admin creates networks. */
export default function AdminNetworks() {
  const [list, { refetch }] = createResource(api.networks);
  return (
    <RequireLogin>
      <div class="page">
        <h1>{t("admin.title")}</h1>
        <Show when={session()?.member.isAdmin} fallback={<ErrorNotice message={t("admin.only")} />}>
          <AdminMailNotice />
          <p>
            <A href="/admin/federation" class="link-tile">
              <strong>{t("admin.federationLink")}</strong>
              <span>{t("admin.federationText")}</span>
            </A>
          </p>
          <CreateNetwork first={valueOf(list)?.networks.length === 0} onCreated={() => void refetch()} />
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

const fields = ["slug", "name", "description", "area", "rules", "joinAsPilot"] as const;

/** « Les Lilas d'Été » → "les-lilas-d-ete": the short address proposed from the name. */
export const slugOf = (name: string) =>
  name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+/, "").slice(0, 30).replace(/-+$/, "");

function CreateNetwork(props: { first: boolean; onCreated: () => void }) {
  const form = createForm("network", fields);
  const empty = { slug: "", name: "", description: "", area: "", rules: "" };
  const [draft, setDraft] = createStore({ ...empty });
  const [done, setDone] = createSignal<{ slug: string; name: string; joined: boolean }>();
  // The address follows the name until the admin types one of their own.
  const [slugTouched, setSlugTouched] = createSignal(false);
  // By default the instance's first network gets its admin as first pilot.
  const [pilot, setPilot] = createSignal<boolean>();
  const joinAsPilot = () => pilot() ?? props.first;
  const setName = (name: string) => {
    setDraft("name", name);
    if (!slugTouched()) setDraft("slug", slugOf(name));
  };

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
        joinAsPilot: joinAsPilot(),
      });
      // The header and the menu now know the new membership.
      if (joinAsPilot()) await loadSession();
      setDone({ slug: network.slug, name: network.name, joined: joinAsPilot() });
      setDraft({ ...empty });
      setSlugTouched(false);
      props.onCreated();
    });
  };

  return (
    <form class="card" onSubmit={submit} noValidate>
      <h2>{t("admin.create")}</h2>
      <FormAlert form={form} />
      <TextField form={form} name="name" label={t("admin.name")} required maxLength={120}
        value={draft.name} onValue={setName} />
      <TextField form={form} name="slug" label={t("admin.slug")} hint={t("admin.slugHint")} required maxLength={30}
        autocapitalize="none" value={draft.slug} onValue={(v) => { setSlugTouched(true); setDraft("slug", v); }} />
      <TextField form={form} name="area" label={t("admin.area")} maxLength={200}
        value={draft.area} onValue={(v) => setDraft("area", v)} />
      <TextAreaField form={form} name="description" label={t("admin.description")} rows={4}
        value={draft.description} onValue={(v) => setDraft("description", v)} />
      <TextAreaField form={form} name="rules" label={t("admin.rules")} rows={4}
        value={draft.rules} onValue={(v) => setDraft("rules", v)} />
      <CheckboxField form={form} name="joinAsPilot" label={t("admin.joinAsPilot")} hint={t("admin.joinAsPilotHint")}
        checked={joinAsPilot()} onChange={setPilot} />
      <button type="submit" class="button button--primary" disabled={form.busy()}>{t("admin.submit")}</button>
      <SuccessNotice message={done() && t(done()!.joined ? "admin.createdPilot" : "admin.created", { name: done()!.name })} />
      <Show when={done()}>
        {(created) => <p><A href={`/n/${created().slug}`} class="button">{t("admin.goTo", { name: created().name })}</A></p>}
      </Show>
    </form>
  );
}
