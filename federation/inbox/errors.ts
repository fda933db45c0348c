// Inbox failures. A listener error is logged (and retried by the queue).
// A Delete whose signer's key document is gone (410) cannot be verified: it is
// the usual account deletion. When the key belongs to the deleted actor, its
// own server has just said it is gone, so we forget it; either way we answer
// 202 so that the sender stops retrying. Other unverified activities get 401.
import type { UnverifiedActivityReason } from "@fedify/fedify";
import { Delete, type Activity } from "@fedify/vocab";
import type { FedContext, FedRequestContext } from "../context.ts";
import { inboxLogger } from "../context.ts";
import { forgetActor } from "../remote-actors.ts";

export function onInboxError(_ctx: FedContext, error: Error): void {
  inboxLogger.error("Inbox listener failed: {error}", { error });
}

export async function onUnverifiedActivity(
  ctx: FedRequestContext,
  activity: Activity,
  reason: UnverifiedActivityReason,
): Promise<Response | void> {
  if (!(activity instanceof Delete)) return;
  if (reason.type !== "keyFetchError" || !("status" in reason.result) || reason.result.status !== 410) return;
  const keyOwner = new URL(reason.keyId);
  keyOwner.hash = "";
  const actorId = activity.actorId?.href;
  if (actorId === keyOwner.href && activity.objectId?.href === actorId) {
    await forgetActor(ctx.data.db, actorId);
    inboxLogger.info("Actor {actor} is gone (410): forgotten", { actor: actorId });
  }
  return new Response(null, { status: 202 });
}
