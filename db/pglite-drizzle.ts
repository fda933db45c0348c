// The PGlite client handed to Drizzle: its parsers set once, and its queries
// run as named prepared statements (db/pglite-prepared.ts).
//
// Drizzle asks PGlite to leave dates, timestamps and intervals (and their
// arrays, and numeric[]) as text, which it parses itself: a `parsers` option
// on every query. PGlite merges that option into a fresh copy of its ~320
// type parsers for each query (~70 µs of CPU, more than a small query costs
// in PGlite itself; bench inbox: ~6 queries per inbound reply). Here those
// parsers are set once on the instance, and a query asking only for them is
// run without the option: the same parsers apply, without the copy.
import type { PGlite, Transaction } from "@electric-sql/pglite";
import { PreparedStatements, type RowMode } from "./pglite-prepared.ts";

type Parser = (value: string, typeId?: number) => unknown;
type QueryOptions = { parsers?: Record<number, Parser>; rowMode?: RowMode } & Record<string, unknown>;

// The types Drizzle's PGlite session reads as text (drizzle-orm/pglite/session.js):
// timestamp, timestamptz, interval, date, numeric[], timestamp[], timestamptz[], interval[], date[].
export const TEXT_TYPES = [1114, 1184, 1186, 1082, 1231, 1115, 1185, 1187, 1182] as const;
const asText: Parser = (value) => value;

// Drizzle hands the same options object to each run of a query: checked once.
const checked = new WeakMap<object, boolean>();
const onlyTextTypes = (parsers: Record<number, Parser>): boolean => {
  let only = checked.get(parsers);
  if (only === undefined) checked.set(parsers, (only = Object.keys(parsers).every((id) => (TEXT_TYPES as readonly number[]).includes(Number(id)))));
  return only;
};

// Statements Postgres plans, run again and again. Others (a migration's DDL,
// SET, SAVEPOINT) run once or cost little to parse: PGlite's own query.
const PLANNED = /^\s*(select|insert|update|delete|with)\b/i;

/** `client` (ready: its array types are known) as Drizzle should use it. */
export function forDrizzle(client: PGlite): PGlite {
  const own = (client as unknown as { parsers: Record<number, Parser> }).parsers;
  for (const id of TEXT_TYPES) own[id] = asText;
  return withPreparedQueries(client, new PreparedStatements(client));
}

function withPreparedQueries<T extends PGlite | Transaction>(target: T, statements: PreparedStatements, transaction?: Transaction): T {
  return new Proxy(target, {
    // Read on the instance itself: PGlite's getters and methods use its private fields.
    get(object, property) {
      const value = Reflect.get(object, property);
      if (typeof value !== "function") return value;
      if (property === "query") {
        return (query: string, params: unknown[] = [], options?: QueryOptions) => {
          if (options?.parsers && !onlyTextTypes(options.parsers)) return value.call(object, query, params, options);
          const { parsers: _setOnce, ...rest } = options ?? {};
          if (!PLANNED.test(query) || Object.keys(rest).some((key) => key !== "rowMode")) return value.call(object, query, params, rest);
          // PGlite's own check: a finished transaction's client must not run a query outside its lock.
          if (transaction?.closed) throw new Error("Transaction is closed");
          return statements.query(query, params, rest.rowMode ?? "object", transaction !== undefined);
        };
      }
      // A transaction hands a client of its own to the callback.
      if (property === "transaction") {
        return (callback: (tx: Transaction) => unknown) => value.call(object, (tx: Transaction) => callback(withPreparedQueries(tx, statements, tx)));
      }
      return value.bind(object);
    },
  });
}
