// The PGlite client handed to Drizzle: its parsers set once, and its queries
// and transactions run as named prepared statements (db/pglite-prepared.ts).
//
// Drizzle asks PGlite to leave dates, timestamps and intervals (and their
// arrays, and numeric[]) as text, which it parses itself: a `parsers` option
// on every query. PGlite merges that option into a fresh copy of its ~320
// type parsers for each query (~70 µs of CPU, more than a small query costs
// in PGlite itself; bench inbox: ~6 queries per inbound reply). Here those
// parsers are set once on the instance, and a query asking only for them is
// run without the option: the same parsers apply, without the copy.
import type { PGlite, Transaction } from "@electric-sql/pglite";
import { PreparedStatements, type PreparedTransaction, type QueryOptions } from "./pglite-prepared.ts";

type Parser = (value: string, typeId?: number) => unknown;

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

/** The options without Drizzle's parsers, which are set once on the client. */
const withoutSetParsers = (options?: QueryOptions): QueryOptions | undefined =>
  options?.parsers && onlyTextTypes(options.parsers) ? { rowMode: options.rowMode } : options;

/** `client` (ready: its array types are known) as Drizzle should use it. */
export function forDrizzle(client: PGlite): PGlite {
  const own = (client as unknown as { parsers: Record<number, Parser> }).parsers;
  for (const id of TEXT_TYPES) own[id] = asText;
  const statements = new PreparedStatements(client);
  // Drizzle's session calls `query` and `transaction`, and hands the
  // transaction's client to a session of its own, which calls `query`.
  const inTransaction = (tx: PreparedTransaction) =>
    ({
      query: (text: string, params?: unknown[], options?: QueryOptions) => tx.query(text, params, withoutSetParsers(options)),
      rollback: () => tx.rollback(),
      get closed() {
        return tx.closed;
      },
    }) as Transaction;
  const query = (text: string, params?: unknown[], options?: QueryOptions) => statements.query(text, params, withoutSetParsers(options));
  const transaction = (callback: (tx: Transaction) => Promise<unknown>) => statements.transaction((tx) => callback(inTransaction(tx)));
  return new Proxy(client, {
    // Read on the instance itself: PGlite's getters and methods use its private fields.
    get(object, property) {
      if (property === "query") return query;
      if (property === "transaction") return transaction;
      const value = Reflect.get(object, property);
      return typeof value === "function" ? value.bind(object) : value;
    },
  });
}
