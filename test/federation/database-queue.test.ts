// The federation as the server wires it: Fedify's KV store and message queue
// on our database (db/kv-store.ts, db/message-queue.ts). A signed Follow is
// queued in the database, processed by the worker, and the Accept delivered.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "../../db/client.ts";
import { PostgresKvStore } from "../../db/kv-store.ts";
import { PostgresMessageQueue } from "../../db/message-queue.ts";
import { fedifyMessageTable, followerTable } from "../../db/schema/index.ts";
import { createFederationFor } from "../../federation/builder.ts";
import { createTestDatabase } from "../helpers/db.ts";
import { FakeFediverse, signedPost } from "./support/fake-fediverse.ts";
import { ORIGIN, seedNetwork } from "./support/instance.ts";

let handle: DatabaseHandle;
const abort = new AbortController();
const remote = new FakeFediverse();

beforeAll(async () => {
  handle = await createTestDatabase();
  vi.spyOn(globalThis, "fetch").mockImplementation(remote.fetch);
});
afterAll(async () => {
  abort.abort();
  vi.restoreAllMocks();
  await handle.close();
});

async function until(predicate: () => Promise<boolean>, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

it("queues inbound work and deliveries in the database", async () => {
  const federation = createFederationFor({
    kv: new PostgresKvStore(handle.db),
    queue: new PostgresMessageQueue(handle, { pollIntervalMs: 100 }),
    db: handle.db,
    origin: ORIGIN,
    allowPrivateAddress: false,
    manuallyStartQueue: true,
    documentLoaderFactory: remote.loaderFactory,
    authenticatedDocumentLoaderFactory: remote.loaderFactory,
  });
  await seedNetwork(handle.db, { slug: "les-tilleuls", name: "Les Tilleuls" });
  const alice = await remote.addActor({ id: "https://mastodon.example/users/alice" });
  const follow = { "@context": "https://www.w3.org/ns/activitystreams", id: `${alice.id}#follows/1`, type: "Follow", actor: alice.id, object: `${ORIGIN}/n/les-tilleuls` };

  const response = await federation.fetch(await signedPost(`${ORIGIN}/inbox`, follow, alice), { contextData: { db: handle.db } });
  expect(response.status).toBe(202);
  expect((await handle.db.select().from(fedifyMessageTable)).length).toBeGreaterThan(0);

  void federation.startQueue({ db: handle.db }, { signal: abort.signal });
  await until(async () => remote.deliveriesOfType("Accept").length === 1);
  const [row] = await handle.db.select().from(followerTable).where(eq(followerTable.remoteActorId, alice.id));
  expect(row.state).toBe("accepted");
  expect(remote.deliveriesOfType("Accept")[0].inbox).toBe(alice.inbox);
});
