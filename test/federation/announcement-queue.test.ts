// The federation as the server wires it (Fedify on our PostgreSQL/PGlite
// queue): an announcement's deliveries are enqueued in the transaction that
// stores it, so a rolled-back change leaves no message, and a committed one is
// delivered by the worker.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "../../db/client.ts";
import { PostgresKvStore } from "../../db/kv-store.ts";
import { PostgresMessageQueue } from "../../db/message-queue.ts";
import { announcementTable, fedifyMessageTable, followerTable, outboxEntryTable, remoteActorTable, type Member } from "../../db/schema/index.ts";
import { federatedOutbox } from "../../federation/announcement-outbox.ts";
import { createFederationFor } from "../../federation/builder.ts";
import { selfActor } from "../../server/domain/acts.ts";
import { findAnnouncement, postAnnouncement, type Publishing } from "../../server/domain/announcements.ts";
import { fail, transact } from "../../server/domain/result.ts";
import { createTestDatabase, testDatabaseKind } from "../helpers/db.ts";
import { FakeFediverse, type RemoteActorKeys } from "./support/fake-fediverse.ts";
import { ORIGIN, seedKeys, seedMember, seedNetwork } from "./support/instance.ts";

let handle: DatabaseHandle;
let publishing: Publishing;
let claire: Member;
let alice: RemoteActorKeys;
let federation: ReturnType<typeof createFederationFor>;
const remote = new FakeFediverse();
const abort = new AbortController();

beforeAll(async () => {
  handle = await createTestDatabase();
  vi.spyOn(globalThis, "fetch").mockImplementation(remote.fetch);
  federation = createFederationFor({
    kv: new PostgresKvStore(handle.db),
    queue: new PostgresMessageQueue(handle, { pollIntervalMs: 100 }),
    db: handle.db,
    origin: ORIGIN,
    allowPrivateAddress: false,
    manuallyStartQueue: true,
    documentLoaderFactory: remote.loaderFactory,
    authenticatedDocumentLoaderFactory: remote.loaderFactory,
  });
  publishing = { origin: ORIGIN, outbox: federatedOutbox(federation, ORIGIN) };
  await seedKeys(handle.db, {});
  const network = await seedNetwork(handle.db, { slug: "les-tilleuls", name: "Les Tilleuls" });
  claire = await seedMember(handle.db, "claire", network.id);
  alice = await remote.addActor({ id: "https://mastodon.example/users/alice" });
  await handle.db.insert(remoteActorTable).values({ id: alice.id, type: "Person", host: "mastodon.example", inbox: alice.inbox, sharedInbox: "https://mastodon.example/inbox" });
  await handle.db.insert(followerTable).values({ networkId: network.id, remoteActorId: alice.id, followId: `${alice.id}#f`, state: "accepted" });
});
afterAll(async () => {
  abort.abort();
  vi.restoreAllMocks();
  await handle.close();
});

const messages = () => handle.db.select().from(fedifyMessageTable);

it(`a rolled-back change leaves neither the announcement nor its deliveries (${testDatabaseKind})`, async () => {
  const posted = await transact(handle.db, async (tx) => {
    const result = await postAnnouncement(tx, selfActor(claire), "les-tilleuls", { content: "Annulé", visibility: "public" }, publishing);
    expect(result.ok).toBe(true);
    expect((await tx.select().from(fedifyMessageTable)).length).toBeGreaterThan(0); // enqueued, in this transaction
    return fail("conflict", "changed_mind", "Changed my mind");
  });
  expect(posted.ok).toBe(false);
  expect(await messages()).toEqual([]);
  expect(await handle.db.select().from(announcementTable)).toEqual([]);
  expect(await handle.db.select().from(outboxEntryTable)).toEqual([]);
});

it(`a committed announcement is queued with it and delivered by the worker (${testDatabaseKind})`, async () => {
  const result = await postAnnouncement(handle.db, selfActor(claire), "les-tilleuls", { content: "Atelier vélo samedi", visibility: "public" }, publishing);
  if (!result.ok) throw new Error(result.error.message);
  expect(await findAnnouncement(handle.db, result.value.id)).not.toBeNull();
  expect((await messages()).length).toBeGreaterThan(0);
  void federation.startQueue({ db: handle.db }, { signal: abort.signal });
  const deadline = Date.now() + 15_000;
  while (remote.deliveriesOfType("Announce").length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const [announce] = remote.deliveriesOfType("Announce");
  expect(announce.activity).toMatchObject({ actor: `${ORIGIN}/n/les-tilleuls`, object: result.value.url });
  expect(announce.inbox).toBe("https://mastodon.example/inbox");
  const entries = await handle.db.select().from(outboxEntryTable).where(eq(outboxEntryTable.objectId, result.value.url));
  expect(entries.map((e) => e.type).sort()).toEqual(["Announce", "Create"]);
});
