// A network's impact figures for a period and the one before it, put
// together from the SQL aggregates (counts.ts, details.ts, months.ts).
import { asc, eq, isNull, or } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { themeTable, type Network } from "../../../db/schema/index.ts";
import { activityCounts } from "./activity.ts";
import { eventCounts, exchangeCounts, memberCounts, resourceCounts } from "./counts.ts";
import { commonsDetails, exchangeDetails, partnershipDetails } from "./details.ts";
import { memberMonths, monthlyFigures } from "./months.ts";
import type { Periods } from "./period.ts";
import type { ImpactFigures, KindFigures, Pair, ThemeFigures, Totals } from "./shape.ts";
import { sumOf, zero } from "./sql.ts";

const EVENT_KINDS = ["cafe", "fete", "atelier", "formation", "action", "reunion"];

/**
 * The figures every network has (activity.ts, counts.ts), for these
 * networks; with `chartStart`, also month by month from then.
 */
const countsOf = (db: DatabaseLike, ids: string[], periods: Periods, now: Date, chartStart: Date | null = null) =>
  Promise.all([
    memberCounts(db, ids, periods),
    activityCounts(db, ids, periods, now, chartStart),
    exchangeCounts(db, ids, periods, chartStart),
    eventCounts(db, ids, periods, now, chartStart),
    resourceCounts(db, ids, periods),
  ]);

export async function figuresOf(db: DatabaseLike, network: Network, periods: Periods, origin: string, now = new Date()): Promise<Omit<ImpactFigures, "partners">> {
  const ids = [network.id];
  const [[members, activity, exchangeRows, eventRows, resources], people, commons, partnerships, joined, themes] = await Promise.all([
    countsOf(db, ids, periods, now, periods.chartStart),
    exchangeDetails(db, network.id, periods),
    commonsDetails(db, network, periods, origin),
    partnershipDetails(db, network.id, periods),
    memberMonths(db, network.id, periods),
    db.select().from(themeTable).where(or(isNull(themeTable.networkId), eq(themeTable.networkId, network.id))).orderBy(asc(themeTable.position), asc(themeTable.slug)),
  ]);
  const { offers, active } = activity;
  const [exchanges, events] = [exchangeRows.themes, eventRows.kinds];
  const months = monthlyFigures(periods, joined, { offers: activity.months, exchanges: exchangeRows.months, events: eventRows.months });
  const m = members.get(network.id) ?? { total: zero(), new: zero(), sponsored: zero(), households: zero(), newHouseholds: zero() };
  const a = active.get(network.id) ?? { members: zero(), households: zero() };
  const pick = (kind: "offer" | "request", theme?: string) =>
    offers.filter((o) => o.kind === kind && (theme === undefined || o.theme === theme));
  const themeRows: ThemeFigures[] = [];
  const slugs = new Set([...offers.map((o) => o.theme), ...exchanges.map((x) => x.theme)]);
  // Known themes in their order, then any slug no longer in the table.
  const ordered = [...themes.filter((t) => slugs.has(t.slug)).map((t) => t.slug), ...[...slugs].filter((s) => !themes.some((t) => t.slug === s)).sort()];
  for (const slug of new Set(ordered)) {
    const theme = themes.find((t) => t.slug === slug);
    themeRows.push({
      theme: { slug, labelFr: theme?.labelFr ?? slug, labelEn: theme?.labelEn ?? slug },
      offers: sumOf(pick("offer", slug).map((o) => o.posted)),
      requests: sumOf(pick("request", slug).map((o) => o.posted)),
      answered: sumOf(offers.filter((o) => o.theme === slug).map((o) => o.answered)),
      exchanges: sumOf(exchanges.filter((x) => x.theme === slug).map((x) => x.done)),
    });
  }
  const kinds: KindFigures[] = EVENT_KINDS.flatMap((kind) => {
    const row = events.find((e) => e.kind === kind);
    return row ? [{ kind, held: row.held, going: row.going, attended: row.attended }] : [];
  });
  const total = (key: "held" | "going" | "attended" | "withAttendance"): Pair => sumOf(events.map((e) => e[key]));
  return {
    network: { slug: network.slug, name: network.name },
    period: { from: periods.current.from, to: periods.current.to },
    previous: { from: periods.previous.from, to: periods.previous.to },
    members: { total: m.total, new: m.new, active: a.members, sponsored: m.sponsored },
    households: { total: m.households, new: m.newHouseholds, active: a.households },
    offers: {
      offers: sumOf(pick("offer").map((o) => o.posted)),
      requests: sumOf(pick("request").map((o) => o.posted)),
      answered: sumOf(offers.map((o) => o.answered)),
    },
    exchanges: { done: sumOf(exchanges.map((x) => x.done)), ...people },
    themes: themeRows,
    events: { held: total("held"), going: total("going"), attended: total("attended"), withAttendance: total("withAttendance") },
    eventKinds: kinds,
    commons: { published: resources.get(network.id) ?? zero(), ...commons },
    partnerships,
    months,
  };
}

/** The totals of several networks for the current period, by network id (all of them, zeros included). */
export async function totalsOf(db: DatabaseLike, ids: string[], periods: Periods, now = new Date()): Promise<Map<string, Totals>> {
  if (ids.length === 0) return new Map();
  const [members, { offers, active }, { themes: exchanges }, { kinds: events }, resources] = await countsOf(db, ids, periods, now);
  const of = <T extends { networkId: string }>(list: T[], id: string, value: (row: T) => Pair) =>
    list.filter((r) => r.networkId === id).reduce((n, r) => n + value(r).current, 0);
  return new Map(
    ids.map((id) => [
      id,
      {
        members: members.get(id)?.total.current ?? 0,
        households: members.get(id)?.households.current ?? 0,
        newMembers: members.get(id)?.new.current ?? 0,
        activeMembers: active.get(id)?.members.current ?? 0,
        offersPosted: of(offers, id, (o) => o.posted),
        exchanges: of(exchanges, id, (x) => x.done),
        eventsHeld: of(events, id, (e) => e.held),
        going: of(events, id, (e) => e.going),
        resourcesPublished: resources.get(id)?.current ?? 0,
      },
    ]),
  );
}

export const sumTotals = (list: Totals[]): Totals => {
  const sum = { members: 0, households: 0, newMembers: 0, activeMembers: 0, offersPosted: 0, exchanges: 0, eventsHeld: 0, going: 0, resourcesPublished: 0 };
  for (const t of list) for (const key of Object.keys(sum) as (keyof Totals)[]) sum[key] += t[key];
  return sum;
};
