// Flag: a report from another server (Mastodon, Misskey, GoToSocial... send
// it from their instance actor, to the reported account's inbox or the shared
// one). About our members or content, it lands in the right network's
// moderation queue, marked with the sending server; naming nothing of ours, it
// is acknowledged and dropped. A blocked server never gets this far (403);
// one blocked by the network concerned only reaches the admin's queue.
import type { Flag } from "@fedify/vocab";
import { receiveFlag } from "../../server/domain/moderation/flags.ts";
import { hostMayInteract } from "../blocks.ts";
import { inboxLogger, type FedInboxContext } from "../context.ts";

export async function onFlag(ctx: FedInboxContext, flag: Flag): Promise<void> {
  const actor = flag.actorId;
  if (!actor) return;
  const reportId = await receiveFlag(ctx.data.db, ctx.canonicalOrigin, {
    flagId: flag.id?.href ?? null,
    fromHost: actor.host,
    objectIds: flag.objectIds.map((id) => id.href),
    content: flag.content?.toString() ?? "",
  }, (networkId) => hostMayInteract(ctx.data.db, networkId, actor.host, actor.href));
  inboxLogger.info("Flag {id} from {host}: {result}", { id: flag.id?.href, host: actor.host, result: reportId ? `report ${reportId}` : "nothing of ours" });
}
