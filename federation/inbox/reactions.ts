// Like and Announce of our objects are counted, and their authors told. An Announce by an actor we
// follow (a group relaying its members' posts, FEP-1b12), or by an active partner network, brings the post in.
import { Like, type Announce } from "@fedify/vocab";
import { remoteReactionTable } from "../../db/schema/index.ts";
import type { DatabaseLike } from "../../db/client.ts";
import { mayInteractWithObject } from "../blocks.ts";
import { isFollowedHere } from "../follows.ts";
import { inboxLogger, loaderOptions, type FedInboxContext } from "../context.ts";
import { rememberActivityActor, remoteActorById } from "../remote-actors.ts";
import { isPostLike, storeRemotePost } from "../remote-posts.ts";
import { receiveRemoteOffer } from "../offers/inbox.ts";
import { isPartnerGroup } from "../../server/domain/commons/remote.ts";
import { reactionReceived } from "../../server/domain/reactions/reactions.ts";
import { isOurs } from "../uris.ts";

async function countReaction(ctx: FedInboxContext, activity: Like | Announce): Promise<boolean> {
  const object = activity.objectId;
  if (activity.id === null || object === null || !isOurs(ctx, object)) return false;
  const actor = await rememberActivityActor(ctx, activity);
  if (!actor) return false;
  // Blocked hosts, and hosts a network in allowlist mode does not federate with, are not counted.
  if (!(await mayInteractWithObject(ctx.data.db, object.href, actor.host, actor.id))) return true;
  const type = activity instanceof Like ? "like" : "announce";
  const counted = await ctx.data.db
    .insert(remoteReactionTable)
    .values({ activityId: activity.id.href, type, actorId: actor.id, objectId: object.href })
    .onConflictDoNothing()
    .returning({ id: remoteReactionTable.activityId });
  // The item's author hears of a new one, as of a member's (server/domain/reactions/).
  if (counted.length) {
    const canonical = new URL(object.pathname, ctx.canonicalOrigin).href;
    await reactionReceived(ctx.data.db, ctx.canonicalOrigin, canonical, type, { actorId: actor.id, name: actor.name ?? actor.handle ?? actor.id });
  }
  return true;
}

export async function onLike(ctx: FedInboxContext, like: Like): Promise<void> {
  if (!(await countReaction(ctx, like))) inboxLogger.debug("Like of {object} ignored", { object: like.objectId?.href });
}

/**
 * Whether an actor's Announces bring posts in: one we follow (accepted), or an
 * active partner network. Accepting a partnership, we follow the partner back,
 * and its back-fill may arrive before its Accept of that follow does.
 */
async function heardFrom(db: DatabaseLike, actorId: string): Promise<boolean> {
  return (await isFollowedHere(db, actorId)) || isPartnerGroup(db, actorId);
}

export async function onAnnounce(ctx: FedInboxContext, announce: Announce): Promise<void> {
  if (await countReaction(ctx, announce)) return;
  const announcerId = announce.actorId;
  if (announcerId === null) return;
  if (!(await heardFrom(ctx.data.db, announcerId.href))) {
    inboxLogger.debug("Announce by {actor}, whom nobody here follows, ignored", { actor: announcerId.href });
    return;
  }
  const announcer = await rememberActivityActor(ctx, announce);
  // Fedify re-fetches an embedded object from another origin than the Announce's.
  const object = await announce.getObject(loaderOptions(ctx));
  if (!announcer || !isPostLike(object) || object.attributionId === null) return;
  const author = await remoteActorById(ctx, object.attributionId);
  if (!author) return;
  // An offer or request (FEP-0837) joins the offers list; other posts the feed.
  if (await receiveRemoteOffer(ctx, object, author, announcer)) return;
  await storeRemotePost(ctx, object, author, { announcedBy: announcer });
}
