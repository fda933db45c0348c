// Figures month by month (Europe/Paris), for the charts: the months of the
// period, and at least the last twelve.
import { sql, type SQL } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import type { MonthFigures } from "./shape.ts";
import type { Periods } from "./period.ts";
import { at, rows } from "./sql.ts";

const month = (column: SQL) => sql`to_char(${column} at time zone 'Europe/Paris', 'YYYY-MM')`;

export async function monthlyFigures(db: DatabaseLike, networkId: string, periods: Periods, now: Date): Promise<MonthFigures[]> {
  const id = sql`${networkId}::uuid`;
  const range = (column: SQL, end = periods.current.end) => sql`${column} >= ${at(periods.chartStart)} and ${column} < ${at(end)}`;
  const heldUntil = now < periods.current.end ? now : periods.current.end;
  const [members, offers, exchanges, events] = await Promise.all([
    rows(db, sql`select ${month(sql`joined_at`)} as m, count(*)::int as n from membership where network_id = ${id} and ${range(sql`joined_at`)} group by 1`),
    rows(db, sql`select ${month(sql`created_at`)} as m, kind, count(*)::int as n from offer where network_id = ${id} and ${range(sql`created_at`)} group by 1, 2`),
    rows(db, sql`select ${month(sql`done_at`)} as m, count(*)::int as n from offer where network_id = ${id} and status = 'done' and ${range(sql`done_at`)} group by 1`),
    rows(db, sql`
      select ${month(sql`e.starts_at`)} as m, count(*)::int as n, coalesce(sum(p.going), 0)::int as going, coalesce(sum(p.attended), 0)::int as attended
      from event e
      left join lateral (
        select count(*) filter (where status = 'going') as going, count(*) filter (where attended) as attended
        from event_participation where event_id = e.id
      ) p on true
      where e.network_id = ${id} and not e.cancelled and ${range(sql`e.starts_at`, heldUntil)}
      group by 1`),
  ]);
  const find = (list: Record<string, unknown>[], m: string, extra?: (r: Record<string, unknown>) => boolean) =>
    list.find((r) => r.m === m && (!extra || extra(r)));
  const n = (row: Record<string, unknown> | undefined, key = "n") => Number(row?.[key] ?? 0);
  return periods.months.map((m) => {
    const event = find(events, m);
    return {
      month: m,
      newMembers: n(find(members, m)),
      offers: n(find(offers, m, (r) => r.kind === "offer")),
      requests: n(find(offers, m, (r) => r.kind === "request")),
      exchanges: n(find(exchanges, m)),
      events: n(event),
      going: n(event, "going"),
      attended: n(event, "attended"),
    };
  });
}
