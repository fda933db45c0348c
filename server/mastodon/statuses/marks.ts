// Counts and the viewer's own marks on Statuses: likes and boosts from
// elsewhere and from members, counted by the domain's one rule (reactionsOf),
// and whether the viewer favourited, reblogged or bookmarked each item.
import type { DatabaseLike } from "../../../db/client.ts";
import type { Member, ReactedItemKind } from "../../../db/schema/index.ts";
import { reactionsOfItems } from "../../domain/reactions/reactions.ts";
import { viewerMarks } from "../../domain/reactions/mine.ts";
import type { Draft } from "../timelines/drafts.ts";
import { parseStatusId } from "./ids.ts";

/** What a draft's reactions are keyed by: its ActivityPub id (a post from elsewhere: its IRI, carried in the status id). */
export const objectIdOf = (d: Draft) => (d.kind === "p" ? (parseStatusId(d.id)?.id ?? d.url) : d.url);

/** The id the item has in its own table (the status id carries it). */
export const itemIdOf = (d: Draft) => parseStatusId(d.id)?.id ?? d.id;

export async function withReactions(db: DatabaseLike, viewer: Member | null, drafts: Draft[]): Promise<Draft[]> {
  // Messages of an offer's conversation are private exchanges: no likes, boosts or bookmarks.
  const counted = drafts.filter((d) => d.kind !== "m");
  if (counted.length === 0) return drafts;
  const items = counted.map((d) => ({ kind: d.kind as ReactedItemKind, id: itemIdOf(d), url: objectIdOf(d) }));
  const reactions = await reactionsOfItems(db, [...new Set(items.map((i) => i.url))], null);
  const marks = viewer ? await viewerMarks(db, viewer, items) : null;
  return drafts.map((d) => {
    if (d.kind === "m") return d;
    const url = objectIdOf(d);
    const r = reactions.get(url);
    return {
      ...d,
      counts: { replies: d.counts.replies, favourites: r?.likes ?? 0, reblogs: r?.boosts ?? 0 },
      viewer: marks ? { favourited: marks.liked.has(url), reblogged: marks.boosted.has(url), bookmarked: marks.bookmarked.has(`${d.kind}:${itemIdOf(d)}`) } : undefined,
    };
  });
}
