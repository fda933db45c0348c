import { join } from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { DatabaseHandle } from "./client.ts";

export const migrationsFolder = join(import.meta.dirname, "migrations");

/** Applies pending migrations (forward only); safe to call at every start and from several processes. */
export async function migrate(handle: DatabaseHandle): Promise<void> {
  const config = { migrationsFolder };
  if (handle.kind === "pglite") {
    await migratePglite(handle.db as never, config);
    return;
  }
  // Several processes may start at once: one migrates while the others wait on a
  // session lock, which needs a single dedicated connection.
  const client = postgres(handle.url!, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(7319201)`;
    await migratePostgres(drizzle(client), config);
  } finally {
    await client.end({ timeout: 5 });
  }
}
