// Figures month by month (Europe/Paris), for the charts: the months of the
// period, and at least the last twelve. Offers, exchanges and events per
// month come with their period's figures (activity.ts, counts.ts: one read
// of the rows for both); members who joined are counted here.
import { sql } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import type { ActivityCounts } from "./activity.ts";
import type { EventMonth } from "./counts.ts";
import type { MonthFigures } from "./shape.ts";
import type { Periods } from "./period.ts";
import { at, monthIndex, monthOf, rows } from "./sql.ts";

export interface MonthParts {
  offers: ActivityCounts["months"];
  exchanges: { month: string; n: number }[];
  events: EventMonth[];
}

/** New members per month over the charts' months. */
export async function memberMonths(db: DatabaseLike, networkId: string, periods: Periods): Promise<{ month: string; n: number }[]> {
  const found = await rows(db, sql`
    select ${monthIndex(sql`joined_at`, periods)} as m, count(*)::int as n from membership
    where network_id = ${networkId}::uuid and joined_at >= ${at(periods.chartStart)} and joined_at < ${at(periods.current.end)} group by 1`);
  return found.map((r) => ({ month: String(monthOf(periods, r.m)), n: Number(r.n) }));
}

export function monthlyFigures(periods: Periods, members: { month: string; n: number }[], parts: MonthParts): MonthFigures[] {
  const offers = (m: string, kind: "offer" | "request") => parts.offers.find((r) => r.month === m && r.kind === kind)?.n ?? 0;
  return periods.months.map((m) => {
    const event = parts.events.find((r) => r.month === m);
    return {
      month: m,
      newMembers: members.find((r) => r.month === m)?.n ?? 0,
      offers: offers(m, "offer"),
      requests: offers(m, "request"),
      exchanges: parts.exchanges.find((r) => r.month === m)?.n ?? 0,
      events: event?.held ?? 0,
      going: event?.going ?? 0,
      attended: event?.attended ?? 0,
    };
  });
}
