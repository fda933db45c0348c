// The Mastodon apps the member let into their account, on their profile:
// which, with what rights, since when, and « Retirer l'accès ».
import { createResource, For, Show } from "solid-js";
import { FormAlert, Loaded } from "../components/Notice.tsx";
import { apiRequest } from "../api.ts";
import { createForm } from "../forms.ts";
import { formatDateTime, t } from "../i18n/index.ts";
import type { authorisedApps } from "../../../server/mastodon/oauth/grants.ts";

type App = Omit<Awaited<ReturnType<typeof authorisedApps>>[number], "createdAt" | "lastUsedAt"> & { createdAt: string; lastUsedAt: string | null };

const appsApi = {
  list: () => apiRequest<{ apps: App[] }>("GET", "/me/apps"),
  revoke: (id: string) => apiRequest<void>("DELETE", `/me/apps/${encodeURIComponent(id)}`),
};

export function AuthorisedApps() {
  const [list, { refetch }] = createResource(() => appsApi.list());
  const form = createForm("revokeApp", []);
  const revoke = (app: App) =>
    form.submit(async () => {
      await appsApi.revoke(app.id);
      void refetch();
    });
  return (
    <section class="card" aria-labelledby="apps-title">
      <h2 id="apps-title">{t("mastodonApps.title")}</h2>
      <p>{t("mastodonApps.intro")}</p>
      <FormAlert form={form} />
      <Loaded data={list}>
        {({ apps }) => (
          <Show when={apps.length} fallback={<p>{t("mastodonApps.none")}</p>}>
            <ul class="item-list">
              <For each={apps}>
                {(app) => (
                  <li class="item">
                    <div class="item__main">
                      <p class="item__title">{app.name}</p>
                      <p>{t("mastodonApps.since", { date: formatDateTime(app.createdAt) })} · {t("mastodonApps.rights", { scopes: app.scopes.join(", ") })}</p>
                    </div>
                    <button type="button" class="button" disabled={form.busy()} onClick={() => revoke(app)} aria-label={t("mastodonApps.revokeName", { name: app.name })}>
                      {t("mastodonApps.revoke")}
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Loaded>
    </section>
  );
}
