// Opens the database: PGlite in the data directory by default, a PostgreSQL
// server through postgres.js when a URL is given. Both speak the same SQL.
import type { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema/index.ts";

export type Schema = typeof schema;
/** A database or a transaction: what every domain use-case takes. */
export type DatabaseLike = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = "pglite" | "postgres";

export interface DatabaseHandle {
  db: DatabaseLike;
  kind: DatabaseKind;
  /** The server URL, for postgres only. */
  url?: string;
  /** Calls `onNotify` on each NOTIFY of the channel; returns the unsubscribe function. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { url: string }
  | { dataDir: string }
  | { pglite: PGlite };

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if ("url" in target) return openPostgres(target.url);
  // PGlite's modules only where PGlite is used (db/pglite.ts).
  const pglite = await import("./pglite.ts");
  return "pglite" in target ? pglite.openPglite(target.pglite) : pglite.openPgliteDir(target.dataDir);
}

function openPostgres(url: string): DatabaseHandle {
  // While the server is away, a request waits at most connect_timeout seconds
  // before it is answered 503 (postgres.js reconnects on the next query).
  const client = postgres(url, { max: 10, connect_timeout: 5, onnotice: () => {} });
  return {
    db: drizzlePostgres(preparedByDefault(client), { schema }) as unknown as DatabaseLike,
    kind: "postgres",
    url,
    listen: async (channel, onNotify) => {
      const sub = await client.listen(channel, onNotify);
      return () => sub.unlisten();
    },
    close: () => client.end({ timeout: 5 }),
  };
}

type PostgresJsOptions = { prepare?: boolean } & Record<string, unknown>;

/**
 * Drizzle runs every query through postgres.js's `unsafe`, which makes an
 * unnamed statement unless told `prepare: true` (Drizzle says so only for a
 * query given a name): postgres.js then parses and describes it in a round
 * trip of its own before binding, and PostgreSQL plans it anew, every time.
 * Here every query with parameters is prepared: each distinct query text once
 * per connection (a connection lives 30 to 60 minutes, which bounds that
 * cache), then only bound and executed. Queries without parameters keep the
 * simple protocol, one round trip. Behind a pooler in transaction mode that
 * cannot keep prepared statements, add `?prepare=false` to DATABASE_URL: the
 * connection's setting wins and every query is unnamed again.
 */
export function preparedByDefault(client: postgres.Sql): postgres.Sql {
  const prepared = (options?: PostgresJsOptions): PostgresJsOptions => ({ ...options, prepare: true });
  // Transactions and savepoints hand a client of their own to the callback.
  const wrapCallback = (args: unknown[]) => {
    const last = args.length - 1;
    const callback = args[last] as (sql: postgres.Sql) => unknown;
    return [...args.slice(0, last), (sql: postgres.Sql) => callback(preparedByDefault(sql))];
  };
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      if (property === "unsafe") return (query: string, params?: unknown[], options?: PostgresJsOptions) => value.call(target, query, params ?? [], prepared(options));
      if (property === "begin" || property === "savepoint") return (...args: unknown[]) => value.apply(target, wrapCallback(args));
      return value;
    },
  });
}
