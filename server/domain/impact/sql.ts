// Small helpers for the impact queries: each figure is one `count(*) filter
// (where …)` per period over rows read once for both periods together.
import { sql, type SQL } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { rowsOf } from "../../../db/search.ts";
import type { Pair } from "./shape.ts";
import type { Period, Periods } from "./period.ts";

export const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** `column` falls within the period. */
export const within = (column: SQL, p: Period) => sql`(${column} >= ${at(p.start)} and ${column} < ${at(p.end)})`;

/** `column` falls within either period (from the previous one's start to the current one's end): the rows a query reads. */
export const spanning = (column: SQL, periods: Periods, end: Date = periods.current.end) =>
  sql`${column} >= ${at(periods.previous.start)} and ${column} < ${at(end)}`;

/** Two columns, `<name>_current` and `<name>_previous`: how many rows fall in each period (and match `extra`). */
export function countPair(name: string, column: SQL, periods: Periods, extra?: SQL): SQL {
  const and = extra ? sql` and ${extra}` : sql``;
  return sql`count(*) filter (where ${within(column, periods.current)}${and})::int as ${sql.identifier(`${name}_current`)},
    count(*) filter (where ${within(column, periods.previous)}${and})::int as ${sql.identifier(`${name}_previous`)}`;
}

/**
 * Which chart month `column` falls in, 1 for the first (0 before it): a
 * binary search over the months' starts, much cheaper per row than
 * formatting each timestamp in Europe/Paris (to_char) to group by it.
 */
export const monthIndex = (column: SQL, periods: Periods) =>
  sql`width_bucket(${column}, ${`{${periods.monthStarts.map((d) => d.toISOString()).join(",")}}`}::timestamptz[])`;

/** The month ("YYYY-MM") of a monthIndex, or null outside the charts' months. */
export const monthOf = (periods: Periods, index: unknown): string | null => periods.months[Number(index) - 1] ?? null;

/** Which period `column` falls in: 1 the current one, 0 the previous one, null neither. */
export const periodFlag = (column: SQL, periods: Periods) =>
  sql`case when ${within(column, periods.current)} then 1 when ${within(column, periods.previous)} then 0 end`;

/**
 * Two columns counting distinct rows per period of a subquery that yields
 * `period` (periodFlag) beside what makes a row distinct. Deduplicating
 * first (a hash of a few thousand pairs) is much cheaper than
 * `count(distinct …)`, which sorts every row read.
 */
export function distinctPair(name: string): SQL {
  return sql`count(*) filter (where period = 1)::int as ${sql.identifier(`${name}_current`)},
    count(*) filter (where period = 0)::int as ${sql.identifier(`${name}_previous`)}`;
}

/** Two columns summing `value` over the rows of each period. */
export function sumPair(name: string, value: SQL, column: SQL, periods: Periods): SQL {
  const sum = (p: Period) => sql`coalesce(sum(${value}) filter (where ${within(column, p)}), 0)::int`;
  return sql`${sum(periods.current)} as ${sql.identifier(`${name}_current`)}, ${sum(periods.previous)} as ${sql.identifier(`${name}_previous`)}`;
}

type Row = Record<string, unknown>;

export async function rows<T extends Row = Row>(db: DatabaseLike, query: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}

/** The pair `name` of a row made with countPair or sumPair. */
export const pairOf = (row: Row | undefined, name: string): Pair => ({
  current: Number(row?.[`${name}_current`] ?? 0),
  previous: Number(row?.[`${name}_previous`] ?? 0),
});

export const zero = (): Pair => ({ current: 0, previous: 0 });
export const add = (a: Pair, b: Pair): Pair => ({ current: a.current + b.current, previous: a.previous + b.previous });
export const sumOf = (pairs: Pair[]) => pairs.reduce(add, zero());

/**
 * The household a membership row (alias `m`) belongs to: its label, or the
 * member alone when no label was given (server/domain/households.ts).
 */
export const householdKey = (m: SQL) => sql`coalesce('h:' || lower(${m}.household), 'm:' || ${m}.member_id::text)`;

/** `(id1, id2, …)` for an IN list (never empty: callers check). */
export const idList = (ids: string[]) => sql`(${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`;

/**
 * Slices of time cut at every edge of the two periods and of the charts'
 * months: a row grouped by its slice (`width_bucket`, a binary search) is
 * then counted, in JS, for its period and its month from one read of the
 * rows. Slice i (1-based) is [edges[i-1], edges[i]).
 */
export interface Slices {
  /** The first and last edges: the rows to read are those in [from, to). */
  from: Date;
  to: Date;
  /**
   * A join naming the slice `column` falls in `alias`.i: grouping by an
   * expression of a timestamp, the planner expects as many groups as rows
   * and sorts them all; grouping by a column of this short list, it hashes.
   */
  join(alias: string, column: SQL): SQL;
  /** 1 the current period, 0 the previous one, null neither. */
  period(index: unknown): 0 | 1 | null;
  /** The chart month ("YYYY-MM"), or null. */
  month(index: unknown): string | null;
}

export function slicesOf(periods: Periods, withMonths: boolean, end: Date = periods.current.end): Slices {
  const { current, previous } = periods;
  const edges = [previous.start, previous.end, current.start, current.end, end, ...(withMonths ? periods.monthStarts : [])]
    .map((d) => d.getTime())
    .filter((t) => t <= end.getTime());
  const sorted = [...new Set(edges)].sort((a, b) => a - b);
  const array = `{${sorted.map((t) => new Date(t).toISOString()).join(",")}}`;
  const inside = (i: number, start: Date, stop: Date) => sorted[i - 1] >= start.getTime() && sorted[i] <= stop.getTime();
  const monthEnds = [...periods.monthStarts.slice(1), periods.current.end];
  return {
    from: new Date(sorted[0]),
    to: new Date(sorted[sorted.length - 1]),
    join: (alias, column) =>
      sql`join generate_series(1, ${sql.raw(String(sorted.length))}) as ${sql.identifier(alias)}(i) on ${sql.identifier(alias)}.i = width_bucket(${column}, ${array}::timestamptz[])`,
    period: (index) => {
      const i = Number(index);
      if (!(i >= 1 && i < sorted.length)) return null;
      return inside(i, current.start, current.end) ? 1 : inside(i, previous.start, previous.end) ? 0 : null;
    },
    month: (index) => {
      const i = Number(index);
      if (!withMonths || !(i >= 1 && i < sorted.length)) return null;
      const m = periods.monthStarts.findIndex((start, j) => inside(i, start, monthEnds[j]));
      return m < 0 ? null : periods.months[m];
    },
  };
}
