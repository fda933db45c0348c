// Jobs woken by the database (server/periodic.ts runOnNotify): Web Push runs
// when a notification is made, not on a timer.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.ts";
import { NOTIFICATION_CHANNEL, notify } from "../../server/domain/notifications.ts";
import { runOnNotify } from "../../server/periodic.ts";
import { createTestDatabase } from "../helpers/db.ts";
import { memberTable } from "../../db/schema/index.ts";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const until = async (predicate: () => boolean, timeoutMs = 10_000) => {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("runOnNotify", () => {
  it("runs the job when a notification is committed, and not before", async () => {
    let runs = 0;
    const stop = runOnNotify("test job", handle.listen, NOTIFICATION_CHANNEL, async () => void runs++, { safetyMs: 3_600_000, fallbackMs: 3_600_000 });
    try {
      await new Promise((r) => setTimeout(r, 300)); // subscribed, and nothing to do
      expect(runs).toBe(0);
      const [marie] = await handle.db.insert(memberTable).values({ handle: "marie", displayName: "Marie", passwordHash: "x" }).returning();
      await handle.db.transaction(async (tx) => {
        await notify(tx, [marie.id], { kind: "offer.response", subject: { type: "offer", id: "1", title: "Perceuse", path: "/o/1" } });
        await tx.execute(sql`select 1`);
        expect(runs).toBe(0); // not before the commit
      });
      await until(() => runs === 1);
    } finally {
      await stop();
    }
  });

  it("runs again when woken during a run, never two at once", async () => {
    let runs = 0;
    let running = 0;
    let overlap = false;
    const stop = runOnNotify("slow job", handle.listen, "maillage_test_slow", async () => {
      if (running++) overlap = true;
      await new Promise((r) => setTimeout(r, 200));
      running--;
      runs++;
    }, { safetyMs: 3_600_000, fallbackMs: 3_600_000 });
    try {
      await new Promise((r) => setTimeout(r, 300));
      for (let i = 0; i < 3; i++) await handle.db.execute(sql`select pg_notify('maillage_test_slow', '')`);
      await until(() => runs >= 2);
      expect(overlap).toBe(false);
    } finally {
      await stop();
    }
  });
});
