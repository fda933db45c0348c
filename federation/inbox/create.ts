// Create(Note|Article|Page|Question): stored when it concerns us (remote-posts.ts).
import { getTypeId, type Create } from "@fedify/vocab";
import { inboxLogger, loaderOptions, type FedInboxContext } from "../context.ts";
import { rememberActivityActor } from "../remote-actors.ts";
import { isPostLike, storeRemotePost } from "../remote-posts.ts";

export async function onCreate(ctx: FedInboxContext, create: Create): Promise<void> {
  const object = await create.getObject(loaderOptions(ctx));
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
  const stored = await storeRemotePost(ctx, object, author);
  inboxLogger.debug("Create of {object}: {result}", { object: object.id?.href, result: stored ? "stored" : "not for us" });
}
