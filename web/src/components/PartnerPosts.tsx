import { createResource, For, Show } from "solid-js";
import { api } from "../api.ts";
import { t } from "../i18n/index.ts";
import { FeedPostCard } from "./FeedPostCard.tsx";
import { Loaded } from "./Notice.tsx";

/** What remote partner networks share with this one: for its members only. */
export function PartnerPosts(props: { slug: string }) {
  const [data] = createResource(() => props.slug, api.partnerPosts);
  return (
    <section class="card" aria-labelledby="partner-posts-title">
      <h2 id="partner-posts-title">{t("partnerPosts.title")}</h2>
      <Loaded data={data}>
        {({ posts }) => (
          <Show when={posts.length} fallback={<p>{t("partnerPosts.none")}</p>}>
            <ol class="feed">
              <For each={posts}>{(post) => <li><FeedPostCard post={post} /></li>}</For>
            </ol>
          </Show>
        )}
      </Loaded>
    </section>
  );
}
