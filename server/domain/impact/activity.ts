// What members did: offers and requests posted and answered (by theme and
// kind), posted month by month for the charts, and the members and
// households who were active. Each is one plain statement (they run side by
// side): measured on 100,000 offers, merging them into one statement over
// materialised CTEs or grouping sets cost more than it saved, and a month
// found by a binary search over the months' starts costs less than
// formatting each date.
import { sql, type SQL } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import type { Pair } from "./shape.ts";
import type { Periods } from "./period.ts";
import { at, householdKey, idList, pairOf, periodFlag, rows, slicesOf, spanning, zero } from "./sql.ts";

export interface OfferCount {
  networkId: string;
  theme: string;
  kind: "offer" | "request";
  posted: Pair;
  answered: Pair;
}

export interface ActivityCounts {
  offers: OfferCount[];
  /** Members and households who posted, answered, took part in an exchange or came to an event. */
  active: Map<string, { members: Pair; households: Pair }>;
  /** Offers and requests posted per month ("YYYY-MM", Europe/Paris) from `chartStart`, when asked. */
  months: { networkId: string; month: string; kind: "offer" | "request"; n: number }[];
}

const minDate = (a: Date, b: Date) => (a < b ? a : b);

export async function activityCounts(db: DatabaseLike, ids: string[], periods: Periods, now: Date, chartStart: Date | null): Promise<ActivityCounts> {
  const [{ offers, months }, active] = await Promise.all([postedOffers(db, ids, periods, chartStart !== null), activePeople(db, ids, periods, now)]);
  return { offers, active, months };
}

/**
 * Offers and requests posted, by network, theme, kind and period, and per
 * chart month: one read of the rows, grouped by slice of time (a hash of a
 * few hundred groups, where grouping by period sorted every row). "Answered":
 * someone said « ça m'intéresse » since the previous period began (the
 * offer's last answer, kept by a trigger: probing the answers per offer cost
 * four times the rest of the statement on PostgreSQL).
 */
async function postedOffers(db: DatabaseLike, ids: string[], periods: Periods, withMonths: boolean): Promise<Pick<ActivityCounts, "offers" | "months">> {
  const slices = slicesOf(periods, withMonths);
  const found = await rows(db, sql`
    select o.network_id, o.theme_slug, o.kind, s.i as slice, count(*)::int as posted,
      count(*) filter (where o.last_answer_at >= ${at(periods.previous.start)})::int as answered
    from offer o ${slices.join("s", sql`o.created_at`)}
    where o.network_id in ${idList(ids)} and o.created_at >= ${at(slices.from)} and o.created_at < ${at(slices.to)}
    group by 1, 2, 3, 4`);
  const byKey = new Map<string, OfferCount>();
  const byMonth = new Map<string, ActivityCounts["months"][number]>();
  for (const r of found) {
    const [networkId, kind] = [String(r.network_id), r.kind as OfferCount["kind"]];
    const period = slices.period(r.slice);
    if (period !== null) {
      const key = `${networkId} ${r.theme_slug} ${kind}`;
      const row = byKey.get(key) ?? { networkId, theme: String(r.theme_slug), kind, posted: zero(), answered: zero() };
      const side = period === 1 ? "current" : "previous";
      row.posted[side] += Number(r.posted);
      row.answered[side] += Number(r.answered);
      byKey.set(key, row);
    }
    const month = slices.month(r.slice);
    if (month !== null) {
      const key = `${networkId} ${month} ${kind}`;
      const row = byMonth.get(key) ?? { networkId, month, kind, n: 0 };
      row.n += Number(r.posted);
      byMonth.set(key, row);
    }
  }
  return { offers: [...byKey.values()], months: [...byMonth.values()] };
}

/**
 * Members who did something in the period: posted an offer or a request,
 * answered one, took part in an exchange, or came to an event (said they
 * would, or were ticked present). Counted once each, only while still in
 * the network; their households once too. Grouped by member, with a flag
 * per period: a hash of as many entries as members, where deduplicating
 * (member, period) pairs over every row read spilled to disk over three years.
 */
async function activePeople(db: DatabaseLike, ids: string[], periods: Periods, now: Date): Promise<ActivityCounts["active"]> {
  const ins = idList(ids);
  const flag = (column: SQL) => periodFlag(column, periods);
  const found = await rows(db, sql`
    select d.network_id,
      count(*) filter (where d.current)::int as a_current, count(*) filter (where d.previous)::int as a_previous,
      count(distinct ${householdKey(sql`m`)}) filter (where d.current)::int as b_current,
      count(distinct ${householdKey(sql`m`)}) filter (where d.previous)::int as b_previous
    from (
      select network_id, member_id, bool_or(period = 1) as current, bool_or(period = 0) as previous from (
        select o.network_id, o.author_id as member_id, ${flag(sql`o.created_at`)} as period from offer o
          where o.network_id in ${ins} and ${spanning(sql`o.created_at`, periods)}
        union all
        select r.network_id, r.responder_id, ${flag(sql`r.created_at`)} from offer_response r
          where r.network_id in ${ins} and r.responder_id is not null and ${spanning(sql`r.created_at`, periods)}
        union all
        select x.network_id, x.member_id, ${flag(sql`x.done_at`)} from exchange_participant x
          where x.network_id in ${ins} and ${spanning(sql`x.done_at`, periods)}
        union all
        select e.network_id, p.member_id, ${flag(sql`e.starts_at`)} from event_participation p join event e on e.id = p.event_id
          where e.network_id in ${ins} and not e.cancelled and p.member_id is not null and (p.status = 'going' or p.attended)
            and ${spanning(sql`e.starts_at`, periods, minDate(periods.current.end, now))}
      ) a group by 1, 2
    ) d
    join membership m on m.network_id = d.network_id and m.member_id = d.member_id
    group by d.network_id`);
  return new Map(found.map((r) => [String(r.network_id), { members: pairOf(r, "a"), households: pairOf(r, "b") }]));
}
