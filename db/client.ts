// Opens the database: PGlite in the data directory by default, a PostgreSQL
// server through postgres.js when a URL is given. Both speak the same SQL.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
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

/**
 * A PGlite with the extensions our migrations create (unaccent for French
 * search, btree_gist for exclusion constraints). PostgreSQL has them in contrib.
 */
export function newPglite(dataDir?: string, options: PGliteOptions = {}): PGlite {
  // PGlite ignores the options when the data directory argument is undefined.
  return new PGlite({ ...options, dataDir, extensions: { unaccent, btree_gist } });
}

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if ("url" in target) return openPostgres(target.url);
  if ("pglite" in target) return openPglite(target.pglite);
  mkdirSync(target.dataDir, { recursive: true });
  return openPglite(
    newPglite(join(target.dataDir, "pglite"), {
          // Measured: ~120 MiB less idle memory, no loss on small tables.
      postgresqlconf: ["shared_buffers = 16MB"],
    }),
  );
}

async function openPglite(client: PGlite): Promise<DatabaseHandle> {
  await client.waitReady;
  return {
    db: drizzlePglite(client, { schema }) as unknown as DatabaseLike,
    kind: "pglite",
    listen: async (channel, onNotify) => {
      const unlisten = await client.listen(channel, onNotify);
      return () => unlisten();
    },
    close: () => client.close(),
  };
}

function openPostgres(url: string): DatabaseHandle {
  // While the server is away, a request waits at most connect_timeout seconds
  // before it is answered 503 (postgres.js reconnects on the next query).
  const client = postgres(url, { max: 10, connect_timeout: 5, onnotice: () => {} });
  return {
    db: drizzlePostgres(client, { schema }) as unknown as DatabaseLike,
    kind: "postgres",
    url,
    listen: async (channel, onNotify) => {
      const sub = await client.listen(channel, onNotify);
      return () => sub.unlisten();
    },
    close: () => client.end({ timeout: 5 }),
  };
}
