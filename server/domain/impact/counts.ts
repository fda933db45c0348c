// The figures every network has, counted for several networks at once
// (grouped by network): a dashboard asks for one, a regional network for
// its partners. Rows only: nothing here is typed in by hand.
import { sql } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import type { Pair } from "./shape.ts";
import type { Periods } from "./period.ts";
import { at, countPair, householdKey, idList, monthIndex, monthOf, pairOf, rows, spanning, sumPair } from "./sql.ts";

export interface MemberCounts {
  total: Pair;
  new: Pair;
  sponsored: Pair;
  households: Pair;
  newHouseholds: Pair;
}

/**
 * Members at the end of each period, those who joined in it, and those with
 * a sponsor; households (households.ts) reached by the end of each period,
 * and those whose first member joined in it.
 */
export async function memberCounts(db: DatabaseLike, ids: string[], periods: Periods): Promise<Map<string, MemberCounts>> {
  const { current, previous } = periods;
  const sponsored = sql`exists (select 1 from sponsorship s where s.sponsored_id = m.member_id and s.network_id = m.network_id)`;
  const found = await rows(db, sql`
    with m as (
      select m.network_id, ${householdKey(sql`m`)} as household, m.joined_at, ${sponsored} as sponsored
      from membership m where m.network_id in ${idList(ids)}
    ), h as (
      select network_id, min(joined_at) as first_joined from m group by network_id, household
    )
    select n.*, hh.* from (
      select m.network_id,
        count(*) filter (where m.joined_at < ${at(current.end)})::int as total_current,
        count(*) filter (where m.joined_at < ${at(previous.end)})::int as total_previous,
        ${countPair("new", sql`m.joined_at`, periods)},
        count(*) filter (where m.joined_at < ${at(current.end)} and m.sponsored)::int as sponsored_current,
        count(*) filter (where m.joined_at < ${at(previous.end)} and m.sponsored)::int as sponsored_previous
      from m group by m.network_id
    ) n
    join (
      select h.network_id as h_network_id,
        count(*) filter (where h.first_joined < ${at(current.end)})::int as households_current,
        count(*) filter (where h.first_joined < ${at(previous.end)})::int as households_previous,
        ${countPair("new_households", sql`h.first_joined`, periods)}
      from h group by h.network_id
    ) hh on hh.h_network_id = n.network_id`);
  return new Map(
    found.map((r) => [
      String(r.network_id),
      { total: pairOf(r, "total"), new: pairOf(r, "new"), sponsored: pairOf(r, "sponsored"), households: pairOf(r, "households"), newHouseholds: pairOf(r, "new_households") },
    ]),
  );
}

/** Exchanges done (an offer or request marked done), by network and theme, and per month from `chartStart` when asked. */
export async function exchangeCounts(
  db: DatabaseLike,
  ids: string[],
  periods: Periods,
  chartStart: Date | null,
): Promise<{ themes: { networkId: string; theme: string; done: Pair }[]; months: { networkId: string; month: string; n: number }[] }> {
  const from = chartStart && chartStart < periods.previous.start ? chartStart : periods.previous.start;
  // One range of the partial index offer_network_done_idx, read once for both groupings.
  const found = await rows(db, sql`
    with d as materialized (
      select o.network_id, o.theme_slug, o.done_at from offer o
      where o.network_id in ${idList(ids)} and o.status = 'done' and o.done_at >= ${at(from)} and o.done_at < ${at(periods.current.end)}
    )
    select 'theme' as part, network_id, theme_slug as label, ${countPair("done", sql`done_at`, periods)} from d
      where ${spanning(sql`done_at`, periods)} group by 2, 3
    union all
    select 'month', network_id, ${monthIndex(sql`done_at`, periods)}::text, count(*)::int, 0 from d
      where ${chartStart ? sql`done_at >= ${at(chartStart)}` : sql`false`} group by 2, 3`);
  return {
    themes: found.filter((r) => r.part === "theme").map((r) => ({ networkId: String(r.network_id), theme: String(r.label), done: pairOf(r, "done") })),
    months: found.filter((r) => r.part === "month").map((r) => ({ networkId: String(r.network_id), month: String(monthOf(periods, r.label)), n: Number(r.done_current) })),
  };
}

export interface EventCount {
  networkId: string;
  kind: string;
  held: Pair;
  going: Pair;
  attended: Pair;
  withAttendance: Pair;
}

export interface EventMonth {
  networkId: string;
  month: string;
  held: number;
  going: number;
  attended: number;
}

const minDate = (a: Date, b: Date) => (a < b ? a : b);

/**
 * Events held (started, not cancelled), by network and kind, with their
 * answers and who came; and per month from `chartStart` when asked. Each
 * event's answers are counted once for both (one join, grouped by event:
 * a probe of the answers' index per event cost twice as much).
 */
export async function eventCounts(db: DatabaseLike, ids: string[], periods: Periods, now: Date, chartStart: Date | null): Promise<{ kinds: EventCount[]; months: EventMonth[] }> {
  const from = chartStart && chartStart < periods.previous.start ? chartStart : periods.previous.start;
  const column = sql`starts_at`;
  const found = await rows(db, sql`
    with e as materialized (
      select e.network_id, e.kind, e.starts_at, count(*) filter (where p.status = 'going') as going,
        count(*) filter (where p.attended) as attended, count(*) filter (where p.attended is not null) as ticked
      from event e left join event_participation p on p.event_id = e.id
      where e.network_id in ${idList(ids)} and not e.cancelled and e.starts_at >= ${at(from)} and e.starts_at < ${at(minDate(periods.current.end, now))}
      group by e.id
    )
    select 'kind' as part, network_id, kind::text as label,
      ${countPair("held", column, periods)},
      ${sumPair("going", sql`going`, column, periods)},
      ${sumPair("attended", sql`attended`, column, periods)},
      ${countPair("ticked", column, periods, sql`ticked > 0`)}
    from e where ${spanning(column, periods)} group by 2, 3
    union all
    select 'month', network_id, ${monthIndex(column, periods)}::text, count(*)::int, 0, coalesce(sum(going), 0)::int, 0, coalesce(sum(attended), 0)::int, 0, 0, 0
    from e where ${chartStart ? sql`starts_at >= ${at(chartStart)}` : sql`false`} group by 2, 3`);
  return {
    kinds: found
      .filter((r) => r.part === "kind")
      .map((r) => ({
        networkId: String(r.network_id),
        kind: String(r.label),
        held: pairOf(r, "held"),
        going: pairOf(r, "going"),
        attended: pairOf(r, "attended"),
        withAttendance: pairOf(r, "ticked"),
      })),
    months: found
      .filter((r) => r.part === "month")
      .map((r) => ({ networkId: String(r.network_id), month: String(monthOf(periods, r.label)), held: Number(r.held_current), going: Number(r.going_current), attended: Number(r.attended_current) })),
  };
}

/** Resources added to each network's library. */
export async function resourceCounts(db: DatabaseLike, ids: string[], periods: Periods): Promise<Map<string, Pair>> {
  const found = await rows(db, sql`
    select network_id, ${countPair("published", sql`created_at`, periods)}
    from resource where network_id in ${idList(ids)} and ${spanning(sql`created_at`, periods)}
    group by 1`);
  return new Map(found.map((r) => [String(r.network_id), pairOf(r, "published")]));
}
