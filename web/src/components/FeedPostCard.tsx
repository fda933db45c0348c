import { Show } from "solid-js";
import type { FeedPost } from "../federation-types.ts";
import { formatDateTime, t } from "../i18n/index.ts";
import { ActorName } from "./ActorName.tsx";
import { webHref } from "../web-href.ts";

/** A post from the fediverse: in my feed, or shared by a partner network. */
export function FeedPostCard(props: { post: FeedPost }) {
  const p = () => props.post;
  return (
    <article class="card announcement" aria-labelledby={`post-${p().id}`}>
      <Show when={p().via}>
        {(via) => <p class="announcement__via">{t("feed.via", { name: via().name?.trim() || via().handle || via().id })}</p>}
      </Show>
      <h2 class="announcement__author" id={`post-${p().id}`}><ActorName actor={p().author} /></h2>
      <p class="announcement__meta">
        <a href={webHref(p().url, p().id)} rel="nofollow noopener noreferrer" title={t("feed.open")}>
          <time datetime={p().published}>{formatDateTime(p().published)}</time>
        </a>
        <Show when={p().visibility === "followers" || p().visibility === "direct"}>
          {" "}<span class="badge">{t(p().visibility === "direct" ? "feed.direct" : "feed.followersOnly")}</span>
        </Show>
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
