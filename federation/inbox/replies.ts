// A public reply from elsewhere to one of our announcements, events or
// resources: stored like any reply (remote-posts.ts) and, the first time, its
// item's author is told (server/domain/reactions/). Replies to offers never
// get here: they are private interests (offers/inbox.ts).
import type { RemoteActor } from "../../db/schema/index.ts";
import { replyReceived } from "../../server/domain/reactions/reactions.ts";
import type { FedContext } from "../context.ts";
import type { PostLike } from "../remote-posts.ts";
import { isOurs } from "../uris.ts";

/** Whether this object is a reply to something of ours. */
export function isReplyToOurs(ctx: FedContext, object: PostLike): boolean {
  return isOurs(ctx, object.replyTargetId);
}

export async function tellOfReply(ctx: FedContext, object: PostLike, author: RemoteActor): Promise<void> {
  const target = object.replyTargetId;
  if (!target) return;
  const canonical = new URL(target.pathname, ctx.canonicalOrigin).href;
  await replyReceived(ctx.data.db, ctx.canonicalOrigin, canonical, author.name ?? author.handle ?? author.id);
}
