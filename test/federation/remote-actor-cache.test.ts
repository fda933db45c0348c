// The actor row every inbound activity reads: kept in memory on PGlite until a
// write to remote_actor commits (federation/remote-actors.ts, db/table-watch.ts),
// read each time on PostgreSQL, where another process may write. Either way a
// change counts from the moment it is committed.
import { Create, Person } from "@fedify/vocab";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/client.ts";
import { remoteActorTable } from "../../db/schema/index.ts";
import type { FedContext } from "../../federation/context.ts";
import { forgetActor, rememberActivityActor, rememberActor, watchRemoteActors } from "../../federation/remote-actors.ts";
import { createTestDatabase, testDatabaseKind } from "../helpers/db.ts";

let handle: DatabaseHandle;
let stopWatching: () => Promise<void>;

beforeAll(async () => {
  handle = await createTestDatabase();
  stopWatching = await watchRemoteActors(handle);
});
afterAll(async () => {
  await stopWatching();
  await handle.close();
});

const BOB = "https://social.example/users/bob";
// Offline: an actor that is not fresh cannot be fetched again, so it reads as unknown.
const ctx = (db = handle.db) =>
  ({ data: { db }, documentLoader: async () => Promise.reject(new Error("offline")), contextLoader: async () => Promise.reject(new Error("offline")) }) as unknown as FedContext;
const fromBob = new Create({ id: new URL(`${BOB}/statuses/1/activity`), actor: new URL(BOB) });
const author = async (db = handle.db) => (await rememberActivityActor(ctx(db), fromBob))?.name ?? null;

it("gives the actor's row as committed last: renamed, grown stale, forgotten", async () => {
  expect(await author()).toBeNull();
  await rememberActor(handle.db, new Person({ id: new URL(BOB), name: "Bob", inbox: new URL(`${BOB}/inbox`) }));
  expect(await author()).toBe("Bob");
  expect(await author()).toBe("Bob");
  await handle.db.update(remoteActorTable).set({ name: "Robert" }).where(eq(remoteActorTable.id, BOB));
  expect(await author()).toBe("Robert");
  // Written in a transaction: seen inside it, and outside from its commit.
  await handle.db.transaction(async (tx) => {
    await tx.update(remoteActorTable).set({ name: "Bobby" }).where(eq(remoteActorTable.id, BOB));
    expect(await author(tx)).toBe("Bobby");
  });
  expect(await author()).toBe("Bobby");
  // Refreshed over an hour ago: fetched again (offline here), not taken as it is.
  await handle.db.update(remoteActorTable).set({ refreshedAt: new Date(Date.now() - 2 * 3600_000) }).where(eq(remoteActorTable.id, BOB));
  expect(await author()).toBeNull();
  await handle.db.update(remoteActorTable).set({ refreshedAt: new Date() }).where(eq(remoteActorTable.id, BOB));
  expect(await author()).toBe("Bobby");
  await forgetActor(handle.db, BOB);
  expect(await author()).toBeNull();
});

it.runIf(testDatabaseKind === "postgres")("PostgreSQL: a change made through another process counts at once", async () => {
  await rememberActor(handle.db, new Person({ id: new URL(BOB), name: "Bob", inbox: new URL(`${BOB}/inbox`) }));
  expect(await author()).toBe("Bob");
  const other = await openDatabase({ url: handle.url! });
  try {
    await other.db.update(remoteActorTable).set({ name: "Roberto" }).where(eq(remoteActorTable.id, BOB));
    expect(await author()).toBe("Roberto");
  } finally {
    await other.close();
  }
});
