// Bookings of shared equipment and places (matériel, lieu): a member of the
// owner network or of a partner network on this instance asks for a time
// range; the owner's animators accept or decline. No double booking: the
// use-case refuses overlaps with accepted bookings, and an exclusion
// constraint (migration commons_no_double_booking) holds under concurrency.
import { and, asc, eq, gt, lt } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { bookingTable, memberTable, networkTable, remoteActorTable, type Booking, type Member } from "../../../db/schema/index.ts";
import { recordAct, type Actor } from "../acts.ts";
import { viewerRole } from "../announcement-views.ts";
import { partnersOf } from "./remote.ts";
import { tellAnimatorsOfRequest, tellRequesterOfAnswer } from "./booking-notices.ts";
import { findResource, loadResource, resourcePath } from "./views.ts";
import { fail, ok, transact, type Result } from "../result.ts";
import { atLeast, requireRole } from "../roles.ts";

const MAX_DAYS = 90;
export const bookable = new Set(["materiel", "lieu"]);

export interface BookingView {
  id: string;
  resourceId: string;
  /** The requesting network: slug for ours, id (its Group) for a partner elsewhere. */
  network: { slug: string | null; id: string | null; name: string };
  startsAt: Date;
  endsAt: Date;
  state: Booking["state"];
  message: string;
  requestedBy: string | null;
  createdAt: Date;
}

export interface BookingInput {
  /** The requesting network's slug (the owner network itself, or a partner). */
  network: string;
  startsAt: Date;
  endsAt: Date;
  message?: string;
}

export const overlapping = (resourceId: string, startsAt: Date, endsAt: Date) =>
  and(eq(bookingTable.resourceId, resourceId), eq(bookingTable.state, "accepted"), lt(bookingTable.startsAt, endsAt), gt(bookingTable.endsAt, startsAt));

const overlapFailure = () => fail("conflict", "booking_overlap", "Already booked for part of these dates", "startsAt");

export function checkDates(input: BookingInput, now: Date): Result<null> {
  if (input.startsAt.getTime() < now.getTime()) return fail("invalid", "booking_in_past", "These dates are in the past", "startsAt");
  if (input.endsAt.getTime() <= input.startsAt.getTime()) return fail("invalid", "booking_range", "The end must come after the start", "endsAt");
  if (input.endsAt.getTime() - input.startsAt.getTime() > MAX_DAYS * 86_400_000) {
    return fail("invalid", "booking_too_long", `At most ${MAX_DAYS} days`, "endsAt");
  }
  return ok(null);
}

/** The exclusion constraint's violation (23P01), as drizzle wraps it on either driver. */
const isExclusionViolation = (e: unknown): boolean => {
  const code = (e as { code?: string })?.code ?? (e as { cause?: { code?: string } })?.cause?.code;
  return code === "23P01";
};

export async function requestBooking(
  db: DatabaseLike,
  actor: Actor,
  resourceId: string,
  input: BookingInput,
  origin: string,
  now = new Date(),
): Promise<Result<BookingView>> {
  const dates = checkDates(input, now);
  if (!dates.ok) return dates;
  return transact(db, async (tx) => {
    const asking = await requireRole(tx, input.network, actor.by, "member");
    if (!asking.ok) return { ...asking, error: { ...asking.error, field: "network" } };
    const loaded = await loadResource(tx, resourceId, actor.by, origin);
    if (!loaded.ok) return loaded;
    const { resource, network } = loaded.value;
    if (!bookable.has(resource.kind)) return fail("invalid", "not_bookable", "Only equipment and places can be booked");
    const requester = asking.value.network;
    const partner = requester.id === network.id || (await partnersOf(tx, network.id, origin)).localIds.includes(requester.id);
    if (!partner) return fail("forbidden", "booking_not_partner", "Only the network and its partner networks may book it", "network");
    const [taken] = await tx.select({ id: bookingTable.id }).from(bookingTable).where(overlapping(resource.id, input.startsAt, input.endsAt)).limit(1);
    if (taken) return overlapFailure();
    const [booking] = await tx
      .insert(bookingTable)
      .values({ resourceId: resource.id, requesterNetworkId: requester.id, requestedById: actor.by.id, startsAt: input.startsAt, endsAt: input.endsAt, message: (input.message ?? "").slice(0, 1000) })
      .returning();
    await recordAct(tx, actor, "booking.request", { id: booking.id, resourceId }, requester.id);
    await tellAnimatorsOfRequest(tx, resource, network, requester.name);
    return ok(bookingView(booking, { slug: requester.slug, id: null, name: requester.name }, actor.by));
  });
}

/** Answers a partner network elsewhere (federation/commons/bookings.ts): Accept or Reject of its Offer. */
export interface BookingAnswers {
  answered(tx: DatabaseLike, booking: Booking, decision: "accept" | "decline"): Promise<void>;
}

export const noBookingAnswers: BookingAnswers = { answered: async () => {} };

/** The owner network's animators accept or decline a request. */
export async function decideBooking(
  db: DatabaseLike,
  actor: Actor,
  bookingId: string,
  decision: "accept" | "decline",
  answers: BookingAnswers = noBookingAnswers,
): Promise<Result<BookingView>> {
  try {
    return await transact(db, async (tx) => {
      const [booking] = /^[0-9a-f-]{36}$/i.test(bookingId) ? await tx.select().from(bookingTable).where(eq(bookingTable.id, bookingId)).limit(1) : [];
      const item = booking ? await findResource(tx, booking.resourceId) : null;
      if (!booking || !item) return fail("not_found", "booking_not_found", "No such booking");
      if (!atLeast(await viewerRole(tx, item.network.id, actor.by), "animator")) return fail("forbidden", "role_required", "Animators of the owner network decide");
      if (booking.state !== "requested") return fail("conflict", "booking_decided", "This request was already answered");
      if (decision === "accept") {
        const [taken] = await tx.select({ id: bookingTable.id }).from(bookingTable).where(overlapping(booking.resourceId, booking.startsAt, booking.endsAt)).limit(1);
        if (taken) return overlapFailure();
      }
      const [decided] = await tx
        .update(bookingTable)
        .set({ state: decision === "accept" ? "accepted" : "declined", decidedById: actor.by.id, decidedAt: new Date() })
        .where(eq(bookingTable.id, bookingId))
        .returning();
      await recordAct(tx, actor, `booking.${decision}`, { id: bookingId }, item.network.id);
      if (decided.requesterActorId) await answers.answered(tx, decided, decision);
      const about = { id: item.resource.id, title: item.resource.title, path: resourcePath(item.network.slug, item.resource.id) };
      await tellRequesterOfAnswer(tx, decided.requestedById, decision, about, item.network.name);
      return ok(bookingView(decided, await requesterOf(tx, decided), null));
    });
  } catch (e) {
    // Two animators accepting overlapping requests at the same moment: the constraint decides.
    if (isExclusionViolation(e)) return overlapFailure();
    throw e;
  }
}

/** The calendar of a resource: accepted and pending bookings, for those who may see it. */
export async function listBookings(db: DatabaseLike, viewer: Member | null, resourceId: string, origin: string): Promise<Result<BookingView[]>> {
  const loaded = await loadResource(db, resourceId, viewer, origin);
  if (!loaded.ok) return loaded;
  const rows = await db
    .select({ booking: bookingTable, network: networkTable, remote: remoteActorTable, by: memberTable })
    .from(bookingTable)
    .leftJoin(networkTable, eq(networkTable.id, bookingTable.requesterNetworkId))
    .leftJoin(remoteActorTable, eq(remoteActorTable.id, bookingTable.requesterActorId))
    .leftJoin(memberTable, eq(memberTable.id, bookingTable.requestedById))
    .where(eq(bookingTable.resourceId, resourceId))
    .orderBy(asc(bookingTable.startsAt));
  return ok(
    rows
      .filter((r) => r.booking.state === "accepted" || r.booking.state === "requested")
      .map((r) => bookingView(r.booking, requesterName(r.network, r.remote), r.by)),
  );
}

type Requester = { slug: string | null; id: string | null; name: string };

const requesterName = (network: { slug: string; name: string } | null, remote: { id: string; name: string | null; host: string } | null): Requester =>
  network ? { slug: network.slug, id: null, name: network.name } : { slug: null, id: remote?.id ?? null, name: remote?.name ?? remote?.host ?? "" };

async function requesterOf(db: DatabaseLike, b: Booking): Promise<Requester> {
  const [network] = b.requesterNetworkId ? await db.select().from(networkTable).where(eq(networkTable.id, b.requesterNetworkId)) : [];
  const [remote] = b.requesterActorId ? await db.select().from(remoteActorTable).where(eq(remoteActorTable.id, b.requesterActorId)) : [];
  return requesterName(network ?? null, remote ?? null);
}

export function bookingView(b: Booking, network: Requester, by: Member | null): BookingView {
  return {
    id: b.id,
    resourceId: b.resourceId,
    network,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    state: b.state,
    message: b.message,
    requestedBy: by?.displayName ?? null,
    createdAt: b.createdAt,
  };
}
