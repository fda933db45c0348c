import { Temporal as Polyfill } from "@js-temporal/polyfill";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.ts";
import { PostgresKvStore } from "../../db/kv-store.ts";
import { fedifyKvTable } from "../../db/schema/fedify.ts";
import { createTestDatabase } from "../helpers/db.ts";

let handle: DatabaseHandle;
let kv: PostgresKvStore;

beforeAll(async () => {
  handle = await createTestDatabase();
  kv = new PostgresKvStore(handle.db);
});
afterAll(() => handle.close());

// Fedify's types name the global Temporal (esnext lib), but Node 24 has none: Fedify
// runs on @js-temporal/polyfill, so tests build durations with it too.
const duration = (milliseconds: number) =>
  Polyfill.Duration.from({ milliseconds }) as unknown as Temporal.Duration;
const ms = (milliseconds: number) => ({ ttl: duration(milliseconds) });
const sleep = (millis: number) => new Promise((r) => setTimeout(r, millis));

async function listAll(prefix?: readonly [string, ...string[]]) {
  const out: { key: readonly string[]; value: unknown }[] = [];
  for await (const entry of kv.list(prefix)) out.push(entry);
  return out;
}

describe("PostgresKvStore", () => {
  it("deletes the entries whose next part starts with a string (a deleted actor's keys), and only those", async () => {
    const alice = "https://mastodon.example/users/alice";
    await kv.set(["keys", `${alice}#main-key`], { a: 1 });
    await kv.set(["keys", `${alice}/main-key`], { a: 2 });
    await kv.set(["keys", "https://mastodon.example/users/bob#main-key"], { b: 1 });
    await kv.set(["other", `${alice}#main-key`], { o: 1 });
    await kv.deleteStartingWith(["keys"], alice);
    expect((await listAll(["keys"])).map((e) => e.value)).toEqual([{ b: 1 }]);
    expect(await kv.get(["other", `${alice}#main-key`])).toEqual({ o: 1 });
  });

  it("gets, sets, overwrites and deletes", async () => {
    expect(await kv.get(["basic", "missing"])).toBeUndefined();
    await kv.set(["basic", "a"], { name: "Élodie", tags: ["x"], n: 1.5 });
    expect(await kv.get(["basic", "a"])).toEqual({ name: "Élodie", tags: ["x"], n: 1.5 });
    await kv.set(["basic", "a"], [1, 2]);
    expect(await kv.get(["basic", "a"])).toEqual([1, 2]);
    await kv.delete(["basic", "a"]);
    expect(await kv.get(["basic", "a"])).toBeUndefined();
    await kv.delete(["basic", "a"]); // deleting a missing key is fine
  });

  it("keeps every JSON type as it was, on both drivers", async () => {
    const values = ["123", "true", "null", '"quoted"', "", 0, 42, false, true, null, {}, []];
    for (const [i, value] of values.entries()) await kv.set(["types", String(i)], value);
    for (const [i, value] of values.entries()) expect(await kv.get(["types", String(i)])).toEqual(value);
    const [row] = await handle.db
      .select({ type: sql<string>`jsonb_typeof(${fedifyKvTable.value})` })
      .from(fedifyKvTable)
      .where(eq(fedifyKvTable.key, "types\u001f10"));
    expect(row.type).toBe("object"); // stored as jsonb, not as a JSON string
  });

  it("hides entries once their TTL has passed, and removes them lazily", async () => {
    // Two seconds: a loaded machine can take more than a few hundred ms between two statements.
    await kv.set(["ttl", "short"], "soon gone", ms(2_000));
    await kv.set(["ttl", "long"], "still here", ms(3_600_000));
    expect(await kv.get(["ttl", "short"])).toBe("soon gone");
    await sleep(2_100);
    const rows = () => handle.db.select().from(fedifyKvTable).where(eq(fedifyKvTable.key, "ttl\u001fshort"));
    expect(await rows()).toHaveLength(1);
    expect((await listAll(["ttl"])).map((e) => e.key)).toEqual([["ttl", "long"]]);
    expect(await kv.get(["ttl", "short"])).toBeUndefined();
    expect(await rows()).toHaveLength(0);
    // Setting again without a TTL clears the expiry.
    await kv.set(["ttl", "long"], "forever");
    const [row] = await handle.db.select().from(fedifyKvTable).where(eq(fedifyKvTable.key, "ttl\u001flong"));
    expect(row.expiresAt).toBeNull();
  });

  it("lists by prefix, whole key parts only", async () => {
    await kv.set(["p", "a"], 1);
    await kv.set(["p", "a", "b"], 2);
    await kv.set(["p", "ab"], 3);
    await kv.set(["p", "a%"], 4);
    await kv.set(["p", "a_"], 5);
    await kv.set(["q"], 6);
    expect(await listAll(["p", "a"])).toEqual([
      { key: ["p", "a"], value: 1 },
      { key: ["p", "a", "b"], value: 2 },
    ]);
    expect((await listAll(["p", "a%"])).map((e) => e.value)).toEqual([4]);
    expect(await listAll(["p"])).toHaveLength(5);
    const all = await listAll();
    expect(all.map((e) => e.key)).toContainEqual(["q"]);
    expect(all.map((e) => e.key)).toContainEqual(["p", "a", "b"]);
  });

  it("compares and swaps", async () => {
    const key = ["cas", "k"] as const;
    expect(await kv.cas(key, undefined, { v: 1 })).toBe(true);
    expect(await kv.cas(key, undefined, { v: 2 })).toBe(false);
    expect(await kv.cas(key, { v: 9 }, { v: 2 })).toBe(false);
    expect(await kv.get(key)).toEqual({ v: 1 });
    await kv.set(key, { a: 1, b: [1, "x"] });
    expect(await kv.cas(key, { b: [1, "x"], a: 1 }, "next")).toBe(true); // key order does not matter
    expect(await kv.cas(key, "next", null)).toBe(true);
    expect(await kv.cas(key, null, "after null")).toBe(true);
    expect(await kv.get(key)).toBe("after null");
  });

  it("treats an expired entry as absent in compare-and-swap", async () => {
    const key = ["cas", "expiring"] as const;
    expect(await kv.cas(key, undefined, "old", ms(200))).toBe(true);
    await sleep(300);
    expect(await kv.cas(key, "old", "nope")).toBe(false);
    expect(await kv.cas(key, undefined, "new")).toBe(true);
    expect(await kv.get(key)).toBe("new");
  });

  it("lets only one of many concurrent compare-and-swaps win", async () => {
    const key = ["cas", "race"] as const;
    await kv.set(key, 0);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => kv.cas(key, 0, i + 1)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("refuses key parts holding the separator", async () => {
    await expect(kv.set(["bad\u001fkey"], 1)).rejects.toThrow(TypeError);
  });
});
