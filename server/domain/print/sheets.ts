// Posters and printed sheets, for neighbours who do not use the site: the
// network poster (the next café, how to join, the animators' first names),
// the sheet of current offers and requests by theme (each with its
// reference number), and the month's agenda. They read offers and events
// through the same filters as the lists, for the audience chosen: the
// members (handed out at the café, to sponsored neighbours) or everyone
// (put up in the hall: public items only).
import { Temporal } from "@js-temporal/polyfill";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { memberTable, membershipTable, offerTable, type Member } from "../../../db/schema/index.ts";
import { networkAgenda } from "../events/agenda.ts";
import { TIME_ZONE } from "../events/recurrence.ts";
import type { EventView } from "../events/views.ts";
import { parisToday } from "../impact/period.ts";
import { offerStatus, ownOffers, ownVisibilities } from "../offers/list.ts";
import { decorate, offerView, selectOfferRows } from "../offers/views.ts";
import { fail, ok, type Result } from "../result.ts";
import { requireRole } from "../roles.ts";

export type Audience = "members" | "public";
export const SHEET_MAX_OFFERS = 400;
const POSTER_HORIZON_DAYS = 62;

export interface PosterView {
  /** The next public café-rencontre: what a poster in the hall may say. */
  nextCafe: EventView | null;
  /** A café for members only comes first: the animators may want to make it public. */
  membersOnlyCafe: { title: string; startsAt: string } | null;
  /** First names of the animation group. */
  animators: string[];
}

const nextCafeIn = (events: EventView[]) => events.find((e) => e.kind === "cafe" && !e.cancelled) ?? null;

export async function posterOf(db: DatabaseLike, member: Member, slug: string, origin: string, now = new Date()): Promise<Result<PosterView>> {
  const allowed = await requireRole(db, slug, member, "animator");
  if (!allowed.ok) return allowed;
  const range = { from: now, to: new Date(now.getTime() + POSTER_HORIZON_DAYS * 86400_000) };
  // What a visitor sees, and what the animator sees.
  const [publicAgenda, ownAgenda] = await Promise.all([networkAgenda(db, null, slug, range, origin), networkAgenda(db, member, slug, range, origin)]);
  if (!publicAgenda.ok) return publicAgenda;
  if (!ownAgenda.ok) return ownAgenda;
  const nextCafe = nextCafeIn(publicAgenda.value);
  const first = nextCafeIn(ownAgenda.value);
  const group = await db
    .select({ displayName: memberTable.displayName })
    .from(membershipTable)
    .innerJoin(memberTable, eq(memberTable.id, membershipTable.memberId))
    .where(and(eq(membershipTable.networkId, allowed.value.network.id), inArray(membershipTable.role, ["animator", "pilot"])))
    .orderBy(asc(memberTable.displayName));
  return ok({
    nextCafe,
    membersOnlyCafe: first && first.id !== nextCafe?.id ? { title: first.title, startsAt: first.startsAt.toISOString() } : null,
    animators: [...new Set(group.map((m) => m.displayName.trim().split(/\s+/)[0]).filter(Boolean))],
  });
}

export interface SheetOffer {
  ref: number | null;
  kind: "offer" | "request";
  title: string;
  body: string;
  place: string;
  availability: string;
  /** The author's name, on the members' sheet only. */
  author: string | null;
}

export interface OffersSheet {
  audience: Audience;
  themes: { theme: { slug: string; labelFr: string; labelEn: string }; offers: SheetOffer[] }[];
  count: number;
  /** More open offers than a sheet holds (the most recent ones are printed). */
  truncated: boolean;
}

const shorten = (text: string, max = 280) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

export async function offersSheet(db: DatabaseLike, member: Member, slug: string, audience: Audience, origin: string): Promise<Result<OffersSheet>> {
  const allowed = await requireRole(db, slug, member, "animator");
  if (!allowed.ok) return allowed;
  const { network, role } = allowed.value;
  const shown = audience === "public" ? ["public" as const] : await ownVisibilities(db, network.id, role, member, origin);
  const rows = await decorate(
    db,
    await selectOfferRows(db)
      .where(and(ownOffers(network.id, shown), offerStatus("open")))
      .orderBy(desc(offerTable.createdAt))
      .limit(SHEET_MAX_OFFERS + 1),
  );
  const themes = new Map<string, OffersSheet["themes"][number] & { position: number }>();
  for (const row of rows.slice(0, SHEET_MAX_OFFERS)) {
    const view = offerView(origin, row, true);
    const entry = themes.get(view.theme.slug) ?? { theme: view.theme, offers: [], position: row.theme?.position ?? 1000 };
    entry.offers.push({
      ref: view.ref,
      kind: view.kind,
      title: view.title,
      body: shorten(view.body),
      place: view.place,
      availability: view.availability,
      author: audience === "members" ? (view.author?.displayName ?? null) : null,
    });
    themes.set(view.theme.slug, entry);
  }
  const sorted = [...themes.values()].sort((a, b) => a.position - b.position || a.theme.labelFr.localeCompare(b.theme.labelFr, "fr"));
  return ok({
    audience,
    themes: sorted.map(({ theme, offers }) => ({ theme, offers: offers.sort((a, b) => (a.ref ?? 0) - (b.ref ?? 0)) })),
    count: Math.min(rows.length, SHEET_MAX_OFFERS),
    truncated: rows.length > SHEET_MAX_OFFERS,
  });
}

export interface AgendaSheet {
  audience: Audience;
  month: string;
  events: EventView[];
}

/** The month's events (YYYY-MM, Europe/Paris; this month by default), cancelled ones left out. */
export async function agendaSheet(db: DatabaseLike, member: Member, slug: string, month: string | undefined, audience: Audience, origin: string, now = new Date()): Promise<Result<AgendaSheet>> {
  const allowed = await requireRole(db, slug, member, "animator");
  if (!allowed.ok) return allowed;
  let first: Temporal.PlainYearMonth;
  try {
    if (month !== undefined && !/^\d{4}-\d{2}$/.test(month)) throw new RangeError(month);
    first = month ? Temporal.PlainYearMonth.from(month, { overflow: "reject" }) : parisToday(now).toPlainYearMonth();
  } catch {
    return fail("invalid", "invalid_month", "A month as YYYY-MM", "month");
  }
  if (Math.abs(first.year - parisToday(now).year) > 5) return fail("invalid", "year_out_of_range", "Within five years of now", "month");
  const startOf = (m: Temporal.PlainYearMonth) => new Date(m.toPlainDate({ day: 1 }).toZonedDateTime({ timeZone: TIME_ZONE }).epochMilliseconds);
  const events = await networkAgenda(db, audience === "public" ? null : member, slug, { from: startOf(first), to: startOf(first.add({ months: 1 })) }, origin);
  if (!events.ok) return events;
  return ok({ audience, month: first.toString(), events: events.value.filter((e) => !e.cancelled) });
}
