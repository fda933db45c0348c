// PGlite reads through Drizzle exactly as before its parsers were set once on
// the instance (db/pglite-drizzle.ts): dates, timestamps, intervals and their
// arrays as Drizzle parses them, in and out of transactions.
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forDrizzle } from "../../db/pglite-drizzle.ts";

const probe = sql`select
  timestamp '2026-12-05 10:30:00' as ts, timestamptz '2026-12-05 10:30:00+01' as tstz, date '2026-12-05' as d,
  interval '1 day 2 hours' as i, array[1.5, 2.25]::numeric[] as nums, array[timestamp '2026-12-05 10:30']::timestamp[] as tss,
  array[timestamptz '2026-12-05 10:30+01']::timestamptz[] as tstzs, array[date '2026-12-05'] as ds, array[interval '1 hour'] as "is",
  42 as n, true as b, '{"a":1}'::jsonb as j`;

let plain: PGlite;
let wrapped: PGlite;
beforeAll(async () => {
  [plain, wrapped] = [new PGlite(), new PGlite()];
  await Promise.all([plain.waitReady, wrapped.waitReady]);
});
afterAll(async () => {
  await Promise.all([plain.close(), wrapped.close()]);
});

const rowsOf = (result: unknown) => (result as { rows: unknown[] }).rows;

describe("PGlite parsers set once for Drizzle", () => {
  it("read every type as Drizzle's own parsers do, in and out of a transaction", async () => {
    const before = drizzle(plain);
    const after = drizzle(forDrizzle(wrapped));
    const expected = rowsOf(await before.execute(probe));
    expect(rowsOf(await after.execute(probe))).toEqual(expected);
    expect(rowsOf(await after.transaction((tx) => tx.execute(probe)))).toEqual(expected);
    // Drizzle's text for timestamps, not PGlite's Date.
    expect((expected[0] as { ts: unknown }).ts).toBe("2026-12-05 10:30:00");
  });

  it("leave other parsers asked for by a query applied", async () => {
    const client = forDrizzle(wrapped);
    const result = await client.query<{ n: unknown }>("select 42 as n", [], { parsers: { 23: (value: string) => `int ${value}` } });
    expect(result.rows[0].n).toBe("int 42");
  });
});
