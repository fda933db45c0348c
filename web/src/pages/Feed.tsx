import { A } from "@solidjs/router";
import { createEffect, createResource, createSignal, For, Show } from "solid-js";
import { actingName } from "../components/ActingBanner.tsx";
import { ActorName } from "../components/ActorName.tsx";
import { ErrorNotice, FormAlert, Loading, valueOf } from "../components/Notice.tsx";
import { RequireLogin } from "../components/RequireLogin.tsx";
import { actingFor, api } from "../api.ts";
import type { FeedPost } from "../federation-types.ts";
import { createForm, problemOf } from "../forms.ts";
import { formatDateTime, t } from "../i18n/index.ts";

const PAGE_SIZE = 20;

/** `/feed`: posts of the accounts and networks I follow, newest first. */
export default function Feed() {
  const [firstPage] = createResource(() => actingFor() ?? "", () => api.feed());
  const [posts, setPosts] = createSignal<FeedPost[]>([]);
  const [hasMore, setHasMore] = createSignal(false);
  const more = createForm("feed-more", []);
  createEffect(() => {
    const page = valueOf(firstPage);
    if (!page) return;
    setPosts(page.posts);
    setHasMore(page.posts.length >= PAGE_SIZE);
  });
  const loadMore = () =>
    more.submit(async () => {
      const { posts: older } = await api.feed(posts().at(-1)?.published);
      const known = new Set(posts().map((p) => p.id));
      setPosts([...posts(), ...older.filter((p) => !known.has(p.id))]);
      setHasMore(older.length >= PAGE_SIZE);
    });

  return (
    <RequireLogin>
      <div class="page page--narrow">
        <h1>{actingFor() ? t("feed.titleFor", { name: actingName() ?? "" }) : t("feed.title")}</h1>
        <p class="lead">{t("feed.intro")}</p>
        <p><A href="/me/following" class="button">{t("feed.manage")}</A></p>
        <Show when={firstPage.state !== "errored"} fallback={<ErrorNotice message={problemOf(firstPage.error).message} />}>
          <Show when={valueOf(firstPage)} fallback={<Loading />}>
            <Show when={posts().length} fallback={<p class="card">{t("feed.none")}</p>}>
              <ol class="feed">
                <For each={posts()}>{(post) => <li><Post post={post} /></li>}</For>
              </ol>
            </Show>
          </Show>
        </Show>
        <FormAlert form={more} />
        <Show when={hasMore()}>
          <button type="button" class="button load-more" disabled={more.busy()} onClick={loadMore}>{t("feed.loadMore")}</button>
        </Show>
      </div>
    </RequireLogin>
  );
}

function Post(props: { post: FeedPost }) {
  const p = () => props.post;
  return (
    <article class="card announcement" aria-labelledby={`post-${p().id}`}>
      <Show when={p().via}>
        {(via) => <p class="announcement__via">{t("feed.via", { name: via().name?.trim() || via().handle || via().id })}</p>}
      </Show>
      <h2 class="announcement__author" id={`post-${p().id}`}><ActorName actor={p().author} /></h2>
      <p class="announcement__meta">
        <a href={p().url} rel="nofollow noopener noreferrer" title={t("feed.open")}>
          <time datetime={p().published}>{formatDateTime(p().published)}</time>
        </a>
      </p>
      <Show when={p().name}>{(name) => <h3>{name()}</h3>}</Show>
      {/* Remote HTML, sanitised by the server before storage and before sending. */}
      <Show
        when={p().sensitive || p().summary}
        fallback={<div class="announcement__content rich" innerHTML={p().contentHtml} />}
      >
        <details class="sensitive">
          <summary>{p().summary?.trim() || t("feed.sensitive")}</summary>
          <div class="announcement__content rich" innerHTML={p().contentHtml} />
        </details>
      </Show>
    </article>
  );
}
