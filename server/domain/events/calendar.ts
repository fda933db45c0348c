// Calendar feeds: iCalendar (RFC 5545) with Europe/Paris and each series kept
// as one VEVENT with its RRULE (cancelled occurrences as EXDATE, occurrences
// that differ as overrides with RECURRENCE-ID), for a network (public events,
// no login) and for a member (a secret, revocable URL); RSS/Atom of a
// network's upcoming public events.
import { Temporal } from "@js-temporal/polyfill";
import { randomBytes } from "node:crypto";
import { and, asc, eq, gt, inArray, isNull, ne, or } from "drizzle-orm";
import { Feed } from "feed";
import ical, { ICalEventStatus, type ICalCalendar } from "ical-generator";
import type { DatabaseLike } from "../../../db/client.ts";
import {
  calendarTokenTable,
  eventParticipationTable,
  eventSeriesTable,
  eventTable,
  memberTable,
  membershipTable,
  networkTable,
  type Event,
  type Member,
  type Network,
} from "../../../db/schema/index.ts";
import type { EventItem } from "./ports.ts";
import { icalLocal, TIME_ZONE } from "./recurrence.ts";
import { frenchWhen, kindLabels, placeLine } from "./text.ts";
import { eventUrl, loadEvent } from "./views.ts";
import { fail, ok, type Result } from "../result.ts";
import { escapeHtml, textToHtml } from "../text.ts";
import { findNetwork } from "../roles.ts";

const VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  "TZID:Europe/Paris",
  "X-LIC-LOCATION:Europe/Paris",
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0200",
  "TZNAME:CEST",
  "DTSTART:19700329T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "TZNAME:CET",
  "DTSTART:19701025T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
].join("\r\n");

const paris = (d: Date) => Temporal.Instant.fromEpochMilliseconds(d.getTime()).toZonedDateTimeISO(TIME_ZONE);

const selectItems = (db: DatabaseLike) =>
  db
    .select({ event: eventTable, network: networkTable, organiser: memberTable, series: eventSeriesTable })
    .from(eventTable)
    .innerJoin(networkTable, eq(networkTable.id, eventTable.networkId))
    .leftJoin(memberTable, eq(memberTable.id, eventTable.organiserId))
    .leftJoin(eventSeriesTable, eq(eventSeriesTable.id, eventTable.seriesId));

/** What a VEVENT says of an occurrence; overrides are written when it differs from the series' first. */
const shape = (e: Event) => [e.title, e.body, placeLine(e), e.endsAt.getTime() - e.startsAt.getTime(), e.cancelled].join("|");

function addEvent(cal: ICalCalendar, host: string, origin: string, item: EventItem, extra: { uid?: string; rrule?: string; recurrenceId?: Date } = {}) {
  const { event: e, network } = item;
  const url = eventUrl(origin, network.slug, e.id);
  cal.createEvent({
    id: extra.uid ?? `${e.id}@${host}`,
    start: paris(e.startsAt) as never,
    end: paris(e.endsAt) as never,
    timezone: TIME_ZONE,
    stamp: e.updatedAt ?? e.createdAt,
    summary: `${e.title} (${network.name})`,
    description: `${kindLabels[e.kind]} — ${e.body}\n\n${url}`.trim(),
    location: placeLine(e),
    url,
    status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    ...(e.latitude !== null && e.longitude !== null ? { location: { title: placeLine(e), geo: { lat: e.latitude, lon: e.longitude } } } : {}),
    ...(extra.rrule ? { repeating: extra.rrule } : {}),
    ...(extra.recurrenceId ? { recurrenceId: paris(extra.recurrenceId) as never } : {}),
  });
}

/** The calendar of these occurrences: single events as they are, series folded back into RRULE + EXDATE + overrides. */
export function buildIcs(items: EventItem[], name: string, origin: string): string {
  const host = new URL(origin).host;
  const cal = ical({ name, prodId: { company: "Maillage", product: "agenda", language: "FR" } });
  const bySeries = new Map<string, EventItem[]>();
  for (const item of items) {
    if (!item.series) addEvent(cal, host, origin, item);
    else bySeries.set(item.series.id, [...(bySeries.get(item.series.id) ?? []), item]);
  }
  for (const occurrences of bySeries.values()) {
    const sorted = occurrences.sort((a, b) => a.event.originalStartsAt!.getTime() - b.event.originalStartsAt!.getTime());
    const first = sorted.find((o) => !o.event.cancelled && o.event.startsAt.getTime() === o.event.originalStartsAt!.getTime()) ?? sorted[0];
    const uid = `${first.series!.id}@${host}`;
    const exdates = sorted.filter((o) => o.event.cancelled).map((o) => icalLocal(o.event.originalStartsAt!));
    const rrule = `RRULE:${first.series!.rrule}` + (exdates.length ? `\r\nEXDATE;TZID=${TIME_ZONE}:${exdates.join(",")}` : "");
    // DTSTART of the series: the first occurrence's original start, with the first kept one's details.
    const master = { ...first, event: { ...first.event, cancelled: false, startsAt: sorted[0].event.originalStartsAt!, endsAt: new Date(sorted[0].event.originalStartsAt!.getTime() + first.event.endsAt.getTime() - first.event.startsAt.getTime()) } };
    addEvent(cal, host, origin, master, { uid, rrule });
    for (const o of sorted) {
      if (o.event.cancelled) continue;
      const moved = o.event.startsAt.getTime() !== o.event.originalStartsAt!.getTime();
      if (moved || shape(o.event) !== shape(master.event)) addEvent(cal, host, origin, o, { uid, recurrenceId: o.event.originalStartsAt! });
    }
  }
  return cal.toString().replace("BEGIN:VEVENT", `${VTIMEZONE}\r\nBEGIN:VEVENT`).replace("END:VCALENDAR", "X-WR-TIMEZONE:Europe/Paris\r\nEND:VCALENDAR");
}

/** A network's public events (past three months and coming), for anyone's calendar app. */
export async function networkIcs(db: DatabaseLike, slug: string, origin: string): Promise<Result<string>> {
  const found = await findNetwork(db, slug);
  if (!found.ok) return found;
  const since = new Date(Date.now() - 92 * 86400_000);
  const items = await selectItems(db)
    .where(and(eq(eventTable.networkId, found.value.id), eq(eventTable.visibility, "public"), gt(eventTable.endsAt, since), isNull(eventTable.hiddenAt)))
    .orderBy(asc(eventTable.startsAt))
    .limit(2000);
  return ok(buildIcs(items, found.value.name, origin));
}

/** The member's secret calendar URL token, made on first ask; `renew` revokes the old URL. */
export async function calendarToken(db: DatabaseLike, member: Member, renew = false): Promise<string> {
  const [existing] = await db.select().from(calendarTokenTable).where(eq(calendarTokenTable.memberId, member.id));
  if (existing && !renew) return existing.token;
  const token = randomBytes(24).toString("base64url");
  await db
    .insert(calendarTokenTable)
    .values({ memberId: member.id, token })
    .onConflictDoUpdate({ target: calendarTokenTable.memberId, set: { token, createdAt: new Date() } });
  return token;
}

/** Everything in the member's networks, and the events they answered elsewhere on this instance. */
export async function memberIcs(db: DatabaseLike, token: string, origin: string): Promise<Result<string>> {
  const [row] = token.length >= 16 ? await db.select({ member: memberTable }).from(calendarTokenTable).innerJoin(memberTable, eq(memberTable.id, calendarTokenTable.memberId)).where(eq(calendarTokenTable.token, token)) : [];
  if (!row) return fail("not_found", "calendar_not_found", "No such calendar (the link may have been renewed)");
  const networks = await db.select({ id: membershipTable.networkId }).from(membershipTable).where(eq(membershipTable.memberId, row.member.id));
  const answered = await db
    .select({ id: eventParticipationTable.eventId })
    .from(eventParticipationTable)
    .where(and(eq(eventParticipationTable.memberId, row.member.id), ne(eventParticipationTable.status, "not_going")));
  const since = new Date(Date.now() - 92 * 86400_000);
  const networkIds = networks.map((n) => n.id);
  const eventIds = answered.map((a) => a.id);
  if (networkIds.length + eventIds.length === 0) return ok(buildIcs([], row.member.displayName, origin));
  const items = await selectItems(db)
    .where(
      and(
        gt(eventTable.endsAt, since),
        isNull(eventTable.hiddenAt),
        or(networkIds.length ? inArray(eventTable.networkId, networkIds) : undefined, eventIds.length ? inArray(eventTable.id, eventIds) : undefined),
      ),
    )
    .orderBy(asc(eventTable.startsAt))
    .limit(5000);
  return ok(buildIcs(items, `Maillage — ${row.member.displayName}`, origin));
}

/** RSS 2.0 or Atom of a network's coming public events. */
export async function networkFeed(db: DatabaseLike, slug: string, format: "rss" | "atom", origin: string): Promise<Result<string>> {
  const found = await findNetwork(db, slug);
  if (!found.ok) return found;
  const network: Network = found.value;
  const items = await selectItems(db)
    .where(and(eq(eventTable.networkId, network.id), eq(eventTable.visibility, "public"), gt(eventTable.endsAt, new Date()), eq(eventTable.cancelled, false), isNull(eventTable.hiddenAt)))
    .orderBy(asc(eventTable.startsAt))
    .limit(100);
  const page = new URL(`/n/${network.slug}/agenda`, origin).href;
  const feed = new Feed({
    id: page,
    title: `${network.name} — rendez-vous`,
    link: page,
    language: "fr",
    copyright: network.name,
    updated: new Date(Math.max(0, ...items.map((i) => (i.event.updatedAt ?? i.event.createdAt).getTime()))),
    feedLinks: {
      rss: new URL(`/api/networks/${network.slug}/events/feed.rss`, origin).href,
      atom: new URL(`/api/networks/${network.slug}/events/feed.atom`, origin).href,
    },
  });
  for (const { event: e } of items) {
    const url = eventUrl(origin, network.slug, e.id);
    // The feed's item title, description and content are HTML (CDATA, Atom
    // type="html"): our plain text goes in escaped, so no reader runs markup.
    feed.addItem({
      title: escapeHtml(`${e.title} — ${frenchWhen(e.startsAt, e.endsAt)}`),
      id: url,
      link: url,
      description: escapeHtml(`${kindLabels[e.kind]}, ${frenchWhen(e.startsAt, e.endsAt)} — ${placeLine(e)}`),
      content: textToHtml(e.body),
      date: e.updatedAt ?? e.createdAt,
      published: e.createdAt,
    });
  }
  return ok(format === "rss" ? feed.rss2() : feed.atom1());
}

/** One occurrence as a calendar file (« add to my calendar »), for whoever may see the event. */
export async function eventIcs(db: DatabaseLike, id: string, viewer: Member | null, origin: string): Promise<Result<{ ics: string; title: string }>> {
  const loaded = await loadEvent(db, id, viewer, origin);
  if (!loaded.ok) return loaded;
  // The occurrence alone, not its series: the person adds the date they saw.
  const item = { ...loaded.value, series: null };
  return ok({ ics: buildIcs([item], loaded.value.network.name, origin), title: loaded.value.event.title });
}
