// Create(Note|Article|Page|Question): stored when it concerns us (remote-posts.ts).
import { getTypeId, type Create } from "@fedify/vocab";
import { mayInteractWithObject } from "../blocks.ts";
import { inboxLogger, loaderOptions, type FedInboxContext } from "../context.ts";
import { rememberActivityActor } from "../remote-actors.ts";
import { isPostLike, storeRemotePost } from "../remote-posts.ts";
import { eventReceived } from "./events.ts";
import { receiveOfferReply } from "../offers/inbox.ts";
import { receivePrivatePost } from "../messages/inbox.ts";
import { isPartnerResource, receiveResource } from "./commons.ts";
import { isReplyToOurs, tellOfReply } from "./replies.ts";

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
  if (object.replyTargetId && !(await mayInteractWithObject(ctx.data.db, object.replyTargetId.href, author.host, author.id))) {
    inboxLogger.info("Reply from {host} to {object} refused (allowlist mode or blocked)", { host: author.host, object: object.replyTargetId.href });
    return;
  }
  // A reply to one of our offers: a private interest for its author, not a public reply.
  if (await receiveOfferReply(ctx, object, author)) return;
  // Direct messages and mentions for members: their private conversations (federation/messages/).
  if (await receivePrivatePost(ctx, object, author)) return;
  const stored = await storeRemotePost(ctx, object, author);
  // A new public reply to one of our announcements, events or resources: its author is told (once).
  if (stored === "new" && isReplyToOurs(ctx, object)) await tellOfReply(ctx, object, author);
  inboxLogger.debug("Create of {object}: {result}", { object: object.id?.href, result: stored ? "stored" : "not for us" });
}
