// Accept or Reject of a Follow we sent: the following becomes accepted, or goes.
import { Follow, type Accept, type Reject } from "@fedify/vocab";
import { and, eq } from "drizzle-orm";
import { followingTable, type Following } from "../../db/schema/index.ts";
import { inboxLogger, loaderOptions, type FedInboxContext } from "../context.ts";
import { loadLocalActor, ownedBy } from "../identifiers.ts";
import { partnershipAnswered } from "./partnerships.ts";
import { joinAnswer } from "./events.ts";
import { onBookingAnswer } from "../commons/bookings.ts";

async function findFollowing(ctx: FedInboxContext, answer: Accept | Reject): Promise<Following | null> {
  const { db } = ctx.data;
  const remoteId = answer.actorId?.href;
  if (!remoteId) return null;
  if (answer.objectId) {
    const [row] = await db
      .select()
      .from(followingTable)
      .where(and(eq(followingTable.followId, answer.objectId.href), eq(followingTable.remoteActorId, remoteId)))
      .limit(1);
    if (row) return row;
  }
  // Some servers quote the Follow without its id: match on (our actor, their actor).
  // An id of ours we do not know is not fetched: that would be this server calling itself.
  if (answer.objectId?.origin === ctx.canonicalOrigin) return null;
  const follow = await answer.getObject(loaderOptions(ctx)).catch(() => null);
  if (!(follow instanceof Follow) || follow.objectId?.href !== remoteId || !follow.actorId) return null;
  const ours = ctx.parseUri(follow.actorId);
  const local = ours?.type === "actor" ? await loadLocalActor(db, ours.identifier) : null;
  if (!local) return null;
  const [row] = await db
    .select()
    .from(followingTable)
    .where(and(ownedBy(followingTable, local), eq(followingTable.remoteActorId, remoteId)))
    .limit(1);
  return row ?? null;
}

export async function onAccept(ctx: FedInboxContext, accept: Accept): Promise<void> {
  // Exact id matches first: a booking Offer of ours (no fetch), then a Join.
  if (await onBookingAnswer(ctx, accept, "accept")) return;
  if (await joinAnswer(ctx, accept, "accepted")) return;
  const row = await findFollowing(ctx, accept);
  if (!row) {
    inboxLogger.debug("Accept of {object}: no such follow of ours", { object: accept.objectId?.href });
    return;
  }
  const first = row.state !== "accepted";
  if (first) {
    await ctx.data.db.update(followingTable).set({ state: "accepted", acceptedAt: new Date() }).where(eq(followingTable.id, row.id));
  }
  await partnershipAnswered(ctx, row, "accept", first);
}

export async function onReject(ctx: FedInboxContext, reject: Reject): Promise<void> {
  if (await onBookingAnswer(ctx, reject, "decline")) return;
  if (await joinAnswer(ctx, reject, "rejected")) return;
  const row = await findFollowing(ctx, reject);
  if (!row) return;
  await ctx.data.db.delete(followingTable).where(eq(followingTable.id, row.id));
  await partnershipAnswered(ctx, row, "reject");
}
