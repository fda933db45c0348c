import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import { actingName } from "../components/ActingBanner.tsx";
import { FeedPostCard } from "../components/FeedPostCard.tsx";
import { ErrorNotice, FormAlert, Loading, valueOf } from "../components/Notice.tsx";
import { RequireLogin } from "../components/RequireLogin.tsx";
import { actingFor, api } from "../api.ts";
import { problemOf } from "../forms.ts";
import { t } from "../i18n/index.ts";
import { createPagedList } from "../paging.ts";

/** `/feed`: posts of the accounts and networks I follow, newest first. */
export default function Feed() {
  const paged = createPagedList({
    source: () => actingFor() ?? "",
    fetchPage: async (before) => (await api.feed(before)).posts,
    cursorOf: (p) => p.published,
    formName: "feed-more",
  });
  const { firstPage, hasMore, more, loadMore } = paged;
  const posts = paged.items;

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
                <For each={posts()}>{(post) => <li><FeedPostCard post={post} /></li>}</For>
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
