import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "./client.ts";
import { rowsOf } from "./search.ts";

export const migrationsFolder = join(import.meta.dirname, "migrations");

/** Applies pending migrations (forward only); safe to call at every start and from several processes. */
export async function migrate(handle: DatabaseHandle, folder = migrationsFolder): Promise<void> {
  if (await upToDate(handle, folder)) return;
  const config = { migrationsFolder: folder };
  // The migrators are loaded only when there is something to do, and only the
  // database's own: a server on PostgreSQL never loads PGlite (db/pglite.ts).
  if (handle.kind === "pglite") {
    const { migrate: migratePglite } = await import("drizzle-orm/pglite/migrator");
    await migratePglite(handle.db as never, config);
    return;
  }
  const [{ default: postgres }, { drizzle }, { migrate: migratePostgres }] = await Promise.all([
    import("postgres"),
    import("drizzle-orm/postgres-js"),
    import("drizzle-orm/postgres-js/migrator"),
  ]);
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

/**
 * Drizzle's own rule, read cheaply: it applies each migration of the journal
 * made after the newest one the database has, so when none is newer there is
 * nothing to do. Its migrator would first read and hash every migration file
 * and run two DDL statements and a transaction (on PostgreSQL on a connection
 * of its own, behind the lock) to reach the same answer, at every start.
 * Any doubt (no table yet, an unreadable journal) goes to the migrator.
 */
async function upToDate(handle: DatabaseHandle, folder: string): Promise<boolean> {
  try {
    const journal = JSON.parse(readFileSync(join(folder, "meta", "_journal.json"), "utf8")) as { entries: { when: number }[] };
    const newest = Math.max(...journal.entries.map((e) => e.when));
    const result = await handle.db.execute(sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`);
    const [last] = rowsOf<{ created_at: string | number | null }>(result);
    return last?.created_at != null && Number.isFinite(newest) && newest <= Number(last.created_at);
  } catch {
    return false;
  }
}
