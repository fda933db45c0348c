// Create(Note|Article|Page|Question): stored when it concerns us (remote-posts.ts).
import { getTypeId, type Create } from "@fedify/vocab";
import { mayInteractWithObject } from "../blocks.ts";
import { inboxLogger, loaderOptions, type FedInboxContext } from "../context.ts";
import { rememberActivityActor } from "../remote-actors.ts";
import { isPostLike, storeRemotePost } from "../remote-posts.ts";
import { eventReceived } from "./events.ts";
import { receiveOfferReply } from "../offers/inbox.ts";
import { isPartnerResource, receiveResource } from "./commons.ts";
import { isNewReplyToOurs, tellOfReply } from "./replies.ts";

export async function onCreate(ctx: FedInboxContext, create: Create): Promise<void> {
  const object = await create.getObject(loaderOptions(ctx));
  if (await eventReceived(ctx, create, object)) return;
  if (await isPartnerResource(ctx, create, object)) return receiveResource(ctx, create, object!);
  if (!isPostLike(object)) {
    inboxLogger.debug("Create of {type} ignored", { type: object ? getTypeId(object).href : "nothing" });
    return;
  }
  if (object.attributionId?.href !== create.actorId?.href) {
    inboxLogger.debug("Create of {object} by someone else than its author ignored", { object: object.id?.href });
    return;
  }
  const author = await rememberActivityActor(ctx, create);
  if (!author) return;
  // A reply to an item of a network in allowlist mode, from a host it does not federate with: dropped.
  if (object.replyTargetId && !(await mayInteractWithObject(ctx.data.db, object.replyTargetId.href, author.host))) {
    inboxLogger.info("Reply from {host} to {object} refused (allowlist mode or blocked)", { host: author.host, object: object.replyTargetId.href });
    return;
  }
  // A reply to one of our offers: a private interest for its author, not a public reply.
  if (await receiveOfferReply(ctx, object, author)) return;
  const fresh = await isNewReplyToOurs(ctx, object);
  const stored = await storeRemotePost(ctx, object, author);
  // A public reply to one of our announcements, events or resources: its author is told.
  if (stored && fresh) await tellOfReply(ctx, object, author);
  inboxLogger.debug("Create of {object}: {result}", { object: object.id?.href, result: stored ? "stored" : "not for us" });
}
