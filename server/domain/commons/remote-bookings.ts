// Bookings between instances: our network asks a partner network elsewhere
// for its matériel or lieu (an `Offer` to its Group), and a partner network
// elsewhere asks ours (its Offer becomes a booking request our animators
// answer, with `Accept` or `Reject`). The wire is behind the `BookingOffers`
// port (federation/commons/bookings.ts).
import { and, desc, eq } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { bookingTable, outgoingBookingTable, partnershipTable, remoteActorTable, remoteResourceTable, type OutgoingBooking, type RemoteResource } from "../../../db/schema/index.ts";
import { recordAct, type Actor } from "../acts.ts";
import { tellAnimatorsOfRequest, tellRequesterOfAnswer } from "./booking-notices.ts";
import { bookable, checkDates, type BookingInput } from "./bookings.ts";
import { findRemoteResource } from "./remote.ts";
import { findResource, resourceUrl } from "./views.ts";
import { fail, ok, transact, type Result } from "../result.ts";
import { requireRole } from "../roles.ts";

export interface BookingOffers {
  /** Sends the Offer; returns its id. */
  offered(tx: DatabaseLike, request: OutgoingBooking, resource: RemoteResource, networkSlug: string): Promise<string>;
}

export interface OutgoingBookingView {
  id: string;
  resource: { id: string; title: string };
  startsAt: Date;
  endsAt: Date;
  state: OutgoingBooking["state"];
}

const view = (row: OutgoingBooking, resource: { id: string; title: string }): OutgoingBookingView => ({
  id: row.id,
  resource: { id: resource.id, title: resource.title },
  startsAt: row.startsAt,
  endsAt: row.endsAt,
  state: row.state,
});

/** A member of one of our networks asks a partner network elsewhere for its matériel or lieu. */
export async function requestRemoteBooking(
  db: DatabaseLike,
  actor: Actor,
  ref: string,
  input: BookingInput,
  offers: BookingOffers,
  now = new Date(),
): Promise<Result<OutgoingBookingView>> {
  const dates = checkDates(input, now);
  if (!dates.ok) return dates;
  return transact(db, async (tx) => {
    const asking = await requireRole(tx, input.network, actor.by, "member");
    if (!asking.ok) return { ...asking, error: { ...asking.error, field: "network" } };
    const found = await findRemoteResource(tx, ref);
    if (!found || found.row.deletedAt) return fail("not_found", "resource_not_found", "No such resource, or you may not see it");
    const [partner] = await tx
      .select({ id: partnershipTable.id })
      .from(partnershipTable)
      .where(and(eq(partnershipTable.networkId, asking.value.network.id), eq(partnershipTable.partnerActorId, found.group.id), eq(partnershipTable.state, "active")));
    if (!partner) return fail("forbidden", "booking_not_partner", "Only the network and its partner networks may book it", "network");
    if (!bookable.has(found.row.kind)) return fail("invalid", "not_bookable", "Only equipment and places can be booked");
    const [row] = await tx
      .insert(outgoingBookingTable)
      .values({ networkId: asking.value.network.id, resourceId: ref, requestedById: actor.by.id, startsAt: input.startsAt, endsAt: input.endsAt, message: (input.message ?? "").slice(0, 1000) })
      .returning();
    const offerId = await offers.offered(tx, row, found.row, asking.value.network.slug);
    const [sent] = await tx.update(outgoingBookingTable).set({ offerId }).where(eq(outgoingBookingTable.id, row.id)).returning();
    await recordAct(tx, actor, "booking.request", { id: row.id, resource: ref }, asking.value.network.id);
    return ok(view(sent, found.row));
  });
}

/** Our network's requests to partners elsewhere, newest first (members). */
export async function listOutgoingBookings(db: DatabaseLike, actor: Actor, slug: string): Promise<Result<OutgoingBookingView[]>> {
  const allowed = await requireRole(db, slug, actor.by, "member");
  if (!allowed.ok) return allowed;
  const rows = await db
    .select({ row: outgoingBookingTable, resource: remoteResourceTable })
    .from(outgoingBookingTable)
    .innerJoin(remoteResourceTable, eq(remoteResourceTable.id, outgoingBookingTable.resourceId))
    .where(eq(outgoingBookingTable.networkId, allowed.value.network.id))
    .orderBy(desc(outgoingBookingTable.createdAt));
  return ok(rows.map((r) => view(r.row, r.resource)));
}

export interface ReceivedOffer {
  offerId: string;
  /** The requesting Group. */
  groupId: string;
  /** Our resource's ActivityPub id. */
  resourceUrl: string;
  startsAt: Date;
  endsAt: Date;
  message: string;
}

/** A partner Group's Offer for one of our matériel or lieux: a request for our animators. False when refused. */
export async function receiveBookingOffer(db: DatabaseLike, offer: ReceivedOffer, origin: string, now = new Date()): Promise<boolean> {
  const id = /\/r\/([^/?#]+)$/.exec(offer.resourceUrl)?.[1];
  const item = id ? await findResource(db, id) : null;
  if (!item || resourceUrl(origin, item.network.slug, item.resource.id) !== offer.resourceUrl || !bookable.has(item.resource.kind)) return false;
  if (item.resource.visibility === "network" || !checkDates({ network: "", startsAt: offer.startsAt, endsAt: offer.endsAt }, now).ok) return false;
  const [partner] = await db
    .select({ id: partnershipTable.id })
    .from(partnershipTable)
    .where(and(eq(partnershipTable.networkId, item.network.id), eq(partnershipTable.partnerActorId, offer.groupId), eq(partnershipTable.state, "active")));
  if (!partner) return false;
  const [existing] = await db.select({ id: bookingTable.id }).from(bookingTable).where(eq(bookingTable.requestActivityId, offer.offerId)).limit(1);
  if (existing) return true;
  const [group] = await db.select({ name: remoteActorTable.name, host: remoteActorTable.host }).from(remoteActorTable).where(eq(remoteActorTable.id, offer.groupId));
  await tellAnimatorsOfRequest(db, item.resource, item.network, group?.name ?? group?.host ?? "");
  await db.insert(bookingTable).values({
    resourceId: item.resource.id,
    requesterActorId: offer.groupId,
    requestActivityId: offer.offerId,
    startsAt: offer.startsAt,
    endsAt: offer.endsAt,
    message: offer.message.slice(0, 1000),
  });
  return true;
}

/** The partner's answer to our Offer; false when it is not one of ours from that Group. */
export async function receiveBookingAnswer(db: DatabaseLike, offerId: string, groupId: string, decision: "accept" | "decline"): Promise<boolean> {
  const [row] = await db
    .select({ id: outgoingBookingTable.id, groupId: remoteResourceTable.groupId, requestedById: outgoingBookingTable.requestedById, resource: remoteResourceTable, networkId: outgoingBookingTable.networkId })
    .from(outgoingBookingTable)
    .innerJoin(remoteResourceTable, eq(remoteResourceTable.id, outgoingBookingTable.resourceId))
    .where(eq(outgoingBookingTable.offerId, offerId))
    .limit(1);
  if (!row || row.groupId !== groupId) return false;
  await db.update(outgoingBookingTable).set({ state: decision === "accept" ? "accepted" : "declined" }).where(eq(outgoingBookingTable.id, row.id));
  const [group] = await db.select({ name: remoteActorTable.name }).from(remoteActorTable).where(eq(remoteActorTable.id, groupId));
  const about = { id: row.id, title: row.resource.title, path: `/commons/shared?ref=${encodeURIComponent(row.resource.id)}` };
  await tellRequesterOfAnswer(db, row.requestedById, decision, about, group?.name ?? "");
  return true;
}
