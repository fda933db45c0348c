// The figures only a network's own dashboard shows: who took part in
// exchanges (how many, never who), thanks, what partners did with its
// commons, bookings and partnerships.
import { sql } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import type { Network } from "../../../db/schema/index.ts";
import type { ImpactFigures, Pair } from "./shape.ts";
import type { Periods } from "./period.ts";
import { at, countPair, distinctPair, pairOf, periodFlag, rows, spanning } from "./sql.ts";

export async function exchangeDetails(db: DatabaseLike, networkId: string, periods: Periods): Promise<{ members: Pair; thanks: Pair }> {
  const doneAt = sql`x.done_at`;
  const [people, thanks] = await Promise.all([
    rows(db, sql`
      select ${distinctPair("members")} from (
        select distinct x.member_id, ${periodFlag(doneAt, periods)} as period
        from exchange_participant x where x.network_id = ${networkId}::uuid and ${spanning(doneAt, periods)}
      ) d`),
    rows(db, sql`
      select ${countPair("thanks", sql`t.created_at`, periods)}
      from offer_thanks t where t.network_id = ${networkId}::uuid and ${spanning(sql`t.created_at`, periods)}`),
  ]);
  return { members: pairOf(people[0], "members"), thanks: pairOf(thanks[0], "thanks") };
}

/** LIKE matches `_` and `%` anywhere: escape them in a literal prefix. */
const likePrefix = (text: string) => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** What partner networks took from our library, what was booked from us, and what we booked from them. */
export async function commonsDetails(
  db: DatabaseLike,
  network: Network,
  periods: Periods,
  origin: string,
): Promise<Omit<ImpactFigures["commons"], "published">> {
  const networkUrl = new URL(`/n/${network.slug}`, origin).href;
  const id = sql`${network.id}::uuid`;
  const [adopted, adapted, booked, borrowed] = await Promise.all([
    // An adoption names the resource by its URL, /n/{slug}/r/{id}.
    rows(db, sql`
      select ${countPair("adopted", sql`created_at`, periods)} from resource_adoption
      where network_id <> ${id} and origin_id like ${likePrefix(`${networkUrl}/r/`)} and ${spanning(sql`created_at`, periods)}`),
    // An adaptation's chain starts with what it was adapted from.
    rows(db, sql`
      select ${countPair("adapted", sql`created_at`, periods)} from resource
      where network_id <> ${id} and derivation -> 0 ->> 'networkId' = ${networkUrl} and ${spanning(sql`created_at`, periods)}`),
    rows(db, sql`
      select r.kind, ${countPair("booked", sql`b.starts_at`, periods)}
      from booking b join resource r on r.id = b.resource_id
      where r.network_id = ${id} and b.state = 'accepted' and ${spanning(sql`b.starts_at`, periods)}
      group by r.kind`),
    rows(db, sql`
      select ${countPair("borrowed", sql`starts_at`, periods)} from (
        select b.starts_at from booking b join resource r on r.id = b.resource_id
          where b.requester_network_id = ${id} and r.network_id <> ${id} and b.state = 'accepted'
        union all
        select starts_at from outgoing_booking where network_id = ${id} and state = 'accepted'
      ) x where ${spanning(sql`starts_at`, periods)}`),
  ]);
  const bookedOf = (kind: string) => pairOf(booked.find((r) => r.kind === kind), "booked");
  return {
    adopted: pairOf(adopted[0], "adopted"),
    adapted: pairOf(adapted[0], "adapted"),
    materielBooked: bookedOf("materiel"),
    lieuBooked: bookedOf("lieu"),
    borrowed: pairOf(borrowed[0], "borrowed"),
  };
}

/** Active partnerships at the end of each period, and those that began in it. */
export async function partnershipDetails(db: DatabaseLike, networkId: string, periods: Periods): Promise<ImpactFigures["partnerships"]> {
  const [row] = await rows(db, sql`
    select count(*) filter (where decided_at < ${at(periods.current.end)})::int as active_current,
      count(*) filter (where decided_at < ${at(periods.previous.end)})::int as active_previous,
      ${countPair("new", sql`decided_at`, periods)}
    from partnership where network_id = ${networkId}::uuid and state = 'active'`);
  return { active: pairOf(row, "active"), new: pairOf(row, "new") };
}
