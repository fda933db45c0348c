// The figures every network has, counted for several networks at once
// (grouped by network): a dashboard asks for one, a regional network for
// its partners. Rows only: nothing here is typed in by hand.
import { sql, type SQL } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import type { Pair } from "./shape.ts";
import type { Periods } from "./period.ts";
import { at, countPair, distinctPair, householdKey, idList, pairOf, periodFlag, rows, spanning, sumPair } from "./sql.ts";

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

/**
 * Members who did something in the period: posted an offer or a request,
 * answered one, took part in an exchange, or came to an event (said they
 * would, or were ticked present). Counted once each.
 */
export async function activeCounts(db: DatabaseLike, ids: string[], periods: Periods, now: Date): Promise<Map<string, { members: Pair; households: Pair }>> {
  const ins = idList(ids);
  const flag = (column: SQL) => periodFlag(column, periods);
  const found = await rows(db, sql`
    select d.network_id, ${distinctPair("active")},
      count(distinct ${householdKey(sql`m`)}) filter (where period = 1)::int as active_households_current,
      count(distinct ${householdKey(sql`m`)}) filter (where period = 0)::int as active_households_previous
    from (
      select distinct a.network_id, a.member_id, a.period from (
        select o.network_id, o.author_id as member_id, ${flag(sql`o.created_at`)} as period from offer o
          where o.network_id in ${ins} and ${spanning(sql`o.created_at`, periods)}
        union all
        select o.network_id, r.responder_id, ${flag(sql`r.created_at`)} from offer_response r join offer o on o.id = r.offer_id
          where o.network_id in ${ins} and r.responder_id is not null and ${spanning(sql`r.created_at`, periods)}
        union all
        select x.network_id, x.member_id, ${flag(sql`x.done_at`)} from exchange_participant x
          where x.network_id in ${ins} and ${spanning(sql`x.done_at`, periods)}
        union all
        select e.network_id, p.member_id, ${flag(sql`e.starts_at`)} from event_participation p join event e on e.id = p.event_id
          where e.network_id in ${ins} and not e.cancelled and p.member_id is not null and (p.status = 'going' or p.attended)
            and ${spanning(sql`e.starts_at`, periods, minDate(periods.current.end, now))}
      ) a
      where a.period is not null
    ) d
    join membership m on m.network_id = d.network_id and m.member_id = d.member_id
    group by d.network_id`);
  return new Map(found.map((r) => [String(r.network_id), { members: pairOf(r, "active"), households: pairOf(r, "active_households") }]));
}

export interface OfferCount {
  networkId: string;
  theme: string;
  kind: "offer" | "request";
  posted: Pair;
  answered: Pair;
}

/** Offers and requests posted, by network, theme and kind; "answered": someone said « ça m'intéresse ». */
export async function offerCounts(db: DatabaseLike, ids: string[], periods: Periods): Promise<OfferCount[]> {
  // The offers someone answered, joined once (an EXISTS per row cost a probe for each offer read).
  // An answer comes after its offer: older answers cannot be to the offers counted here.
  const found = await rows(db, sql`
    select o.network_id, o.theme_slug, o.kind,
      ${countPair("posted", sql`o.created_at`, periods)},
      ${countPair("answered", sql`o.created_at`, periods, sql`r.offer_id is not null`)}
    from offer o
    left join (select distinct offer_id from offer_response where created_at >= ${at(periods.previous.start)}) r on r.offer_id = o.id
    where o.network_id in ${idList(ids)} and ${spanning(sql`o.created_at`, periods)}
    group by 1, 2, 3`);
  return found.map((r) => ({
    networkId: String(r.network_id),
    theme: String(r.theme_slug),
    kind: r.kind as OfferCount["kind"],
    posted: pairOf(r, "posted"),
    answered: pairOf(r, "answered"),
  }));
}

/** Exchanges done (an offer or request marked done), by network and theme. */
export async function exchangeCounts(db: DatabaseLike, ids: string[], periods: Periods): Promise<{ networkId: string; theme: string; done: Pair }[]> {
  const found = await rows(db, sql`
    select o.network_id, o.theme_slug, ${countPair("done", sql`o.done_at`, periods)}
    from offer o
    where o.network_id in ${idList(ids)} and o.status = 'done' and ${spanning(sql`o.done_at`, periods)}
    group by 1, 2`);
  return found.map((r) => ({ networkId: String(r.network_id), theme: String(r.theme_slug), done: pairOf(r, "done") }));
}

export interface EventCount {
  networkId: string;
  kind: string;
  held: Pair;
  going: Pair;
  attended: Pair;
  withAttendance: Pair;
}

const minDate = (a: Date, b: Date) => (a < b ? a : b);

/** Events held (started, not cancelled), by network and kind, with their answers and who came. */
export async function eventCounts(db: DatabaseLike, ids: string[], periods: Periods, now: Date): Promise<EventCount[]> {
  const column = sql`e.starts_at`;
  const found = await rows(db, sql`
    select e.network_id, e.kind,
      ${countPair("held", column, periods)},
      ${sumPair("going", sql`p.going`, column, periods)},
      ${sumPair("attended", sql`p.attended`, column, periods)},
      ${countPair("ticked", column, periods, sql`p.ticked > 0`)}
    from event e
    left join lateral (
      select count(*) filter (where status = 'going') as going, count(*) filter (where attended) as attended,
        count(*) filter (where attended is not null) as ticked
      from event_participation where event_id = e.id
    ) p on true
    where e.network_id in ${idList(ids)} and not e.cancelled and ${spanning(column, periods, minDate(periods.current.end, now))}
    group by 1, 2`);
  return found.map((r) => ({
    networkId: String(r.network_id),
    kind: String(r.kind),
    held: pairOf(r, "held"),
    going: pairOf(r, "going"),
    attended: pairOf(r, "attended"),
    withAttendance: pairOf(r, "ticked"),
  }));
}

/** Resources added to each network's library. */
export async function resourceCounts(db: DatabaseLike, ids: string[], periods: Periods): Promise<Map<string, Pair>> {
  const found = await rows(db, sql`
    select network_id, ${countPair("published", sql`created_at`, periods)}
    from resource where network_id in ${idList(ids)} and ${spanning(sql`created_at`, periods)}
    group by 1`);
  return new Map(found.map((r) => [String(r.network_id), pairOf(r, "published")]));
}
