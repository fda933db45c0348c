// A member's own likes, boosts and bookmarks of items they can see (from their
// Mastodon app). Likes and boosts are counted with the fediverse's by
// `reactionsOf` (one rule); a like of a post from elsewhere goes out as a Like
// to its author, a boost as the member's Announce to their followers elsewhere
// (and to the post's author elsewhere).
// Bookmarks are the member's alone. Whether the member may see
// the item is decided by the caller through the domain's own getters.
import { and, desc, eq, inArray } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { bookmarkTable, memberReactionTable, type Member, type ReactedItemKind, type ReactionType } from "../../../db/schema/index.ts";
import { fail, ok, transact, type Result } from "../result.ts";
import { reactionReceived } from "./reactions.ts";

/** Sends a member's acts outward: a Like (and its Undo) of a post from elsewhere to its author; a boost (and its Undo) to the member's followers and that author. */
export interface ReactionPort {
  /** Returns the activity's id, kept for its Undo. */
  like(db: DatabaseLike, handle: string, objectId: string, authorId: string): Promise<string | null>;
  unlike(db: DatabaseLike, handle: string, objectId: string, authorId: string, activityId: string | null): Promise<void>;
  /** `authorId`: the author elsewhere of the boosted post, who is told too. */
  boost(db: DatabaseLike, handle: string, objectId: string, authorId?: string): Promise<string | null>;
  unboost(db: DatabaseLike, handle: string, objectId: string, activityId: string | null, authorId?: string): Promise<void>;
}
export const noReactionsOut: ReactionPort = { like: async () => null, unlike: async () => {}, boost: async () => null, unboost: async () => {} };

/** An item the member can see, as found by the caller. */
export interface ReactedItem {
  kind: ReactedItemKind;
  id: string;
  /** Its ActivityPub id: counts are keyed by it. */
  url: string;
  visibility: "public" | "unlisted" | "private" | "direct";
  /** For a post from elsewhere: its author's actor IRI, to whom the Like goes. */
  remoteAuthor?: string;
}

/**
 * Likes (favourite) or boosts (reblog); a boost only of a public item, as
 * Mastodon refuses the others. Repeating is harmless. The item's author here
 * is notified of a new one (reactionReceived: the same rule as for the
 * fediverse's); taking it back leaves the notification, as Mastodon does.
 */
export async function react(db: DatabaseLike, member: Member, item: ReactedItem, type: ReactionType, out: ReactionPort, origin: string): Promise<Result<null>> {
  if (type === "announce" && item.visibility !== "public") {
    return fail("invalid", "not_public", "Only public items can be boosted (reblogged)", "id");
  }
  return transact(db, async (tx) => {
    const inserted = await tx
      .insert(memberReactionTable)
      .values({ memberId: member.id, type, objectId: item.url, itemKind: item.kind, itemId: item.id })
      .onConflictDoNothing()
      .returning();
    // A like goes out only to an author elsewhere (ours see the count); a boost (public items only) to the member's followers, and that author.
    const sent = !inserted.length ? null
      : type === "like" ? (item.remoteAuthor ? await out.like(tx, member.handle, item.url, item.remoteAuthor) : null)
      : await out.boost(tx, member.handle, item.url, item.remoteAuthor);
    if (inserted.length) await reactionReceived(tx, origin, item.url, type, { memberId: member.id, name: member.displayName });
    if (sent) {
      await tx
        .update(memberReactionTable)
        .set({ activityId: sent })
        .where(and(eq(memberReactionTable.memberId, member.id), eq(memberReactionTable.type, type), eq(memberReactionTable.objectId, item.url)));
    }
    return ok(null);
  });
}

/** Undoes a like or boost; its Undo goes where the act went. */
export async function unreact(db: DatabaseLike, member: Member, item: ReactedItem, type: ReactionType, out: ReactionPort): Promise<Result<null>> {
  return transact(db, async (tx) => {
    const [removed] = await tx
      .delete(memberReactionTable)
      .where(and(eq(memberReactionTable.memberId, member.id), eq(memberReactionTable.type, type), eq(memberReactionTable.objectId, item.url)))
      .returning();
    if (removed && type === "like" && item.remoteAuthor) await out.unlike(tx, member.handle, item.url, item.remoteAuthor, removed.activityId);
    if (removed && type === "announce") await out.unboost(tx, member.handle, item.url, removed.activityId, item.remoteAuthor);
    return ok(null);
  });
}

export async function bookmark(db: DatabaseLike, member: Member, item: ReactedItem): Promise<void> {
  await db.insert(bookmarkTable).values({ memberId: member.id, itemKind: item.kind, itemId: item.id }).onConflictDoNothing();
}

export async function unbookmark(db: DatabaseLike, member: Member, item: ReactedItem): Promise<void> {
  await db.delete(bookmarkTable).where(and(eq(bookmarkTable.memberId, member.id), eq(bookmarkTable.itemKind, item.kind), eq(bookmarkTable.itemId, item.id)));
}

/** What the member did to each of these items: keyed by URL for likes and boosts, by `kind:id` for bookmarks. */
export async function viewerMarks(db: DatabaseLike, member: Member, items: { kind: ReactedItemKind; id: string; url: string }[]) {
  const urls = [...new Set(items.map((i) => i.url))];
  const ids = [...new Set(items.map((i) => i.id))];
  const reactions = urls.length
    ? await db
        .select({ type: memberReactionTable.type, objectId: memberReactionTable.objectId })
        .from(memberReactionTable)
        .where(and(eq(memberReactionTable.memberId, member.id), inArray(memberReactionTable.objectId, urls)))
    : [];
  const marks = ids.length
    ? await db
        .select({ kind: bookmarkTable.itemKind, id: bookmarkTable.itemId })
        .from(bookmarkTable)
        .where(and(eq(bookmarkTable.memberId, member.id), inArray(bookmarkTable.itemId, ids)))
    : [];
  return {
    liked: new Set(reactions.filter((r) => r.type === "like").map((r) => r.objectId)),
    boosted: new Set(reactions.filter((r) => r.type === "announce").map((r) => r.objectId)),
    bookmarked: new Set(marks.map((m) => `${m.kind}:${m.id}`)),
  };
}

/** The member's likes or bookmarks, newest first: what they point to and when. */
export async function listMine(db: DatabaseLike, member: Member, what: "like" | "bookmark") {
  if (what === "bookmark") {
    return db
      .select({ kind: bookmarkTable.itemKind, id: bookmarkTable.itemId, at: bookmarkTable.createdAt })
      .from(bookmarkTable)
      .where(eq(bookmarkTable.memberId, member.id))
      .orderBy(desc(bookmarkTable.createdAt));
  }
  return db
    .select({ kind: memberReactionTable.itemKind, id: memberReactionTable.itemId, at: memberReactionTable.createdAt })
    .from(memberReactionTable)
    .where(and(eq(memberReactionTable.memberId, member.id), eq(memberReactionTable.type, "like")))
    .orderBy(desc(memberReactionTable.createdAt));
}

/** For the member's export: their likes, boosts and bookmarks. */
export async function reactionsExportOf(db: DatabaseLike, member: Member) {
  const reactions = await db
    .select({ type: memberReactionTable.type, object: memberReactionTable.objectId, createdAt: memberReactionTable.createdAt })
    .from(memberReactionTable)
    .where(eq(memberReactionTable.memberId, member.id));
  const bookmarks = await db
    .select({ kind: bookmarkTable.itemKind, id: bookmarkTable.itemId, createdAt: bookmarkTable.createdAt })
    .from(bookmarkTable)
    .where(eq(bookmarkTable.memberId, member.id));
  return { likes: reactions.filter((r) => r.type === "like"), boosts: reactions.filter((r) => r.type === "announce"), bookmarks };
}
