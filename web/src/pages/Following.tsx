import { A } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { actingName } from "../components/ActingBanner.tsx";
import { ActorName, actorName } from "../components/ActorName.tsx";
import { TextField } from "../components/Field.tsx";
import { FormAlert, Loaded, SuccessNotice } from "../components/Notice.tsx";
import { RequireLogin } from "../components/RequireLogin.tsx";
import { actingFor, api } from "../api.ts";
import type { Following as Follow } from "../federation-types.ts";
import { createForm } from "../forms.ts";
import { t, type MessageKey } from "../i18n/index.ts";

/** `/me/following`: accounts and networks of the fediverse I follow (or the person I act for follows). */
export default function Following() {
  const [list, { refetch }] = createResource(() => actingFor() ?? "", () => api.following());
  const [done, setDone] = createSignal<string>();
  const changed = (message: string) => {
    setDone(message);
    void refetch();
  };
  return (
    <RequireLogin>
      <div class="page page--narrow">
        <h1>{actingFor() ? t("following.titleFor", { name: actingName() ?? "" }) : t("following.title")}</h1>
        <p class="lead">{t("following.intro")}</p>
        <p><A href="/feed" class="button">{t("nav.feed")}</A></p>
        <FollowForm onFollowed={changed} />
        <section class="card" aria-labelledby="following-list">
          <h2 id="following-list">{t("following.list")}</h2>
          <SuccessNotice message={done()} />
          <Loaded data={list}>
            {({ following }) => <FollowList following={following} onChange={changed} />}
          </Loaded>
        </section>
      </div>
    </RequireLogin>
  );
}

function FollowForm(props: { onFollowed: (message: string) => void }) {
  const form = createForm("follow", ["target"]);
  const [target, setTarget] = createSignal("");
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!target().trim()) return form.fail("target", t("field.missing"));
    form.submit(async () => {
      const { following } = await api.follow(target().trim());
      const name = actorName(following.actor);
      setTarget("");
      props.onFollowed(t(following.state === "accepted" ? "following.added" : "following.requested", { name }));
    });
  };
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="follow-title">
      <h2 id="follow-title">{t("following.add")}</h2>
      <FormAlert form={form} />
      <TextField form={form} name="target" label={t("following.target")} hint={t("following.targetHint")} required
        autocapitalize="none" autocomplete="off" maxLength={500} value={target()} onValue={setTarget} />
      <button type="submit" class="button button--primary" disabled={form.busy()}>{t("following.submit")}</button>
    </form>
  );
}

function FollowList(props: { following: Follow[]; onChange: (message: string) => void }) {
  const form = createForm("unfollow", []);
  const unfollow = (follow: Follow) => {
    const name = actorName(follow.actor);
    if (!window.confirm(t("following.unfollowConfirm", { name }))) return;
    form.submit(async () => {
      await api.unfollow(follow.id);
      props.onChange(t("following.removed", { name }));
    });
  };
  return (
    <>
      <FormAlert form={form} />
      <Show when={props.following.length} fallback={<p>{t("following.none")}</p>}>
        <ul class="item-list">
          <For each={props.following}>
            {(follow) => (
              <li class="item">
                <div class="item__main">
                  <p class="item__title"><ActorName actor={follow.actor} /></p>
                  <p>
                    <span class={`badge badge--${follow.state}`}>{t(`following.state.${follow.state}` as MessageKey)}</span>
                  </p>
                </div>
                <button type="button" class="button button--danger-outline" disabled={form.busy()} onClick={() => unfollow(follow)}
                  aria-label={t("following.unfollowOf", { name: actorName(follow.actor) })}>
                  {t("following.unfollow")}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </>
  );
}
