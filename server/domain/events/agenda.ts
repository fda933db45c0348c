// Agendas: a network's (list and month), a member's own, its partners'
// shared events (local partner networks and remote ones), and the
// organiser's list of participants.
import { and, asc, eq, gt, gte, inArray, isNull, lt, ne, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DatabaseLike } from "../../../db/client.ts";
import {
  eventParticipationTable,
  eventSeriesTable,
  eventTable,
  memberTable,
  networkTable,
  partnershipTable,
  remoteActorTable,
  remoteEventParticipationTable,
  remoteEventTable,
  type Member,
  type Visibility,
} from "../../../db/schema/index.ts";
import { isLocalPartnerMember, viewerRole } from "../announcement-views.ts";
import type { EventItem } from "./ports.ts";
import { eventViews, findEvent, mayManage, type EventView } from "./views.ts";
import { fail, ok, type Result } from "../result.ts";
import { findNetwork, requireRole } from "../roles.ts";

export const AGENDA_PAGE = 50;
const MAX_RANGE_DAYS = 62;

const selectItems = (db: DatabaseLike) =>
  db
    .select({ event: eventTable, network: networkTable, organiser: memberTable, series: eventSeriesTable })
    .from(eventTable)
    .innerJoin(networkTable, eq(networkTable.id, eventTable.networkId))
    .leftJoin(memberTable, eq(memberTable.id, eventTable.organiserId))
    .leftJoin(eventSeriesTable, eq(eventSeriesTable.id, eventTable.seriesId));

export interface Range {
  /** Events ending after this (default: now). */
  from?: Date;
  /** Events starting before this (month view). */
  to?: Date;
  /** Paging the list: events starting after this one's start. */
  after?: Date;
}

/** What a viewer sees of a network's agenda, in start order. */
export async function networkAgenda(db: DatabaseLike, viewer: Member | null, slug: string, range: Range, origin: string): Promise<Result<EventView[]>> {
  const found = await findNetwork(db, slug);
  if (!found.ok) return found;
  const network = found.value;
  const from = range.from ?? new Date();
  if (range.to && range.to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86400_000) {
    return fail("invalid", "range_too_long", `At most ${MAX_RANGE_DAYS} days at once`, "to");
  }
  const role = await viewerRole(db, network.id, viewer);
  const shown: Visibility[] =
    role !== null ? ["network", "partners", "public"] : (await isLocalPartnerMember(db, network.id, viewer, origin)) ? ["partners", "public"] : ["public"];
  const items = await selectItems(db)
    .where(
      and(
        eq(eventTable.networkId, network.id),
        inArray(eventTable.visibility, shown),
        isNull(eventTable.hiddenAt),
        gt(eventTable.endsAt, from),
        range.to ? lt(eventTable.startsAt, range.to) : undefined,
        range.after ? gt(eventTable.startsAt, range.after) : undefined,
      ),
    )
    .orderBy(asc(eventTable.startsAt), asc(eventTable.id))
    .limit(range.to ? 500 : AGENDA_PAGE);
  return ok(await eventViews(db, origin, items, viewer));
}

export interface RemoteEventView {
  id: string;
  url: string;
  name: string;
  startsAt: Date;
  endsAt: Date | null;
  place: string | null;
  participantCount: number | null;
  cancelled: boolean;
  /** The sharing network (its Group's name), when known. */
  network: { id: string; name: string | null; handle: string | null } | null;
  myState?: "pending" | "accepted" | "rejected";
}

const remoteView = (e: typeof remoteEventTable.$inferSelect, group: typeof remoteActorTable.$inferSelect | null, myState?: RemoteEventView["myState"]): RemoteEventView => ({
  id: e.id,
  url: e.url ?? e.id,
  name: e.name,
  startsAt: e.startsAt,
  endsAt: e.endsAt,
  place: e.place,
  participantCount: e.participantCount,
  cancelled: e.cancelled,
  network: e.groupId ? { id: e.groupId, name: group?.name ?? null, handle: group?.handle ?? null } : null,
  ...(myState ? { myState } : {}),
});

const groupActor = alias(remoteActorTable, "group_actor");

/** A member's coming events: what they answered here, and remote events they joined. */
export async function myAgenda(db: DatabaseLike, member: Member, origin: string): Promise<{ events: EventView[]; remote: RemoteEventView[] }> {
  const now = new Date();
  const items = await selectItems(db)
    .innerJoin(eventParticipationTable, eq(eventParticipationTable.eventId, eventTable.id))
    .where(and(eq(eventParticipationTable.memberId, member.id), ne(eventParticipationTable.status, "not_going"), gt(eventTable.endsAt, now), isNull(eventTable.hiddenAt)))
    .orderBy(asc(eventTable.startsAt))
    .limit(200);
  const remote = await db
    .select({ event: remoteEventTable, state: remoteEventParticipationTable.state, group: groupActor })
    .from(remoteEventParticipationTable)
    .innerJoin(remoteEventTable, eq(remoteEventTable.id, remoteEventParticipationTable.remoteEventId))
    .leftJoin(groupActor, eq(groupActor.id, remoteEventTable.groupId))
    .where(and(eq(remoteEventParticipationTable.memberId, member.id), or(isNull(remoteEventTable.endsAt), gt(remoteEventTable.endsAt, now))))
    .orderBy(asc(remoteEventTable.startsAt));
  return {
    events: await eventViews(db, origin, items as EventItem[], member),
    remote: remote.map((r) => remoteView(r.event, r.group, r.state)),
  };
}

/** Partner networks' shared events, for the members of `slug`: local partners' partner and public events, and remote partners' ones. */
export async function partnerAgenda(
  db: DatabaseLike,
  member: Member,
  slug: string,
  origin: string,
): Promise<Result<{ events: EventView[]; remote: RemoteEventView[] }>> {
  const allowed = await requireRole(db, slug, member, "member");
  if (!allowed.ok) return allowed;
  const partners = await db
    .select({ id: partnershipTable.partnerActorId })
    .from(partnershipTable)
    .where(and(eq(partnershipTable.networkId, allowed.value.network.id), eq(partnershipTable.state, "active")));
  const ids = partners.map((p) => p.id);
  const prefix = new URL("/n/", origin).href;
  const localSlugs = ids.filter((id) => id.startsWith(prefix)).map((id) => id.slice(prefix.length));
  const now = new Date();
  const items = localSlugs.length
    ? await selectItems(db)
        .where(and(inArray(networkTable.slug, localSlugs), inArray(eventTable.visibility, ["partners", "public"]), gt(eventTable.endsAt, now), isNull(eventTable.hiddenAt)))
        .orderBy(asc(eventTable.startsAt))
        .limit(200)
    : [];
  const mine = await db
    .select({ id: remoteEventParticipationTable.remoteEventId, state: remoteEventParticipationTable.state })
    .from(remoteEventParticipationTable)
    .where(eq(remoteEventParticipationTable.memberId, member.id));
  const states = new Map(mine.map((m) => [m.id, m.state]));
  const remote = ids.length
    ? await db
        .select({ event: remoteEventTable, group: groupActor })
        .from(remoteEventTable)
        .leftJoin(groupActor, eq(groupActor.id, remoteEventTable.groupId))
        .where(and(inArray(remoteEventTable.groupId, ids), gte(remoteEventTable.startsAt, new Date(now.getTime() - 86400_000))))
        .orderBy(asc(remoteEventTable.startsAt))
        .limit(200)
    : [];
  return ok({
    events: await eventViews(db, origin, items, member),
    remote: remote.map((r) => remoteView(r.event, r.group, states.get(r.event.id))),
  });
}

export interface ParticipantView {
  id: string;
  name: string;
  handle: string | null;
  status: string;
  /** A sponsor who answered for them. */
  answeredBy: string | null;
  remote: boolean;
  /** Ticked by the organiser after the event: came, did not, or not ticked (null). */
  attended: boolean | null;
}

const responder = alias(memberTable, "responder");

/** The organiser's list (to print): going first, then maybe, waiting, not going. */
export async function participantsOf(db: DatabaseLike, by: Member, eventId: string): Promise<Result<{ event: EventItem; participants: ParticipantView[] }>> {
  const item = await findEvent(db, eventId);
  if (!item) return fail("not_found", "event_not_found", "No such event");
  if (!(await mayManage(db, item, by))) return fail("forbidden", "not_event_organiser", "Only its organiser or an animator sees the list");
  const rows = await db
    .select({ p: eventParticipationTable, member: memberTable, actor: remoteActorTable, responder })
    .from(eventParticipationTable)
    .leftJoin(memberTable, eq(memberTable.id, eventParticipationTable.memberId))
    .leftJoin(remoteActorTable, eq(remoteActorTable.id, eventParticipationTable.remoteActorId))
    .leftJoin(responder, eq(responder.id, eventParticipationTable.respondedById))
    .where(eq(eventParticipationTable.eventId, eventId))
    .orderBy(asc(eventParticipationTable.createdAt));
  const order = { going: 0, maybe: 1, waiting: 2, not_going: 3 };
  const participants = rows
    .map((r) => ({
      id: r.p.id,
      name: r.member?.displayName ?? r.actor?.name ?? r.actor?.handle ?? r.p.remoteActorId ?? "?",
      handle: r.member?.handle ?? r.actor?.handle ?? null,
      status: r.p.status,
      answeredBy: r.responder && r.member && r.responder.id !== r.member.id ? r.responder.displayName : null,
      remote: r.member === null,
      attended: r.p.attended,
    }))
    .sort((a, b) => order[a.status as keyof typeof order] - order[b.status as keyof typeof order]);
  return ok({ event: item, participants });
}
