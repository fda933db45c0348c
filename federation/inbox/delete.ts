// Delete from its author: a post we keep, or the actor itself (account deleted).
import type { Delete } from "@fedify/vocab";
import { inboxLogger, type FedInboxContext } from "../context.ts";
import { forgetKeysOf } from "../key-cache.ts";
import { forgetActor } from "../remote-actors.ts";
import { deleteRemotePost } from "../remote-posts.ts";
import { eventDeleted } from "./events.ts";
import { deleteRemoteOffer } from "../offers/inbox.ts";
import { removeResource } from "./commons.ts";
import { deleteReceivedMessage } from "../../server/domain/messages/receive.ts";

export async function onDelete(ctx: FedInboxContext, del: Delete): Promise<void> {
  const actorId = del.actorId?.href;
  // objectId is the id of the object, embedded (Tombstone) or not; never fetched.
  const objectId = del.objectId?.href;
  if (!actorId || !objectId) return;
  if (objectId === actorId) {
    const forgotten = await forgetActor(ctx.data.db, actorId);
    // Its keys too: nothing signed with them is taken for its word any more.
    await forgetKeysOf(ctx.federation, actorId);
    inboxLogger.info("Actor {actor} deleted{known}", { actor: actorId, known: forgotten ? "" : " (unknown here)" });
    return;
  }
  if (await eventDeleted(ctx, objectId, actorId)) return;
  if (await deleteRemoteOffer(ctx, objectId, actorId)) return;
  if (await removeResource(ctx, objectId, actorId)) return;
  if (await deleteReceivedMessage(ctx.data.db, objectId, actorId)) return;
  const deleted = await deleteRemotePost(ctx, objectId, actorId);
  inboxLogger.debug("Delete of {object}: {result}", { object: objectId, result: deleted ? "deleted" : "not kept here" });
}
