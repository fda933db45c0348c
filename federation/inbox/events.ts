// Events in the inbox:
//   Join of one of our events       → participation + Accept, or Reject (full, over, cancelled, allowlist)
//   Leave / Undo(Join)              → participation removed, waiting list moves up
//   Accept / Reject of our Join     → the member's participation answered (and the event refreshed)
//   Create / Update of an Event     → the remote event kept (fetched from its server)
//   Delete of a remote event        → kept as cancelled
import { Event, Join, type Accept, type Activity, type Leave, type Reject, type Undo } from "@fedify/vocab";
import { activePartnerIds } from "../access.ts";
import { hostMatches, hostMayInteract } from "../blocks.ts";
import { eq } from "drizzle-orm";
import { followingTable, partnershipTable } from "../../db/schema/index.ts";
import { inboxLogger, loaderOptions, type FedInboxContext } from "../context.ts";
import { federatedEventOutbox } from "../events/outbox.ts";
import { rememberActivityActor } from "../remote-actors.ts";
import { fetchRemoteEvent, remoteEventDeleted } from "../events/remote.ts";
import { remoteJoin, remoteLeave } from "../../server/domain/events/rsvp.ts";
import { findEvent } from "../../server/domain/events/views.ts";
import { findRemoteEvent, joinAnswered } from "../../server/domain/events/remote.ts";

/** Our event an activity's object points to, if any. */
function ourEventId(ctx: FedInboxContext, object: URL | null): string | null {
  if (!object) return null;
  const parsed = ctx.parseUri(object);
  return parsed?.type === "object" && parsed.class === Event ? parsed.values.id : null;
}

const publishing = (ctx: FedInboxContext) => ({ origin: ctx.canonicalOrigin, outbox: federatedEventOutbox(ctx.federation, ctx.canonicalOrigin) });

export async function onJoin(ctx: FedInboxContext, join: Join): Promise<void> {
  const eventId = ourEventId(ctx, join.objectId);
  if (!eventId || !join.actorId) {
    inboxLogger.debug("Join of {object}: not one of our events", { object: join.objectId?.href });
    return;
  }
  const actor = await rememberActivityActor(ctx, join);
  if (!actor) return;
  const item = await findEvent(ctx.data.db, eventId);
  if (!item) return;
  const pub = publishing(ctx);
  // A network in allowlist mode only takes participants from the hosts it federates with;
  // a partners-only event only from its partners' hosts.
  const partnerHosts = (await activePartnerIds(ctx.data.db, item.network.id)).flatMap((p) => (URL.canParse(p) ? [new URL(p).host] : []));
  const partnerOnly = item.event.visibility === "partners" && !partnerHosts.some((h) => hostMatches(actor.host, h));
  if (partnerOnly || !(await hostMayInteract(ctx.data.db, item.network.id, actor.host, actor.id))) {
    await pub.outbox.joinAnswered(ctx.data.db, item, { remoteActorId: actor.id, joinActivityId: join.id?.href ?? null }, "reject");
    inboxLogger.info("Join of {event} from {host} refused (not a partner, or allowlist mode)", { event: eventId, host: actor.host });
    return;
  }
  const outcome = await remoteJoin(ctx.data.db, eventId, actor.id, join.id?.href ?? null, pub);
  inboxLogger.info("Join of {event} by {actor}: {outcome}", { event: eventId, actor: actor.id, outcome: outcome.ok ? outcome.value.answer : outcome.error.code });
}

async function leave(ctx: FedInboxContext, actorId: URL | null, object: URL | null): Promise<boolean> {
  const eventId = ourEventId(ctx, object);
  if (!eventId || !actorId) return false;
  const left = await remoteLeave(ctx.data.db, eventId, actorId.href);
  inboxLogger.info("Leave of {event} by {actor}: {left}", { event: eventId, actor: actorId.href, left: left.ok && left.value });
  return true;
}

export const onLeave = async (ctx: FedInboxContext, activity: Leave): Promise<void> => {
  await leave(ctx, activity.actorId, activity.objectId);
};

/** Undo(Join): handled here when it undoes a Join of one of our events. */
export async function eventUndone(ctx: FedInboxContext, undo: Undo): Promise<boolean> {
  const object = await undo.getObject(loaderOptions(ctx)).catch(() => null);
  if (!(object instanceof Join) || object.actorId?.href !== undo.actorId?.href) return false;
  return leave(ctx, undo.actorId, object.objectId);
}

/**
 * Accept / Reject of a Join one of our members sent (matched by the Join's
 * id, given bare or embedded); false when it is not one. After an Accept the
 * participant count changed there: our copy of the event is refreshed.
 */
export async function joinAnswer(ctx: FedInboxContext, answer: Accept | Reject, state: "accepted" | "rejected"): Promise<boolean> {
  let joinId = answer.objectId?.href;
  if (!joinId) return false;
  let eventId = await joinAnswered(ctx.data.db, joinId, state);
  if (!eventId) {
    // An activity of ours that is not one of our Joins (a Follow, say): never
    // fetched, as that would be a request from this server to itself.
    if (new URL(joinId).origin === ctx.canonicalOrigin) return false;
    const object = await answer.getObject(loaderOptions(ctx)).catch(() => null);
    if (!(object instanceof Join) || !object.id) return false;
    joinId = object.id.href;
    eventId = await joinAnswered(ctx.data.db, joinId, state);
  }
  if (!eventId) return false;
  inboxLogger.info("Our Join {join} was {state}", { join: joinId, state });
  const event = await findRemoteEvent(ctx.data.db, eventId);
  // Only the event's own server may answer for it.
  if (event && answer.actorId && new URL(event.id).origin === answer.actorId.origin) await fetchRemoteEvent(ctx, eventId);
  return true;
}

/** Create / Update of an Event from its own server: kept (re-read from its id). */
export async function eventReceived(ctx: FedInboxContext, activity: Activity, object: unknown): Promise<boolean> {
  if (!(object instanceof Event) || !object.id || !activity.actorId) return false;
  if (object.id.origin !== activity.actorId.origin) {
    inboxLogger.debug("Event {object} sent by another server than its own: ignored", { object: object.id.href });
    return true;
  }
  if (ourEventId(ctx, object.id)) return true;
  // Kept when it concerns us: from an account or network we follow or partner with, or one we already keep.
  if (!(await findRemoteEvent(ctx.data.db, object.id.href)) && !(await concernsUs(ctx, activity.actorId.href))) {
    inboxLogger.debug("Event {object} from {actor}, whom nobody here follows: ignored", { object: object.id.href, actor: activity.actorId.href });
    return true;
  }
  const kept = await fetchRemoteEvent(ctx, object.id.href, { throwIfPassing: true });
  inboxLogger.debug("Event {object}: {result}", { object: object.id.href, result: kept ? "kept" : "not usable" });
  return true;
}

async function concernsUs(ctx: FedInboxContext, actorId: string): Promise<boolean> {
  const [followed] = await ctx.data.db.select({ id: followingTable.id }).from(followingTable).where(eq(followingTable.remoteActorId, actorId)).limit(1);
  if (followed) return true;
  const [partner] = await ctx.data.db.select({ id: partnershipTable.id }).from(partnershipTable).where(eq(partnershipTable.partnerActorId, actorId)).limit(1);
  return partner !== undefined;
}

export const eventDeleted = (ctx: FedInboxContext, objectId: string, actorId: string) => remoteEventDeleted(ctx, objectId, actorId);
