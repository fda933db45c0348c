// Checks every inbound activity before its handler: an actor, and an id we
// could store and dereference (http or https, at most 2 KiB) on the same
// origin as its actor, so that nobody can plant `javascript:` ids or speak for
// another server. The id may be absent (Misskey's Delete of an account has none);
// handlers that need one check for it.
import type { Activity } from "@fedify/vocab";
import type { FedInboxContext } from "../context.ts";
import { inboxLogger } from "../context.ts";

const maxIdLength = 2048;

export function acceptableActivity(activity: Activity): boolean {
  const id = activity.id;
  const actor = activity.actorId;
  const usable = (url: URL) => url.href.length <= maxIdLength && (url.protocol === "https:" || url.protocol === "http:");
  if (actor === null || !usable(actor)) return false;
  return id === null || (usable(id) && id.origin === actor.origin);
}

/** The handler, run only for acceptable activities; others are acknowledged and dropped. */
export function guarded<T extends Activity>(handler: (ctx: FedInboxContext, activity: T) => Promise<void>) {
  return async (ctx: FedInboxContext, activity: T): Promise<void> => {
    if (acceptableActivity(activity)) return handler(ctx, activity);
    inboxLogger.debug("Activity {id} from {actor} dropped: unusable id", { id: activity.id?.href.slice(0, 200), actor: activity.actorId?.href.slice(0, 200) });
  };
}
