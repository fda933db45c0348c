// Messages and KV entries outlive the process that wrote them: a child process
// enqueues a delayed message and exits; this process reopens the same database.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { describe, expect, inject, it } from "vitest";
import { openDatabase, type DatabaseTarget } from "../../db/client.ts";
import { PostgresKvStore } from "../../db/kv-store.ts";
import { PostgresMessageQueue } from "../../db/message-queue.ts";
import { migrate } from "../../db/migrate.ts";
import { createPostgresDatabase, testDatabaseKind } from "../helpers/db.ts";

const child = join(import.meta.dirname, "queue-restart-child.ts");

describe("PostgresMessageQueue across a restart", () => {
  it("delivers a message enqueued by a process that has exited, on time", async () => {
    let target: DatabaseTarget;
    let cleanup: () => Promise<void>;
    if (testDatabaseKind === "postgres") {
      const { url, drop } = await createPostgresDatabase();
      target = { url };
      cleanup = drop;
    } else {
      // PGlite: one process at a time per data directory, as in production.
      const dataDir = mkdtempSync(join(tmpdir(), "maillage-restart-"));
      // Seeded from the migrated template: an initdb in the child would cost seconds.
      const blob = new Blob([readFileSync(inject("pgliteTemplate"))]);
      await (await PGlite.create(join(dataDir, "pglite"), { loadDataDir: blob })).close();
      target = { dataDir };
      cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
    }
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ["--disable-warning=ExperimentalWarning", child, JSON.stringify(target)],
        { timeout: 60_000 },
      );
      const { enqueuedAt, pid } = JSON.parse(stdout) as { enqueuedAt: number; pid: number };

      const handle = await openDatabase(target);
      try {
        await migrate(handle);
        expect(await new PostgresKvStore(handle.db).get(["restart", "kv"])).toEqual({ from: pid });
        const controller = new AbortController();
        const got: { message: unknown; at: number }[] = [];
        const listenedAt = Date.now();
        // A poll far beyond the test's timeout: only the due time can wake it.
        const listening = new PostgresMessageQueue(handle, { pollIntervalMs: 600_000 }).listen(
          (message) => {
            got.push({ message, at: Date.now() });
            controller.abort();
          },
          { signal: controller.signal },
        );
        await listening;
        expect(got).toHaveLength(1);
        expect(got[0].message).toEqual({ type: "delayed", pid });
        expect(got[0].at - enqueuedAt).toBeGreaterThanOrEqual(2_000);
        // Woken by the due time found in the table (or at once if it passed
        // while this process started), with slack for a loaded machine.
        expect(got[0].at - Math.max(listenedAt, enqueuedAt + 2_000)).toBeLessThan(8_000);
      } finally {
        await handle.close();
      }
    } finally {
      await cleanup();
    }
  });
});
