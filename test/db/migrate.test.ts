// Migrations at start: a database the code has moved past is brought forward,
// and one that is up to date is left alone.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.ts";
import { migrate, migrationsFolder } from "../../db/migrate.ts";
import { createTestDatabase } from "../helpers/db.ts";

const rowsOf = (result: unknown) => (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];

describe("migrate", () => {
  let handle: DatabaseHandle;
  let folder: string;
  beforeAll(async () => {
    handle = await createTestDatabase();
    // The code one migration ahead of the database: the real ones, and a newer one.
    folder = mkdtempSync(join(tmpdir(), "maillage-migrations-"));
    cpSync(migrationsFolder, folder, { recursive: true });
    const journalFile = join(folder, "meta", "_journal.json");
    const journal = JSON.parse(readFileSync(journalFile, "utf8"));
    const last = journal.entries.at(-1);
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag: "9999_probe" });
    writeFileSync(journalFile, JSON.stringify(journal));
    writeFileSync(join(folder, "9999_probe.sql"), "CREATE TABLE migrate_probe (id integer);--> statement-breakpoint\nINSERT INTO migrate_probe VALUES (1);");
  });
  afterAll(async () => {
    await handle?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it("applies a migration newer than the database's, once", async () => {
    await migrate(handle);
    await expect(handle.db.execute(sql`select id from migrate_probe`)).rejects.toThrow();
    await migrate(handle, folder);
    await migrate(handle, folder);
    expect(rowsOf(await handle.db.execute(sql`select id from migrate_probe`))).toEqual([{ id: 1 }]);
    const applied = rowsOf(await handle.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`))[0].n;
    expect(applied).toBe(JSON.parse(readFileSync(join(folder, "meta", "_journal.json"), "utf8")).entries.length);
  });
});
