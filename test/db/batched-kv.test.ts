// Fedify's key-value store as the federation uses it (db/batched-kv.ts): calls
// made together share statements, and each still gets the answer it would
// have got alone, in the order the calls were made.
import { Temporal as Polyfill } from "@js-temporal/polyfill";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "../../db/client.ts";
import { PostgresKvStore } from "../../db/kv-store.ts";
import { fedifyKvTable } from "../../db/schema/fedify.ts";
import { BatchedKv } from "../../db/batched-kv.ts";
import { createTestDatabase } from "../helpers/db.ts";

let handle: DatabaseHandle;
let store: PostgresKvStore;

beforeAll(async () => {
  handle = await createTestDatabase();
  store = new PostgresKvStore(handle.db);
});
afterAll(() => handle.close());
beforeEach(() => handle.db.delete(fedifyKvTable));

const ttl = (milliseconds: number) => ({ ttl: Polyfill.Duration.from({ milliseconds }) as unknown as Temporal.Duration });

describe("BatchedKv", () => {
  it("reads keys asked for together in one statement, each with its own value", async () => {
    await store.set(["h", "a"], { n: 1 });
    await store.set(["h", "b"], "deux");
    await store.set(["h", "gone"], 3, ttl(1));
    await new Promise((r) => setTimeout(r, 20));
    const kv = BatchedKv.of(store);
    const getMany = vi.spyOn(store, "getMany");
    const values = await Promise.all([kv.get(["h", "a"]), kv.get(["h", "b"]), kv.get(["h", "a"]), kv.get(["h", "none"]), kv.get(["h", "gone"])]);
    expect(values).toEqual([{ n: 1 }, "deux", { n: 1 }, undefined, undefined]);
    expect(getMany).toHaveBeenCalledTimes(1);
    // Each caller has its own copy.
    expect(values[0]).not.toBe(values[2]);
    getMany.mockRestore();
  });

  it("reads asked while a read runs go together in the next statement, read after they were asked", async () => {
    await store.set(["h", "a"], "a1");
    const kv = BatchedKv.of(store);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const read = store.get.bind(store);
    const get = vi.spyOn(store, "get").mockImplementationOnce(async (key) => {
      await gate;
      return read(key);
    });
    const getMany = vi.spyOn(store, "getMany");
    const first = kv.get(["h", "a"]);
    await new Promise((r) => setTimeout(r, 10));
    expect(get).toHaveBeenCalledTimes(1);
    // Written after the first read started: the later reads must see it.
    await store.set(["h", "b"], "b1");
    get.mockClear();
    const later = Promise.all([kv.get(["h", "b"]), kv.get(["h", "a"]), kv.get(["h", "none"])]);
    await new Promise((r) => setTimeout(r, 10));
    expect(getMany).not.toHaveBeenCalled();
    release();
    expect(await first).toBe("a1");
    expect(await later).toEqual(["b1", "a1", undefined]);
    expect(getMany).toHaveBeenCalledTimes(1);
    expect(getMany.mock.calls[0][0]).toEqual([["h", "b"], ["h", "a"], ["h", "none"]]);
    get.mockRestore();
    getMany.mockRestore();
  });

  it("writes entries with and without an expiry in one statement, each expiring as asked", async () => {
    const kv = BatchedKv.of(store);
    const setMany = vi.spyOn(store, "setMany");
    await Promise.all([kv.set(["h", "seen1"], true, ttl(1)), kv.set(["h", "seen2"], true, ttl(60_000)), kv.set(["h", "kept"], { k: 1 })]);
    expect(setMany).toHaveBeenCalledTimes(1);
    setMany.mockRestore();
    await new Promise((r) => setTimeout(r, 20));
    expect(await store.get(["h", "seen1"])).toBeUndefined();
    expect(await store.get(["h", "seen2"])).toBe(true);
    expect(await store.get(["h", "kept"])).toEqual({ k: 1 });
  });

  it("writes together, with compare-and-swap results as if one after the other", async () => {
    await store.set(["h", "known"], { v: 1 });
    const kv = BatchedKv.of(store);
    const results = await Promise.all([
      kv.cas!(["h", "new"], undefined, { v: "first" }), // absent: swapped
      kv.cas!(["h", "new"], undefined, { v: "second" }), // no longer absent: refused
      kv.cas!(["h", "known"], { v: 1 }, { v: 2 }), // as expected: swapped
      kv.cas!(["h", "known"], { v: 1 }, { v: 3 }), // changed by the one before: refused
      kv.cas!(["h", "other"], { v: 9 }, { v: 10 }), // absent, not as expected: refused
      kv.set(["h", "spec"], "rfc9421").then(() => "set"),
      kv.set(["h", "spec"], "draft-cavage-http-signatures-12").then(() => "set"),
    ]);
    expect(results).toEqual([true, false, true, false, false, "set", "set"]);
    expect(await store.get(["h", "new"])).toEqual({ v: "first" });
    expect(await store.get(["h", "known"])).toEqual({ v: 2 });
    expect(await store.get(["h", "other"])).toBeUndefined();
    expect(await store.get(["h", "spec"])).toBe("draft-cavage-http-signatures-12");
  });

  it("takes over an expired entry in a compare-and-swap expecting it absent", async () => {
    await store.set(["h", "stale"], "old", ttl(1));
    await new Promise((r) => setTimeout(r, 20));
    const kv = BatchedKv.of(store);
    expect(await kv.cas!(["h", "stale"], undefined, "new")).toBe(true);
    expect(await store.get(["h", "stale"])).toBe("new");
  });
});

describe("PostgresKvStore, several keys at once", () => {
  it("stores and compares JSON null, strings and objects as one at a time would", async () => {
    await store.setMany([{ key: ["m", "null"], value: null }, { key: ["m", "text"], value: "123" }]);
    expect(await store.getMany([["m", "null"], ["m", "text"]])).toEqual([null, "123"]);
    expect(await store.casMany([
      { key: ["m", "null"], expected: null, value: { a: [1, "b"] } },
      { key: ["m", "text"], expected: "124", value: "x" },
    ])).toEqual([true, false]);
    expect(await store.get(["m", "null"])).toEqual({ a: [1, "b"] });
    expect(await store.get(["m", "text"])).toBe("123");
  });
});
