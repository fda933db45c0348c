// Members following accounts and networks elsewhere on the fediverse, their
// feed, and the animators' say over who follows their network. Sending
// Follow / Undo / Accept / Reject is the `FollowPort`'s job (federation/).
import { and, desc, eq, inArray, isNull, lt, ne, notInArray, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DatabaseLike } from "../../db/client.ts";
import {
  followerTable,
  followingTable,
  partnershipTable,
  remoteActorTable,
  remotePostTable,
  type FollowState,
  type Member,
  type RemoteActor,
  type RemotePost,
} from "../../db/schema/index.ts";
import { recordAct, type Actor } from "./acts.ts";
import { blockedActorIds } from "./blocks/blocks.ts";
import { remoteAuthorView, type RemoteAuthorView } from "./announcement-views.ts";
import { fail, ok, transact, type Result } from "./result.ts";
import { requireRole } from "./roles.ts";

export const FEED_PAGE_SIZE = 20;

export interface FollowPort {
  /** Looks the target up (a network round trip: never inside a transaction) and sends Follow. */
  follow(db: DatabaseLike, memberHandle: string, target: string): Promise<Result<{ actorId: string }>>;
  /** Drops the follow and sends Undo(Follow), in the caller's transaction. */
  unfollow(tx: DatabaseLike, memberHandle: string, remoteActorId: string): Promise<Result<null>>;
  /** Accepts or rejects a follower of a network, in the caller's transaction. */
  decide(tx: DatabaseLike, slug: string, remoteActorId: string, decision: "accept" | "reject"): Promise<Result<unknown>>;
}

export interface RemoteActorView extends RemoteAuthorView {
  type: string;
}

export interface FollowView {
  id: number;
  state: FollowState;
  actor: RemoteActorView;
}

export const remoteActorView = (a: RemoteActor): RemoteActorView => ({ ...remoteAuthorView(a), type: a.type });

const idPattern = /^\d{1,15}$/;

export async function listFollowing(db: DatabaseLike, member: Member): Promise<FollowView[]> {
  const rows = await db
    .select({ follow: followingTable, actor: remoteActorTable })
    .from(followingTable)
    .innerJoin(remoteActorTable, eq(remoteActorTable.id, followingTable.remoteActorId))
    .where(eq(followingTable.memberId, member.id))
    .orderBy(desc(followingTable.createdAt));
  return rows.map((r) => ({ id: r.follow.id, state: r.follow.state, actor: remoteActorView(r.actor) }));
}

/** Follows a remote account or network by handle (`@name@host`) or URL; pending until it accepts. */
export async function followAccount(db: DatabaseLike, actor: Actor, target: string, port: FollowPort): Promise<Result<FollowView>> {
  const followed = await port.follow(db, actor.member.handle, target);
  // A target that cannot be found is bad input, not a missing page.
  if (!followed.ok) return followed.error.field === "target" ? fail("invalid", followed.error.code, followed.error.message, "target") : followed;
  await recordAct(db, actor, "follow.add", { actor: followed.value.actorId });
  const following = (await listFollowing(db, actor.member)).find((f) => f.actor.id === followed.value.actorId);
  return following ? ok(following) : fail("not_found", "following_not_found", "The follow vanished meanwhile", "target");
}

export async function unfollowAccount(db: DatabaseLike, actor: Actor, id: string, port: FollowPort): Promise<Result<null>> {
  return transact(db, async (tx) => {
    const notFound = fail("not_found", "following_not_found", "You do not follow this account");
    if (!idPattern.test(id)) return notFound;
    const [row] = await tx
      .select()
      .from(followingTable)
      .where(and(eq(followingTable.id, Number(id)), eq(followingTable.memberId, actor.member.id)))
      .limit(1);
    if (!row) return notFound;
    const undone = await port.unfollow(tx, actor.member.handle, row.remoteActorId);
    if (!undone.ok) return undone;
    await recordAct(tx, actor, "follow.remove", { actor: row.remoteActorId });
    return ok(null);
  });
}

/** The network's followers (animators): the pending ones wait for a decision when the network approves followers. */
export async function listNetworkFollowers(
  db: DatabaseLike,
  by: Member,
  slug: string,
  state?: FollowState,
): Promise<Result<FollowView[]>> {
  const allowed = await requireRole(db, slug, by, "animator");
  if (!allowed.ok) return allowed;
  const rows = await db
    .select({ follower: followerTable, actor: remoteActorTable })
    .from(followerTable)
    .innerJoin(remoteActorTable, eq(remoteActorTable.id, followerTable.remoteActorId))
    .where(and(eq(followerTable.networkId, allowed.value.network.id), state ? eq(followerTable.state, state) : undefined))
    .orderBy(desc(followerTable.createdAt));
  return ok(rows.map((r) => ({ id: r.follower.id, state: r.follower.state, actor: remoteActorView(r.actor) })));
}

export async function decideNetworkFollower(
  db: DatabaseLike,
  by: Member,
  slug: string,
  id: string,
  decision: "accept" | "reject",
  port: FollowPort,
): Promise<Result<null>> {
  return transact(db, async (tx) => {
    const allowed = await requireRole(tx, slug, by, "animator");
    if (!allowed.ok) return allowed;
    const { network } = allowed.value;
    const notFound = fail("not_found", "follower_not_found", "No such follower of this network");
    if (!idPattern.test(id)) return notFound;
    const [row] = await tx
      .select()
      .from(followerTable)
      .where(and(eq(followerTable.id, Number(id)), eq(followerTable.networkId, network.id)))
      .limit(1);
    if (!row) return notFound;
    const decided = await port.decide(tx, network.slug, row.remoteActorId, decision);
    if (!decided.ok) return decided;
    await recordAct(tx, { member: by, by }, `follower.${decision}`, { actor: row.remoteActorId }, network.id);
    return ok(null);
  });
}

export interface FeedPost {
  id: string;
  url: string;
  name: string | null;
  summary: string | null;
  sensitive: boolean;
  contentHtml: string;
  published: Date;
  /** Who it was for: `followers` (followers only) and `direct` are marked as such in the feed. */
  visibility: RemotePost["visibility"];
  author: RemoteAuthorView;
  /** The group that relayed it (FEP-1b12 Announce). */
  via?: { id: string; name: string | null; handle: string | null };
}

const relay = alias(remoteActorTable, "relay");

/**
 * Posts by the accounts I follow and posts relayed by the groups I follow,
 * newest first. Followers-only posts need me to follow their author; direct
 * ones must be addressed to me.
 */
export async function feedOf(db: DatabaseLike, member: Member, options: { origin: string; before?: Date }): Promise<FeedPost[]> {
  const followed = db
    .select({ id: followingTable.remoteActorId })
    .from(followingTable)
    .where(and(eq(followingTable.memberId, member.id), eq(followingTable.state, "accepted")));
  const me = new URL(`/m/${member.handle}`, options.origin).href;
  // Direct messages are in the member's messages, never in a feed; blocked accounts show nowhere.
  const blocked = await blockedActorIds(db, member.id);
  return postsWhere(
    db,
    and(
      or(inArray(remotePostTable.authorId, followed), inArray(remotePostTable.announcedById, followed)),
      or(
        inArray(remotePostTable.visibility, ["public", "unlisted"]),
        and(eq(remotePostTable.visibility, "followers"), inArray(remotePostTable.authorId, followed)),
        and(addressedTo(me), ne(remotePostTable.visibility, "direct")),
      ),
      blocked.length ? notInArray(remotePostTable.authorId, blocked) : undefined,
    ),
    options.before,
  );
}

const addressedTo = (actorIri: string) => sql`${remotePostTable.localRecipients} @> ${JSON.stringify([actorIri])}::jsonb`;

/** A page of remote posts (newest first) with their author and the group that relayed them. */
async function postsWhere(db: DatabaseLike, condition: SQL | undefined, before: Date | undefined): Promise<FeedPost[]> {
  const rows = await db
    .select({ post: remotePostTable, author: remoteActorTable, via: relay })
    .from(remotePostTable)
    .innerJoin(remoteActorTable, eq(remoteActorTable.id, remotePostTable.authorId))
    .leftJoin(relay, eq(relay.id, remotePostTable.announcedById))
    .where(and(condition, isNull(remotePostTable.hiddenAt), before ? lt(remotePostTable.published, before) : undefined))
    .orderBy(desc(remotePostTable.published))
    .limit(FEED_PAGE_SIZE);
  return rows.map(toFeedPost);
}

function toFeedPost({ post, author, via }: { post: RemotePost; author: RemoteActor; via: RemoteActor | null }): FeedPost {
  return {
    id: post.id,
    url: post.url ?? post.id,
    name: post.name,
    summary: post.summary,
    sensitive: post.sensitive,
    contentHtml: post.contentHtml,
    published: post.published,
    visibility: post.visibility,
    author: remoteAuthorView(author),
    ...(via ? { via: { id: via.id, name: via.name, handle: via.handle } } : {}),
  };
}

/**
 * What the network's remote partners share with it: their posts and the
 * posts their Groups relay, public ones and those addressed to our Group
 * (partners-only). For the network's members.
 */
export async function partnerPostsOf(
  db: DatabaseLike,
  viewer: Member,
  slug: string,
  options: { origin: string; before?: Date },
): Promise<Result<FeedPost[]>> {
  const allowed = await requireRole(db, slug, viewer, "member");
  if (!allowed.ok) return allowed;
  const network = allowed.value.network;
  const partners = db
    .select({ id: partnershipTable.partnerActorId })
    .from(partnershipTable)
    .where(and(eq(partnershipTable.networkId, network.id), eq(partnershipTable.state, "active")));
  const group = new URL(`/n/${network.slug}`, options.origin).href;
  const condition = and(
    or(inArray(remotePostTable.authorId, partners), inArray(remotePostTable.announcedById, partners)),
    or(inArray(remotePostTable.visibility, ["public", "unlisted"]), addressedTo(group)),
  );
  return ok(await postsWhere(db, condition, options.before));
}
