import { A } from "@solidjs/router";
import { createEffect, createResource, createSignal, on, Show } from "solid-js";
import { ActingSelector } from "../components/ActingSelector.tsx";
import { actingName } from "../components/ActingBanner.tsx";
import { Loaded, SuccessNotice } from "../components/Notice.tsx";
import { ProfileForm } from "../components/ProfileForm.tsx";
import { Questionnaire } from "../components/Questionnaire.tsx";
import { MemberOffers } from "../offers/MemberOffers.tsx";
import { BlockList } from "../messages/BlockList.tsx";
import { AuthorisedApps } from "../mastodon/AuthorisedApps.tsx";
import { RequireLogin } from "../components/RequireLogin.tsx";
import { actingFor, api } from "../api.ts";
import { t } from "../i18n/index.ts";
import { session } from "../session.ts";

/** `/me`: profile and questionnaire, for oneself or for a sponsored member. */
export default function Profile() {
  const acting = () => actingFor() ?? "";
  // `GET /api/me` answers for whoever we act for (the client adds X-Acting-For).
  const [profile] = createResource(acting, () => api.me());
  const [answers] = createResource(acting, () => api.questionnaire());
  const [themes] = createResource(() => session()?.memberships[0]?.network.slug ?? "", (slug) => api.themes(slug || undefined));
  const [saved, setSaved] = createSignal<string>();
  createEffect(on(actingFor, () => setSaved(undefined), { defer: true }));

  return (
    <RequireLogin>
      <div class="page page--narrow">
        <h1>{actingFor() ? t("me.titleFor", { name: actingName() ?? "" }) : t("me.title")}</h1>
        <ActingSelector />
        <Loaded data={profile}>
          {({ member }) => <ProfileForm member={member} self={member.handle === session()?.member.handle} />}
        </Loaded>
        <MemberOffers />
        <section class="card" aria-labelledby="questionnaire-title">
          <h2 id="questionnaire-title">{t("questionnaire.title")}</h2>
          <Loaded data={themes}>
            {({ themes }) => (
              <Loaded data={answers}>
                {({ answers }) => (
                  <Questionnaire
                    themes={themes}
                    initial={answers}
                    submitLabel={t("app.save")}
                    onSaved={() => setSaved(t("me.questionnaireSaved"))}
                  />
                )}
              </Loaded>
            )}
          </Loaded>
          <SuccessNotice message={saved()} />
        </section>
        <BlockList />
        {/* A sponsored neighbour has no app login: the section is one's own only. */}
        <Show when={!actingFor()}>
          <AuthorisedApps />
        </Show>
        <p class="actions">
          <A href="/messages" class="button">{t("nav.messages")}</A>
          <A href="/me/email" class="button">{t("emailPrefs.link")}</A>
          <A href="/me/following" class="button">{t("following.title")}</A>
          <A href="/me/data" class="button">{t("me.dataLink")}</A>
        </p>
      </div>
    </RequireLogin>
  );
}
