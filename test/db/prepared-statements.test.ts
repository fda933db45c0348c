// On PostgreSQL, Drizzle's queries are prepared once per connection and then
// only bound and executed (db/client.ts): an unnamed statement costs a parse,
// a describe round trip and a plan each time. `?prepare=false` (a pooler in
// transaction mode) turns that off.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/client.ts";
import { migrate } from "../../db/migrate.ts";
import { networkTable } from "../../db/schema/index.ts";
import { createPostgresDatabase, testDatabaseUrl } from "../helpers/db.ts";

const rowsOf = (result: unknown) => (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];

/** The statements this connection holds prepared that read the network table (inside a transaction: one connection). */
async function preparedOnOneConnection(handle: DatabaseHandle): Promise<string[]> {
  return handle.db.transaction(async (tx) => {
    for (const slug of ["lilas", "tilleuls", "lilas"]) await tx.select().from(networkTable).where(eq(networkTable.slug, slug));
    await tx.execute(sql`select ${"lilas"}::text as slug`);
    const result = await tx.execute(sql`select statement from pg_prepared_statements where statement like '%"network"%' or statement like '%::text as slug%'`);
    return rowsOf(result).map((row) => String(row.statement));
  });
}

describe.runIf(!!testDatabaseUrl)("PostgreSQL statements", () => {
  let database: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    database = await createPostgresDatabase();
    const handle = await openDatabase({ url: database.url });
    await migrate(handle);
    await handle.close();
  });
  afterAll(() => database.drop());

  it("are prepared once per connection, query builder and raw SQL alike", async () => {
    const handle = await openDatabase({ url: database.url });
    try {
      const statements = await preparedOnOneConnection(handle);
      // The same select three times with other values: one prepared statement.
      expect(statements.filter((s) => s.includes('from "network"'))).toHaveLength(1);
      expect(statements.filter((s) => s.includes("::text as slug"))).toHaveLength(1);
    } finally {
      await handle.close();
    }
  });

  it("are left unnamed with ?prepare=false, for poolers in transaction mode", async () => {
    const url = new URL(database.url);
    url.searchParams.set("prepare", "false");
    const handle = await openDatabase({ url: url.href });
    try {
      expect(await preparedOnOneConnection(handle)).toEqual([]);
    } finally {
      await handle.close();
    }
  });
});
