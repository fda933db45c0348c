// Events as the API shows them, and who may see which: `network` events to
// the network's members, `partners` ones also to members of partner networks
// on this instance, `public` ones to anyone.
import { and, count, eq, inArray } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import {
  eventParticipationTable,
  eventSeriesTable,
  eventTable,
  memberTable,
  networkTable,
  type Event,
  type Member,
  type RsvpStatus,
  type Role,
} from "../../../db/schema/index.ts";
import { renderText, } from "../announcement-html.ts";
import { isLocalPartnerMember, maySee, tagHref, viewerRole } from "../announcement-views.ts";
import type { EventItem } from "./ports.ts";
import { mediaOf, mediaView, type MediaView } from "../media.ts";
import { fail, ok, type Result } from "../result.ts";
import { atLeast } from "../roles.ts";
import { isUuid } from "../ids.ts";
import { seesHidden } from "../moderation/hidden-info.ts";

/** The event's ActivityPub id and web page. */
export const eventPath = (slug: string, id: string) => `/n/${slug}/e/${id}`;
export const eventUrl = (origin: string, slug: string, id: string) => new URL(eventPath(slug, id), origin).href;


export async function findEvent(db: DatabaseLike, id: string): Promise<EventItem | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ event: eventTable, network: networkTable, organiser: memberTable, series: eventSeriesTable })
    .from(eventTable)
    .innerJoin(networkTable, eq(networkTable.id, eventTable.networkId))
    .leftJoin(memberTable, eq(memberTable.id, eventTable.organiserId))
    .leftJoin(eventSeriesTable, eq(eventSeriesTable.id, eventTable.seriesId))
    .where(eq(eventTable.id, id))
    .limit(1);
  return row ?? null;
}

export interface LoadedEvent extends EventItem {
  role: Role | null;
}

/** The event if the viewer may see it; unknown and hidden ones are both "not found". */
export async function loadEvent(db: DatabaseLike, id: string, viewer: Member | null, origin?: string): Promise<Result<LoadedEvent>> {
  const notFound = fail("not_found", "event_not_found", "No such event");
  const item = await findEvent(db, id);
  if (!item) return notFound;
  const role = await viewerRole(db, item.network.id, viewer);
  const localPartner =
    role === null && item.event.visibility === "partners" && origin !== undefined && (await isLocalPartnerMember(db, item.network.id, viewer, origin));
  const shown = maySee(item.event.visibility, role, localPartner) && seesHidden(item.event.hiddenAt, item.event.organiserId, viewer, role);
  return shown ? ok({ ...item, role }) : notFound;
}

/** The organiser (or their sponsor acting for them) and the network's animators manage an event. */
export async function mayManage(db: DatabaseLike, item: EventItem, by: Member): Promise<boolean> {
  if (item.event.organiserId === by.id) return true;
  return atLeast(await viewerRole(db, item.network.id, by), "animator");
}

export interface Counts {
  going: number;
  maybe: number;
  waiting: number;
}

export async function countsOf(db: DatabaseLike, ids: string[]): Promise<Map<string, Counts>> {
  const byId = new Map(ids.map((id) => [id, { going: 0, maybe: 0, waiting: 0 }]));
  if (ids.length === 0) return byId;
  const rows = await db
    .select({ eventId: eventParticipationTable.eventId, status: eventParticipationTable.status, n: count() })
    .from(eventParticipationTable)
    .where(inArray(eventParticipationTable.eventId, ids))
    .groupBy(eventParticipationTable.eventId, eventParticipationTable.status);
  for (const r of rows) {
    const c = byId.get(r.eventId)!;
    if (r.status !== "not_going") c[r.status] = r.n;
  }
  return byId;
}

export async function myStatuses(db: DatabaseLike, ids: string[], viewer: Member | null): Promise<Map<string, RsvpStatus>> {
  if (!viewer || ids.length === 0) return new Map();
  const rows = await db
    .select({ eventId: eventParticipationTable.eventId, status: eventParticipationTable.status })
    .from(eventParticipationTable)
    .where(and(inArray(eventParticipationTable.eventId, ids), eq(eventParticipationTable.memberId, viewer.id)));
  return new Map(rows.map((r) => [r.eventId, r.status]));
}

export interface PlaceView {
  name: string;
  street: string | null;
  postalCode: string | null;
  locality: string | null;
  latitude: number | null;
  longitude: number | null;
}

export interface EventView {
  id: string;
  url: string;
  network: { slug: string; name: string };
  kind: Event["kind"];
  title: string;
  body: string;
  bodyHtml: string;
  startsAt: Date;
  endsAt: Date;
  place: PlaceView;
  capacity: number | null;
  visibility: Event["visibility"];
  cancelled: boolean;
  series: { id: string; rrule: string; endless: boolean; detached: boolean } | null;
  organiser: { handle: string; displayName: string } | null;
  going: number;
  maybe: number;
  waiting: number;
  remaining: number | null;
  /** The viewer's answer, when they gave one. */
  myStatus: RsvpStatus | null;
  canManage: boolean;
  photo: MediaView | null;
}

/** Whom an event's photo belongs to: the series (one photo for all its occurrences), else the event. */
export const photoOwner = (e: Pick<Event, "id" | "seriesId">) => (e.seriesId ? { type: "event_series", id: e.seriesId } : { type: "event", id: e.id });

export async function photoOf(db: DatabaseLike, e: Pick<Event, "id" | "seriesId">) {
  const [photo] = await mediaOf(db, photoOwner(e));
  return photo ?? null;
}

export const placeOf = (e: Event): PlaceView => ({
  name: e.placeName,
  street: e.street,
  postalCode: e.postalCode,
  locality: e.locality,
  latitude: e.latitude,
  longitude: e.longitude,
});

export function eventView(
  origin: string,
  item: EventItem,
  counts: Counts,
  extra: { myStatus?: RsvpStatus | null; canManage?: boolean; photo?: Parameters<typeof mediaView>[1] | null } = {},
): EventView {
  const { event: e, network, organiser, series } = item;
  return {
    id: e.id,
    url: eventUrl(origin, network.slug, e.id),
    network: { slug: network.slug, name: network.name },
    kind: e.kind,
    title: e.title,
    body: e.body,
    bodyHtml: renderText(e.body, tagHref(origin, network.slug)).html,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    place: placeOf(e),
    capacity: e.capacity,
    visibility: e.visibility,
    cancelled: e.cancelled,
    series: series ? { id: series.id, rrule: series.rrule, endless: series.endless, detached: e.detached } : null,
    organiser: organiser ? { handle: organiser.handle, displayName: organiser.displayName } : null,
    ...counts,
    remaining: e.capacity === null ? null : Math.max(0, e.capacity - counts.going),
    myStatus: extra.myStatus ?? null,
    canManage: extra.canManage ?? false,
    photo: extra.photo ? mediaView(origin, extra.photo) : null,
  };
}

/** Views of several events for one viewer (counts and the viewer's answers in two queries). */
export async function eventViews(db: DatabaseLike, origin: string, items: EventItem[], viewer: Member | null): Promise<EventView[]> {
  const ids = items.map((i) => i.event.id);
  const counts = await countsOf(db, ids);
  const mine = await myStatuses(db, ids, viewer);
  return items.map((i) => eventView(origin, i, counts.get(i.event.id)!, { myStatus: mine.get(i.event.id) ?? null }));
}
