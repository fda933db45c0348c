import { For, Show } from "solid-js";
import { Dynamic } from "solid-js/web";
import type { Reactions as ReactionsData } from "../federation-types.ts";
import { formatDateTime, t } from "../i18n/index.ts";
import { webHref } from "../web-href.ts";
import { ActorName } from "./ActorName.tsx";
import { ReportButton } from "../moderation/ReportButton.tsx";

const countOf = (n: number, one: "announcements.oneLike" | "announcements.oneBoost", many: "announcements.likes" | "announcements.boosts") =>
  n === 1 ? t(one) : t(many, { count: n });

/**
 * What the fediverse answered to an item (announcement, offer, event,
 * resource): likes and boosts counted, public replies listed. Nothing when
 * there is nothing, and never on network-only items (they never left).
 */
export function Reactions(props: { reactions: ReactionsData; visibility: string; headingId: string; heading?: "h2" | "h3" | "h4" }) {
  const r = () => props.reactions;
  return (
    <Show when={props.visibility !== "network"}>
      <Show when={r().likes || r().boosts}>
        <p class="announcement__counts">
          {countOf(r().likes, "announcements.oneLike", "announcements.likes")}
          {" · "}
          {countOf(r().boosts, "announcements.oneBoost", "announcements.boosts")}
        </p>
      </Show>
      <Show when={r().replies.length}>
        <section class="replies" aria-labelledby={props.headingId}>
          <Dynamic component={props.heading ?? "h3"} id={props.headingId} class="replies__title">
            {t("announcements.replies")}
          </Dynamic>
          <ul class="replies__list">
            <For each={r().replies}>
              {(reply) => (
                <li class="reply">
                  <p class="reply__meta"><ActorName actor={reply.author} /></p>
                  <p class="reply__date">
                    <a href={webHref(reply.url, reply.id)} rel="nofollow noopener noreferrer">
                      <time datetime={reply.published}>{formatDateTime(reply.published)}</time>
                    </a>
                  </p>
                  {/* Sanitised by the server before storage and before sending. */}
                  <div class="reply__content rich" innerHTML={reply.contentHtml} />
                  <ReportButton type="remote_post" id={reply.id} remote label={t("report.reply")} />
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>
    </Show>
  );
}
