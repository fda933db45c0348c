// Update from its author: of a post we keep, or of the actor itself.
import { getTypeId, isActor, type Update } from "@fedify/vocab";
import { inboxLogger, loaderOptions, type FedInboxContext } from "../context.ts";
import { rememberActor } from "../remote-actors.ts";
import { isPostLike, updateRemotePost } from "../remote-posts.ts";
import { updateRemoteOffer } from "../offers/inbox.ts";
import { eventReceived } from "./events.ts";
import { isPartnerResource, receiveResource } from "./commons.ts";

export async function onUpdate(ctx: FedInboxContext, update: Update): Promise<void> {
  const actorId = update.actorId?.href;
  if (!actorId) return;
  const object = await update.getObject(loaderOptions(ctx));
  if (object === null) return;
  if (await eventReceived(ctx, update, object)) return;
  if (isActor(object)) {
    if (object.id?.href === actorId) await rememberActor(ctx.data.db, object);
    return;
  }
  if (isPostLike(object) && (await updateRemoteOffer(ctx, object, actorId))) return;
  if (await isPartnerResource(ctx, update, object)) return receiveResource(ctx, update, object);
  const applied = await updateRemotePost(ctx, object, actorId);
  inboxLogger.debug("Update of {type} {object}: {result}", {
    type: getTypeId(object).href,
    object: object.id?.href,
    result: applied ? "applied" : "not ours to keep",
  });
}
