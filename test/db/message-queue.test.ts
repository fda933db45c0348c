import { Temporal as Polyfill } from "@js-temporal/polyfill";
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/client.ts";
import { completeWithin, PostgresMessageQueue, type PostgresMessageQueueOptions } from "../../db/message-queue.ts";
import { fedifyMessageTable } from "../../db/schema/fedify.ts";
import { onceHandled } from "../../db/once-handled.ts";
import { inTransaction } from "../../db/transaction-context.ts";
import { createTestDatabase } from "../helpers/db.ts";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

// Every test stops its listeners, then leaves the table empty for the next one.
const controllers: AbortController[] = [];
const listening: Promise<void>[] = [];
afterEach(async () => {
  for (const c of controllers.splice(0)) c.abort();
  await Promise.all(listening.splice(0));
  await handle.db.delete(fedifyMessageTable);
});

// A long poll interval, so that passing tests show NOTIFY and due-time wake-ups work.
function start(
  handler: (message: any) => Promise<void> | void,
  options: PostgresMessageQueueOptions = {},
  on: DatabaseHandle = handle,
) {
  const queue = new PostgresMessageQueue(on, { pollIntervalMs: 10_000, ...options });
  const controller = new AbortController();
  controllers.push(controller);
  const done = queue.listen(handler, { signal: controller.signal });
  listening.push(done);
  return { queue, controller, done };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(predicate: () => boolean | Promise<boolean>, timeoutMs = 5_000) {
  const started = Date.now();
  while (!(await predicate())) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out");
    await sleep(10);
  }
}
const rows = () => handle.db.select().from(fedifyMessageTable);
// Fedify's types name the global Temporal (esnext lib), but Node 24 has none: Fedify
// runs on @js-temporal/polyfill, so tests build durations with it too.
const seconds = (s: number) => ({
  delay: Polyfill.Duration.from({ milliseconds: s * 1000 }) as unknown as Temporal.Duration,
});

describe("PostgresMessageQueue", () => {
  it("delivers at once on NOTIFY, and deletes handled messages", async () => {
    const got: unknown[] = [];
    const { queue } = start((m) => void got.push(m));
    await sleep(100); // the listener is subscribed
    const sent = Date.now();
    await queue.enqueue({ type: "hello", n: 1 });
    await until(() => got.length === 1);
    expect(Date.now() - sent).toBeLessThan(1_000);
    expect(got).toEqual([{ type: "hello", n: 1 }]);
    await until(async () => (await rows()).length === 0);
  });

  it("does not deliver a delayed message before its time, and wakes when it is due", async () => {
    const got: number[] = [];
    const { queue } = start(() => void got.push(Date.now()));
    await sleep(100);
    const sent = Date.now();
    // Two seconds: a loaded machine may stall well past a few hundred ms.
    await queue.enqueueMany(["a", "b"], seconds(2));
    await sleep(350);
    expect(got).toEqual([]);
    expect(await queue.getDepth()).toEqual({ queued: 2, ready: 0, delayed: 2 });
    await until(() => got.length === 2, 9_000);
    for (const at of got) expect(at - sent).toBeGreaterThanOrEqual(2_000);
    expect(Math.max(...got) - sent).toBeLessThan(9_000); // its due time woke it, not the 10 s poll
  });

  it("never gives a message to two listeners", async () => {
    // On PostgreSQL the second listener has its own connection pool, like another process.
    const other = handle.kind === "postgres" ? await openDatabase({ url: handle.url! }) : handle;
    const seen = new Map<number, number>();
    const by = [0, 0];
    const handler = (i: number) => async (m: { n: number }) => {
      seen.set(m.n, (seen.get(m.n) ?? 0) + 1);
      by[i]++;
      await sleep(Math.random() * 5);
    };
    start(handler(0), { parallelism: 4 });
    start(handler(1), { parallelism: 4 }, other);
    const queue = new PostgresMessageQueue(handle);
    await queue.enqueueMany(Array.from({ length: 100 }, (_, n) => ({ n })));
    await Promise.all(Array.from({ length: 100 }, (_, n) => queue.enqueue({ n: n + 100 })));
    await until(() => seen.size === 200, 15_000);
    await sleep(100);
    expect([...seen.values()].every((count) => count === 1)).toBe(true);
    expect(by[0] + by[1]).toBe(200);
    expect(by[0]).toBeGreaterThan(0);
    expect(by[1]).toBeGreaterThan(0);
    if (other !== handle) {
      for (const c of controllers.splice(0)) c.abort();
      await Promise.all(listening.splice(0));
      await other.close();
    }
  });

  it("enqueues a big fan-out at once, in chunks", async () => {
    const queue = new PostgresMessageQueue(handle);
    await queue.enqueueMany(Array.from({ length: 2_500 }, (_, i) => ({ inbox: `https://x.example/${i}` })));
    expect(await queue.getDepth()).toEqual({ queued: 2_500, ready: 2_500, delayed: 0 });
  });

  it("keeps enqueues made at once apart by transaction, delay and ordering key", async () => {
    // Fedify enqueues a fan-out with an ordering key as one enqueue per inbox, all at once.
    const queue = new PostgresMessageQueue(handle);
    const rolledBack = inTransaction(handle.db, async () => {
      const inside = queue.enqueue({ n: "in a rolled-back transaction" });
      queue.enqueue({ n: "also, unawaited" }).catch(() => {});
      await inside;
      throw new Error("roll back");
    });
    const sent = Promise.all([
      ...Array.from({ length: 30 }, (_, i) => queue.enqueue({ n: i }, { orderingKey: `k${i % 3}` })),
      queue.enqueue({ n: "later" }, seconds(60)),
    ]);
    await expect(rolledBack).rejects.toThrow("roll back");
    await sent;
    const stored = await handle.db.select().from(fedifyMessageTable).orderBy(fedifyMessageTable.id);
    // Calls of one batch keep their order (ordering keys rely on it); the delayed one went apart.
    const now = stored.filter((r) => (r.message as { n: unknown }).n !== "later");
    expect(now.map((r) => (r.message as { n: unknown }).n)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(now.map((r) => r.orderingKey)).toEqual(Array.from({ length: 30 }, (_, i) => `k${i % 3}`));
    expect(stored).toHaveLength(31);
    expect(await queue.getDepth()).toEqual({ queued: 31, ready: 30, delayed: 1 });
  });

  it("runs handlers in parallel, up to the configured parallelism", async () => {
    // The first eight handlers wait until eight run at once: a queue running
    // fewer in parallel never gets there (no wall-clock figure, which a
    // loaded machine would break).
    let running = 0;
    let peak = 0;
    let done = 0;
    let eightRunning!: () => void;
    const eight = new Promise<void>((resolve) => (eightRunning = resolve));
    const { queue } = start(
      async () => {
        peak = Math.max(peak, ++running);
        if (running === 8) eightRunning();
        await eight;
        await sleep(20);
        running--;
        done++;
      },
      { parallelism: 8 },
    );
    await queue.enqueueMany(Array.from({ length: 16 }, (_, i) => i));
    await until(() => done === 16);
    expect(peak).toBe(8);
  });

  it("processes messages with the same ordering key one at a time, in order", async () => {
    const order: string[] = [];
    let running = 0;
    let overlap = false;
    const { queue } = start(async (m: string) => {
      if (m.startsWith("A") && running++ > 0) overlap = true;
      await sleep(20);
      if (m.startsWith("A")) running--;
      order.push(m);
    });
    for (const m of ["A1", "A2", "A3", "A4"]) await queue.enqueue(m, { orderingKey: "A" });
    await queue.enqueueMany(["x", "y"]);
    await until(() => order.length === 6);
    expect(order.filter((m) => m.startsWith("A"))).toEqual(["A1", "A2", "A3", "A4"]);
    expect(overlap).toBe(false);
  });

  it("runs what a handler asked for once handled only after its message is deleted, and never if it throws", async () => {
    // The deliverer says "Delivered" this way: a crash after the saying must not send it again.
    const seen: { n: number; rowsLeft: number }[] = [];
    const { queue } = start(async (m: { n: number }) => {
      onceHandled(() => void rows().then((r) => seen.push({ n: m.n, rowsLeft: r.filter((row) => (row.message as { n: number }).n === m.n).length })));
      if (m.n === 2) throw new Error("failed after asking");
    });
    await queue.enqueue({ n: 1 });
    await queue.enqueue({ n: 2 });
    await until(() => seen.length === 1);
    await sleep(300);
    expect(seen).toEqual([{ n: 1, rowsLeft: 0 }]);
    expect((await rows()).map((r) => (r.message as { n: number }).n)).toEqual([2]);
  });

  it("runs at once what is asked for once handled outside a queue", () => {
    let ran = false;
    onceHandled(() => (ran = true));
    expect(ran).toBe(true);
  });

  it("a handler may record its message as done in its own transaction: a failure after the commit does not run it again, a rollback does", async () => {
    // The publish worker does: a crash between its commit and the queue's record published an item twice.
    const runs: number[] = [];
    const { queue } = start(async (m: { n: number }) => {
      runs.push(m.n);
      const firstTry = runs.filter((n) => n === m.n).length === 1;
      await inTransaction(handle.db, async (tx) => {
        await completeWithin(tx);
        if (m.n === 2 && firstTry) throw new Error("rolled back");
      });
      // As a process killed between the commit and the queue's own record would leave it.
      if (m.n === 1) throw new Error("died after the commit");
    });
    await queue.enqueue({ n: 1 });
    await queue.enqueue({ n: 2 });
    await until(() => runs.filter((n) => n === 2).length === 2, 4_000);
    await until(async () => (await rows()).length === 0);
    await sleep(1_500); // a retry of the first would be due by now
    expect(runs.filter((n) => n === 1)).toHaveLength(1);
  });

  it("keeps a message whose handler throws, and retries it later", async () => {
    const attempts: number[] = [];
    const { queue } = start(async () => {
      attempts.push(Date.now());
      if (attempts.length === 1) throw new Error("remote down");
    });
    await queue.enqueue({ activity: "Create" });
    await until(() => attempts.length === 1);
    // Kept, with its lease released, until the retry is due.
    await until(async () => (await rows())[0]?.lockedUntil === null);
    await until(() => attempts.length === 2, 3_000);
    expect(attempts[1] - attempts[0]).toBeGreaterThanOrEqual(900);
    await until(async () => (await rows()).length === 0);
  });

  it("takes back a message from a crashed worker once its lease expires", async () => {
    const got: number[] = [];
    // What a worker that died mid-message leaves behind: a lease still running.
    await handle.db.insert(fedifyMessageTable).values({
      message: { orphan: true },
      lockedUntil: sql`now() + interval '400 milliseconds'`,
    });
    const started = Date.now();
    // No NOTIFY tells of a crash: the idle listener wakes when the lease runs out (the poll is 10 s).
    start(() => void got.push(Date.now()));
    await sleep(200);
    expect(got).toEqual([]);
    await until(() => got.length === 1, 3_000);
    expect(got[0] - started).toBeGreaterThanOrEqual(300);
  });

  it("does no database work in a quiet second, and still wakes at once on enqueue", async () => {
    const got: unknown[] = [];
    // A claim is one transaction on PostgreSQL, one statement on PGlite: count every kind of call.
    const spies = [vi.spyOn(handle.db, "transaction"), vi.spyOn(handle.db, "update"), vi.spyOn(handle.db, "select")];
    const calls = () => spies.reduce((n, spy) => n + spy.mock.calls.length, 0);
    try {
      const { queue } = start((m) => void got.push(m), { pollIntervalMs: 60_000 });
      await until(() => calls() > 0);
      // The first look at the table, finished: nothing new for 200 ms.
      for (let seen = -1; seen !== calls(); ) {
        seen = calls();
        await sleep(200);
      }
      const before = calls();
      await sleep(1_100);
      expect(calls()).toBe(before);
      await queue.enqueue("réveil");
      await until(() => got.length === 1, 1_000);
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
  });

  it("renews the lease of a long handler so no one else takes it", async () => {
    const got: string[] = [];
    const releases: (() => void)[] = [];
    const slow = (name: string) => (m: string) => {
      got.push(`${name}:${m}`);
      return new Promise<void>((r) => releases.push(r));
    };
    // Renewed every third of a lease: a second of lease survives a stall of
    // over half a second, which a loaded machine can give.
    const { queue } = start(slow("first"), { leaseMs: 1_000 });
    start(slow("second"), { leaseMs: 1_000 });
    await queue.enqueue("long");
    await until(() => got.length === 1);
    await sleep(3_000); // three leases long
    for (const release of releases) release();
    expect(got).toHaveLength(1);
    await until(async () => (await rows()).length === 0);
  });

  it("stops on abort, finishing the handlers in progress first", async () => {
    const got: string[] = [];
    const { queue, controller, done } = start(async (m: string) => {
      await sleep(200);
      got.push(m);
    });
    await queue.enqueue("in progress");
    await sleep(50);
    controller.abort();
    await done;
    expect(got).toEqual(["in progress"]);
    expect(await rows()).toHaveLength(0);
    await queue.enqueue("after stop");
    await sleep(200);
    expect(got).toEqual(["in progress"]);
    const [left] = await rows();
    expect(left.message).toBe("after stop");
    // An already-aborted signal returns at once.
    await queue.listen(() => {}, { signal: AbortSignal.abort() });
    expect((await handle.db.select().from(fedifyMessageTable).where(eq(fedifyMessageTable.id, left.id))).length).toBe(1);
  });
});
