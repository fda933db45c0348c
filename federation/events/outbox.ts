// The events' port on Fedify. An occurrence is published by the network's
// Group (Create, Update — also for a cancellation, with ical:status
// CANCELLED), through the one publish path; an Update also reaches the
// remote participants. Joins of remote actors are answered Accept / Reject
// from the Group; members Join and Leave remote events from their Person.
import type { Federation } from "@fedify/fedify";
import { Accept, Join, Leave, Reject, Update, type Recipient } from "@fedify/vocab";
import { and, eq, isNotNull } from "drizzle-orm";
import type { DatabaseLike } from "../../db/client.ts";
import { eventParticipationTable, remoteActorTable } from "../../db/schema/index.ts";
import type { EventItem, EventOutbox } from "../../server/domain/events/ports.ts";
import { partnerRecipients } from "../access.ts";
import { deliverable } from "../blocks.ts";
import type { FedContext, FederationContextData } from "../context.ts";
import { embeddedEvent, eventUri } from "./objects.ts";
import { memberIdentifier, networkIdentifier } from "../identifiers.ts";
import { publish, type PublishVerb } from "../publish.ts";
import { deferPublish } from "../publish-jobs.ts";
import { fetchRemoteEvent } from "./remote.ts";
import { newActivityId } from "../uris.ts";

export async function publishEvent(ctx: FedContext, verb: PublishVerb, item: EventItem, audience?: Recipient[]): Promise<void> {
  const visibility = item.event.visibility;
  if (visibility === "network" || (item.event.hiddenAt && verb !== "delete")) return;
  const object = await embeddedEvent(ctx, item);
  await publish(ctx, {
    verb,
    object,
    visibility,
    networkSlug: item.network.slug,
    partners: visibility === "partners" ? await partnerRecipients(ctx, item.network.id) : undefined,
    audience,
  });
  if (verb === "update") await tellRemoteParticipants(ctx, item);
}

/** A new time, place or a cancellation also goes to the remote participants' inboxes. */
async function tellRemoteParticipants(ctx: FedContext, item: EventItem) {
  const rows = await ctx.data.db
    .select({ id: remoteActorTable.id, inbox: remoteActorTable.inbox, sharedInbox: remoteActorTable.sharedInbox })
    .from(eventParticipationTable)
    .innerJoin(remoteActorTable, eq(remoteActorTable.id, eventParticipationTable.remoteActorId))
    .where(and(eq(eventParticipationTable.eventId, item.event.id), isNotNull(eventParticipationTable.remoteActorId)));
  const recipients = await deliverable(ctx.data.db, rows.map(recipientOf), item.network.id);
  if (recipients.length === 0) return;
  const group = networkIdentifier(item.network.slug);
  const update = new Update({
    id: newActivityId(ctx, group, "update"),
    actor: ctx.getActorUri(group),
    object: await embeddedEvent(ctx, item),
    tos: recipients.map((r) => r.id!),
  });
  await ctx.sendActivity({ identifier: group }, recipients, update, { preferSharedInbox: true });
}

const recipientOf = (r: { id: string; inbox: string; sharedInbox: string | null }): Recipient => ({
  id: new URL(r.id),
  inboxId: new URL(r.inbox),
  endpoints: r.sharedInbox ? { sharedInbox: new URL(r.sharedInbox) } : null,
});

/**
 * A remote actor we already know (the inbox remembered the Join's sender;
 * fetching an event remembers its organiser). Never fetched here: these run
 * inside a transaction, and on PGlite a fetch's cache writes would wait for it.
 */
async function recipientById(ctx: FedContext, id: string): Promise<Recipient | null> {
  const [actor] = await ctx.data.db.select().from(remoteActorTable).where(eq(remoteActorTable.id, id)).limit(1);
  return actor ? recipientOf(actor) : null;
}

export function federatedEventOutbox(federation: Federation<FederationContextData>, origin: URL | string): EventOutbox {
  const base = new URL(origin);
  const on = (tx: DatabaseLike) => federation.createContext(base, { db: tx });
  return {
    // Published by the worker (publish-jobs.ts), from a job enqueued in this transaction.
    eventPublished: (_tx, item) => deferPublish(federation, "event", "create", item.event.id),
    eventUpdated: (_tx, item) => deferPublish(federation, "event", "update", item.event.id),
    async joinAnswered(tx, item, to, answer) {
      const ctx = on(tx);
      const recipient = await recipientById(ctx, to.remoteActorId);
      if (!recipient) return;
      const group = networkIdentifier(item.network.slug);
      const join = new Join({
        ...(to.joinActivityId && URL.canParse(to.joinActivityId) ? { id: new URL(to.joinActivityId) } : {}),
        actor: new URL(to.remoteActorId),
        object: eventUri(ctx, item.network.slug, item.event.id),
      });
      const Answer = answer === "accept" ? Accept : Reject;
      const activity = new Answer({ id: newActivityId(ctx, group, answer), actor: ctx.getActorUri(group), object: join, to: new URL(to.remoteActorId) });
      const [target] = await deliverable(tx, [recipient]);
      if (target) await ctx.sendActivity({ identifier: group }, target, activity);
    },
    async joinRemote(tx, member, event) {
      const ctx = on(tx);
      const identifier = memberIdentifier(member.handle);
      const id = newActivityId(ctx, identifier, "join");
      const recipient = await recipientById(ctx, event.actorId);
      const join = new Join({ id, actor: ctx.getActorUri(identifier), object: new URL(event.id), to: new URL(event.actorId) });
      const [target] = recipient ? await deliverable(tx, [recipient]) : [];
      if (target) await ctx.sendActivity({ identifier }, target, join);
      return id.href;
    },
    async leaveRemote(tx, member, event) {
      const ctx = on(tx);
      const identifier = memberIdentifier(member.handle);
      const recipient = await recipientById(ctx, event.actorId);
      const leave = new Leave({ id: newActivityId(ctx, identifier, "leave"), actor: ctx.getActorUri(identifier), object: new URL(event.id), to: new URL(event.actorId) });
      const [target] = recipient ? await deliverable(tx, [recipient]) : [];
      if (target) await ctx.sendActivity({ identifier }, target, leave);
    },
    lookup: (db, url) => fetchRemoteEvent(on(db), url),
  };
}
