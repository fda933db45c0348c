// Follow relationships in both directions. Inbound: remote actors following
// our networks and members (accepted at once, or pending until an animator
// approves). Outbound: a member or network following a remote actor.
import { Accept, Follow, isActor, Reject, Undo, type Recipient } from "@fedify/vocab";
import { and, eq } from "drizzle-orm";
import type { DatabaseLike } from "../db/client.ts";
import { followerTable, followingTable, remoteActorTable, type Follower, type RemoteActor } from "../db/schema/index.ts";
import { fail, ok, type Result } from "../server/domain/result.ts";
import { isBlockedHost } from "./blocks.ts";
import { federationLogger, signedLoader, type FedContext } from "./context.ts";
import { loadLocalActor, networkIdentifier, ownedBy, ownerColumns, type LocalActor } from "./identifiers.ts";
import { rememberActor } from "./remote-actors.ts";
import { newActivityId } from "./uris.ts";

export function recipientOf(actor: RemoteActor): Recipient {
  return {
    id: new URL(actor.id),
    inboxId: new URL(actor.inbox),
    endpoints: actor.sharedInbox ? { sharedInbox: new URL(actor.sharedInbox) } : null,
  };
}

/** Whether a member or network here follows this remote actor, the follow accepted. */
export async function isFollowedHere(db: DatabaseLike, remoteActorId: string): Promise<boolean> {
  const [follow] = await db
    .select({ id: followingTable.id })
    .from(followingTable)
    .where(and(eq(followingTable.remoteActorId, remoteActorId), eq(followingTable.state, "accepted")))
    .limit(1);
  return follow !== undefined;
}

/** The Follow as the remote actor sent it, rebuilt from what we stored. */
function storedFollow(ctx: FedContext, local: LocalActor, follower: RemoteActor, followId: string): Follow {
  return new Follow({ id: new URL(followId), actor: new URL(follower.id), object: ctx.getActorUri(local.identifier) });
}

/** Answers a Follow with Accept or Reject, through the queue. */
export async function answerFollow(
  ctx: FedContext,
  local: LocalActor,
  follower: RemoteActor,
  followId: string,
  answer: "accept" | "reject",
): Promise<void> {
  if (await isBlockedHost(ctx.data.db, follower.host)) return; // nothing is sent to a blocked host
  const Answer = answer === "accept" ? Accept : Reject;
  const activity = new Answer({
    id: newActivityId(ctx, local.identifier, answer),
    actor: ctx.getActorUri(local.identifier),
    object: storedFollow(ctx, local, follower, followId),
    to: new URL(follower.id),
  });
  await ctx.sendActivity({ identifier: local.identifier }, recipientOf(follower), activity);
}

/**
 * Records a remote Follow of a local actor. Returns the follower row; state is
 * pending when the network approves its followers (a member is always accepted).
 */
export async function recordFollower(db: DatabaseLike, local: LocalActor, follower: RemoteActor, followId: string): Promise<Follower> {
  const pending = local.kind === "network" && local.network.approvesFollowers;
  const where = and(ownedBy(followerTable, local), eq(followerTable.remoteActorId, follower.id));
  const [existing] = await db.select().from(followerTable).where(where).limit(1);
  if (existing) {
    // A repeated Follow (e.g. the remote lost our Accept): keep the state, answer the new one.
    const [row] = await db.update(followerTable).set({ followId }).where(eq(followerTable.id, existing.id)).returning();
    return row;
  }
  await db
    .insert(followerTable)
    .values({
      ...ownerColumns(local),
      remoteActorId: follower.id,
      followId,
      state: pending ? "pending" : "accepted",
      acceptedAt: pending ? null : new Date(),
    })
    .onConflictDoNothing();
  const [row] = await db.select().from(followerTable).where(where).limit(1);
  return row;
}

/** Removes a follower after Undo(Follow); true if there was one. */
export async function removeFollower(db: DatabaseLike, local: LocalActor, remoteActorId: string): Promise<boolean> {
  const deleted = await db
    .delete(followerTable)
    .where(and(ownedBy(followerTable, local), eq(followerTable.remoteActorId, remoteActorId)))
    .returning({ id: followerTable.id });
  return deleted.length > 0;
}

async function findFollower(ctx: FedContext, slug: string, remoteActorId: string) {
  const local = await loadLocalActor(ctx.data.db, networkIdentifier(slug));
  if (!local) return null;
  const [row] = await ctx.data.db
    .select({ follower: followerTable, remote: remoteActorTable })
    .from(followerTable)
    .innerJoin(remoteActorTable, eq(remoteActorTable.id, followerTable.remoteActorId))
    .where(and(ownedBy(followerTable, local), eq(followerTable.remoteActorId, remoteActorId)))
    .limit(1);
  return row ? { local, ...row } : null;
}

/**
 * An animator's decision on a pending follower of a network. Authorisation is
 * the caller's (the HTTP layer checks the animator role).
 */
export async function decideFollower(
  ctx: FedContext,
  slug: string,
  remoteActorId: string,
  decision: "accept" | "reject",
): Promise<Result<{ state: "accepted" | "rejected" }>> {
  const found = await findFollower(ctx, slug, remoteActorId);
  if (!found) return fail("not_found", "follower_not_found", "No such follower");
  const { local, follower, remote } = found;
  if (decision === "accept") {
    await ctx.data.db.update(followerTable).set({ state: "accepted", acceptedAt: new Date() }).where(eq(followerTable.id, follower.id));
  } else {
    await ctx.data.db.delete(followerTable).where(eq(followerTable.id, follower.id));
  }
  await answerFollow(ctx, local, remote, follower.followId, decision);
  return ok({ state: decision === "accept" ? "accepted" : "rejected" });
}

/**
 * A local member or network follows a remote actor, found by handle
 * (`@name@host`, `name@host`) or by URL. Stored as pending until the remote
 * Accept arrives.
 */
export async function followRemote(
  ctx: FedContext,
  followerIdentifier: string,
  target: string,
): Promise<Result<{ actorId: string; state: "pending" | "accepted" }>> {
  const local = await loadLocalActor(ctx.data.db, followerIdentifier);
  if (!local || local.kind === "instance") return fail("not_found", "actor_not_found", "No such local actor");
  const query = target.trim();
  if (!/^@?[^@\s]+@[^@\s]+$/.test(query) && !URL.canParse(query)) {
    return fail("invalid", "invalid_target", "Give a handle like @name@example.org or a URL", "target");
  }
  let found: unknown = null;
  try {
    found = await ctx.lookupObject(query, { documentLoader: await signedLoader(ctx) });
  } catch (error) {
    federationLogger.debug("Lookup of {target} failed: {error}", { target: query, error });
  }
  if (!isActor(found)) return fail("not_found", "remote_actor_not_found", "No account or network found at this address", "target");
  if (found.id !== null && ctx.parseUri(found.id) !== null) {
    return fail("invalid", "local_actor", "This is an account of this instance", "target");
  }
  const remote = await rememberActor(ctx.data.db, found);
  if (!remote) return fail("invalid", "remote_actor_unusable", "This account has no inbox", "target");
  if (await isBlockedHost(ctx.data.db, remote.host)) return fail("invalid", "blocked_host", "This instance blocks that server", "target");
  const where = and(ownedBy(followingTable, local), eq(followingTable.remoteActorId, remote.id));
  const [existing] = await ctx.data.db.select().from(followingTable).where(where).limit(1);
  if (existing?.state === "accepted") return ok({ actorId: remote.id, state: "accepted" });
  const followId = newActivityId(ctx, local.identifier, "follow");
  if (existing) {
    await ctx.data.db.update(followingTable).set({ followId: followId.href }).where(eq(followingTable.id, existing.id));
  } else {
    await ctx.data.db.insert(followingTable).values({ ...ownerColumns(local), remoteActorId: remote.id, followId: followId.href });
  }
  const follow = new Follow({ id: followId, actor: ctx.getActorUri(local.identifier), object: new URL(remote.id), to: new URL(remote.id) });
  await ctx.sendActivity({ identifier: local.identifier }, recipientOf(remote), follow);
  return ok({ actorId: remote.id, state: "pending" });
}

/** Stops following a remote actor: Undo(Follow) and the row goes. */
export async function unfollowRemote(ctx: FedContext, followerIdentifier: string, remoteActorId: string): Promise<Result<null>> {
  const local = await loadLocalActor(ctx.data.db, followerIdentifier);
  if (!local) return fail("not_found", "actor_not_found", "No such local actor");
  const [row] = await ctx.data.db
    .delete(followingTable)
    .where(and(ownedBy(followingTable, local), eq(followingTable.remoteActorId, remoteActorId)))
    .returning();
  if (!row) return fail("not_found", "not_following", "Not following this account");
  const [remote] = await ctx.data.db.select().from(remoteActorTable).where(eq(remoteActorTable.id, remoteActorId)).limit(1);
  if (remote && !(await isBlockedHost(ctx.data.db, remote.host))) {
    const actor = ctx.getActorUri(local.identifier);
    const undo = new Undo({
      id: newActivityId(ctx, local.identifier, "undo"),
      actor,
      object: new Follow({ id: new URL(row.followId), actor, object: new URL(remoteActorId) }),
      to: new URL(remoteActorId),
    });
    await ctx.sendActivity({ identifier: local.identifier }, recipientOf(remote), undo);
  }
  return ok(null);
}
