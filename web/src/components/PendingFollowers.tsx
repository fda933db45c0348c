import { A } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { api } from "../api.ts";
import type { Follower } from "../federation-types.ts";
import { createForm } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { ActorName, actorName } from "./ActorName.tsx";
import { FormAlert, Loaded, SuccessNotice } from "./Notice.tsx";

/** Accounts of the fediverse waiting for an animator's approval to follow the network. */
export function PendingFollowers(props: { slug: string; approvesFollowers: boolean }) {
  const [list, { refetch }] = createResource(() => props.slug, (slug) => api.followers(slug, "pending"));
  const form = createForm("followers", []);
  const [done, setDone] = createSignal<string>();
  const decide = (follower: Follower, decision: "accept" | "reject") => {
    setDone(undefined);
    form.submit(async () => {
      await api.decideFollower(props.slug, follower.id, decision);
      const name = actorName(follower.actor);
      setDone(t(decision === "accept" ? "followers.accepted" : "followers.rejected", { name }));
      await refetch();
    });
  };

  return (
    <section class="card" aria-labelledby="followers-title">
      <h2 id="followers-title">{t("followers.title")}</h2>
      <p>{t("followers.intro")}</p>
      <Show when={!props.approvesFollowers}>
        <p class="muted">
          {t("followers.auto")} <A href={`/n/${props.slug}/settings`}>{t("network.settingsLink")}</A>
        </p>
      </Show>
      <FormAlert form={form} />
      <SuccessNotice message={done()} />
      <Loaded data={list}>
        {({ followers }) => (
          <Show when={followers.length} fallback={<p>{t("followers.none")}</p>}>
            <ul class="item-list">
              <For each={followers}>
                {(follower) => (
                  <li class="item">
                    <div class="item__main">
                      <p class="item__title"><ActorName actor={follower.actor} /></p>
                    </div>
                    <div class="item__actions">
                      <button type="button" class="button button--primary" disabled={form.busy()}
                        onClick={() => decide(follower, "accept")}
                        aria-label={t("followers.acceptOf", { name: actorName(follower.actor) })}>
                        {t("followers.accept")}
                      </button>
                      <button type="button" class="button button--danger-outline" disabled={form.busy()}
                        onClick={() => decide(follower, "reject")}
                        aria-label={t("followers.rejectOf", { name: actorName(follower.actor) })}>
                        {t("followers.reject")}
                      </button>
                    </div>
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
