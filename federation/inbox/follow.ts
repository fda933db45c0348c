// Follow → Accept (or pending until an animator approves); Undo(Follow) in undo.ts.
import type { Follow } from "@fedify/vocab";
import { inboxLogger, type FedInboxContext } from "../context.ts";
import { answerFollow, recordFollower } from "../follows.ts";
import { loadLocalActor } from "../identifiers.ts";
import { rememberActivityActor } from "../remote-actors.ts";
import { gateFollow } from "./partnerships.ts";

export async function onFollow(ctx: FedInboxContext, follow: Follow): Promise<void> {
  if (follow.id === null || follow.objectId === null) return;
  const target = ctx.parseUri(follow.objectId);
  if (target?.type !== "actor") {
    inboxLogger.debug("Follow of {object}, not one of our actors: ignored", { object: follow.objectId.href });
    return;
  }
  const local = await loadLocalActor(ctx.data.db, target.identifier);
  if (!local) return;
  const follower = await rememberActivityActor(ctx, follow);
  if (!follower) return;
  if (local.kind === "instance") {
    // The instance actor only signs fetches; nobody follows it.
    await answerFollow(ctx, local, follower, follow.id.href, "reject");
    return;
  }
  // Blocked hosts, allowlist mode, partnership requests and partners' follow backs.
  if (await gateFollow(ctx, local, follower, follow)) return;
  const row = await recordFollower(ctx.data.db, local, follower, follow.id.href);
  inboxLogger.info("{follower} follows {local} ({state})", { follower: follower.id, local: local.identifier, state: row.state });
  if (row.state === "accepted") await answerFollow(ctx, local, follower, follow.id.href, "accept");
}
