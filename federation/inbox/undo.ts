// Undo of a Follow, Like or Announce, matched by the undone activity's id
// first (it need not be dereferenceable), then by the embedded object.
import { Announce, Follow, Like, type Undo } from "@fedify/vocab";
import { and, eq } from "drizzle-orm";
import { followerTable, remoteReactionTable } from "../../db/schema/index.ts";
import { inboxLogger, loaderOptions, type FedInboxContext } from "../context.ts";
import { removeFollower } from "../follows.ts";
import { loadLocalActor } from "../identifiers.ts";
import { partnershipUndone } from "./partnerships.ts";
import { eventUndone } from "./events.ts";

export async function onUndo(ctx: FedInboxContext, undo: Undo): Promise<void> {
  const { db } = ctx.data;
  const actorId = undo.actorId?.href;
  const objectId = undo.objectId?.href;
  if (!actorId) return;
  if (objectId) {
    const follows = await db
      .delete(followerTable)
      .where(and(eq(followerTable.remoteActorId, actorId), eq(followerTable.followId, objectId)))
      .returning({ id: followerTable.id, networkId: followerTable.networkId });
    const reactions = await db
      .delete(remoteReactionTable)
      .where(and(eq(remoteReactionTable.actorId, actorId), eq(remoteReactionTable.activityId, objectId)))
      .returning({ id: remoteReactionTable.activityId });
    // A partner network's Undo ends the partnership (or withdraws its request).
    await partnershipUndone(ctx, actorId, objectId, follows.map((f) => f.networkId));
    if (follows.length + reactions.length > 0) return;
  }
  // Not found by id: look at the embedded object (a bare id is fetched, and often fails quietly).
  const object = await undo.getObject(loaderOptions(ctx)).catch(() => null);
  if (object instanceof Follow && object.actorId?.href === actorId && object.objectId) {
    const target = ctx.parseUri(object.objectId);
    const local = target?.type === "actor" ? await loadLocalActor(db, target.identifier) : null;
    if (local) await removeFollower(db, local, actorId);
    if (local?.kind === "network") await partnershipUndone(ctx, actorId, null, [local.network.id]);
    return;
  }
  if ((object instanceof Like || object instanceof Announce) && object.actorId?.href === actorId && object.objectId) {
    await db
      .delete(remoteReactionTable)
      .where(
        and(
          eq(remoteReactionTable.type, object instanceof Like ? "like" : "announce"),
          eq(remoteReactionTable.actorId, actorId),
          eq(remoteReactionTable.objectId, object.objectId.href),
        ),
      );
    return;
  }
  if (await eventUndone(ctx, undo)) return;
  inboxLogger.debug("Undo of {object} by {actor}: nothing to undo", { object: objectId, actor: actorId });
}
