// Outbound activities are enqueued in the transaction of the change that
// caused them (db/transaction-context.ts): a rollback leaves no message, and
// listeners see the message only once it is committed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.ts";
import { PostgresMessageQueue } from "../../db/message-queue.ts";
import { fedifyMessageTable } from "../../db/schema/fedify.ts";
import { currentTransaction } from "../../db/transaction-context.ts";
import { fail, ok, transact } from "../../server/domain/result.ts";
import { createTestDatabase, testDatabaseKind } from "../helpers/db.ts";

let handle: DatabaseHandle;
let other: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  other = await createTestDatabase();
});
afterAll(async () => {
  await handle.close();
  await other.close();
});
afterEach(async () => {
  await handle.db.delete(fedifyMessageTable);
});

const messages = async () => (await handle.db.select().from(fedifyMessageTable)).map((r) => r.message);

describe(`transactional enqueue (${testDatabaseKind})`, () => {
  it("keeps the messages of a committed transaction", async () => {
    const queue = new PostgresMessageQueue(handle);
    const result = await transact(handle.db, async () => {
      await queue.enqueue({ n: 1 });
      await queue.enqueueMany([{ n: 2 }, { n: 3 }]);
      return ok("done");
    });
    expect(result).toEqual({ ok: true, value: "done" });
    expect(await messages()).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it("leaves no message when the use-case fails", async () => {
    const queue = new PostgresMessageQueue(handle);
    const result = await transact(handle.db, async () => {
      await queue.enqueue({ n: 1 });
      return fail("invalid", "nope", "Nope");
    });
    expect(result.ok).toBe(false);
    expect(await messages()).toEqual([]);
  });

  it("leaves no message when the transaction throws, even for a chunked fan-out", async () => {
    const queue = new PostgresMessageQueue(handle);
    const many = Array.from({ length: 1_500 }, (_, n) => ({ n }));
    await expect(
      transact(handle.db, async () => {
        await queue.enqueueMany(many);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await messages()).toEqual([]);
  });

  it("a listener only sees the message once the transaction commits", async () => {
    const queue = new PostgresMessageQueue(handle, { pollIntervalMs: 50 });
    const got: unknown[] = [];
    const abort = new AbortController();
    const listening = queue.listen((m) => void got.push(m), { signal: abort.signal });
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const committing = transact(handle.db, async () => {
        await queue.enqueue({ n: "late" });
        await held;
        return ok(null);
      });
      // PGlite has one connection: the listener cannot even look until the commit.
      await new Promise((r) => setTimeout(r, 300));
      expect(got).toEqual([]);
      release();
      await committing;
      const deadline = Date.now() + 5_000;
      while (got.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(got).toEqual([{ n: "late" }]);
    } finally {
      abort.abort();
      await listening;
    }
  });

  it("a queue on another database ignores the current transaction", async () => {
    const elsewhere = new PostgresMessageQueue(other);
    await transact(handle.db, async (tx) => {
      expect(currentTransaction(handle.db)).toBe(tx);
      expect(currentTransaction(other.db)).toBeUndefined();
      await elsewhere.enqueue({ n: "other" });
      return fail("invalid", "rollback", "Rolled back");
    });
    expect((await other.db.select().from(fedifyMessageTable)).map((r) => r.message)).toEqual([{ n: "other" }]);
    expect(currentTransaction(handle.db)).toBeUndefined();
  });
});
