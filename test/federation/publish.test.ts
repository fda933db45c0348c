// The general outbound path: Create/Update/Delete from the Group to its
// followers (one delivery per shared inbox), Announce of members' items,
// partners only, and nothing at all for network visibility.
import { Note } from "@fedify/vocab";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { followerTable, remoteActorTable } from "../../db/schema/index.ts";
import { publish } from "../../federation/publish.ts";
import type { RemoteActorKeys } from "./support/fake-fediverse.ts";
import { createTestInstance, ORIGIN, seedMember, seedNetwork, type TestInstance } from "./support/instance.ts";

const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
const GROUP = `${ORIGIN}/n/les-tilleuls`;

let app: TestInstance;
let partner: RemoteActorKeys;
const followers: RemoteActorKeys[] = [];

async function follow(local: { networkId?: string; memberId?: string }, actor: RemoteActorKeys) {
  const doc = app.remote.documents.get(actor.id) as any;
  await app.db
    .insert(remoteActorTable)
    .values({ id: actor.id, type: doc.type, host: new URL(actor.id).host, inbox: doc.inbox, sharedInbox: doc.endpoints?.sharedInbox ?? null })
    .onConflictDoNothing();
  await app.db.insert(followerTable).values({ ...local, remoteActorId: actor.id, followId: `${actor.id}#f/${crypto.randomUUID()}`, state: "accepted" });
}

const note = (path: string, author = GROUP) =>
  new Note({ id: new URL(path, ORIGIN), attribution: new URL(author), content: '<p>Café-rencontre samedi à 10 h <a href="https://maillage.example/tags/cafe">#café</a></p>' });

beforeAll(async () => {
  app = await createTestInstance();
  const network = await seedNetwork(app.db, { slug: "les-tilleuls", name: "Les Tilleuls" });
  const claire = await seedMember(app.db, "claire", network.id);
  for (const [id, sharedInbox] of [
    ["https://mastodon.example/users/alice", "https://mastodon.example/inbox"],
    ["https://mastodon.example/users/carol", "https://mastodon.example/inbox"],
    ["https://pleroma.example/users/bob", "https://pleroma.example/inbox"],
    ["https://gts.example/users/dan", null],
  ] as const) {
    const actor = await app.remote.addActor({ id, sharedInbox });
    followers.push(actor);
    await follow({ networkId: network.id }, actor);
  }
  const erin = await app.remote.addActor({ id: "https://misskey.example/users/9erin", sharedInbox: "https://misskey.example/inbox" });
  await follow({ memberId: claire.id }, erin);
  partner = await app.remote.addActor({ id: "https://other.example/n/la-fontaine", type: "Group" });
});
afterAll(() => app.close());

async function published(input: Parameters<typeof publish>[1]) {
  app.remote.deliveries.length = 0;
  const result = await publish(app.context(), input);
  await app.drain();
  return result;
}

describe("publish", () => {
  it("sends a public Create from the Group, once per shared inbox", async () => {
    const result = await published({ verb: "create", object: note("/n/les-tilleuls/annonces/1"), visibility: "public", networkSlug: "les-tilleuls" });
    expect(result.sent).toBe(true);
    const inboxes = app.remote.deliveries.map((d) => d.inbox).sort();
    expect(inboxes).toEqual(["https://gts.example/users/dan/inbox", "https://mastodon.example/inbox", "https://pleroma.example/inbox"]);
    const { activity } = app.remote.deliveries[0];
    expect(activity).toMatchObject({ type: "Create", actor: GROUP, to: PUBLIC, cc: `${GROUP}/followers` });
    // Signed twice: HTTP signature, and an Ed25519 Object Integrity Proof (FEP-8b32).
    expect(activity.proof).toMatchObject({ type: "DataIntegrityProof", cryptosuite: "eddsa-jcs-2022", verificationMethod: `${GROUP}#multikey-2` });
    expect(activity.object).toMatchObject({
      type: "Note",
      id: `${ORIGIN}/n/les-tilleuls/annonces/1`,
      attributedTo: GROUP,
      to: PUBLIC,
      cc: `${GROUP}/followers`,
      audience: GROUP,
    });
  });

  it("lists public Creates in the outbox", async () => {
    const outbox = await (await app.get("/n/les-tilleuls/outbox")).json();
    expect(outbox).toMatchObject({ type: "OrderedCollection", totalItems: 1 });
    const page = await (await app.get("/n/les-tilleuls/outbox?cursor=0")).json();
    expect(page.orderedItems).toEqual([expect.objectContaining({ type: "Create", actor: GROUP, object: `${ORIGIN}/n/les-tilleuls/annonces/1` })]);
  });

  it("sends Update and Delete to the same followers", async () => {
    await published({ verb: "update", object: note("/n/les-tilleuls/annonces/1"), visibility: "public", networkSlug: "les-tilleuls" });
    expect(app.remote.deliveries.map((d) => d.activity.type)).toEqual(["Update", "Update", "Update"]);
    await published({ verb: "delete", object: note("/n/les-tilleuls/annonces/1"), visibility: "public", networkSlug: "les-tilleuls" });
    expect(app.remote.deliveries).toHaveLength(3);
    expect(app.remote.deliveries[0].activity).toMatchObject({ type: "Delete", object: { type: "Tombstone", id: `${ORIGIN}/n/les-tilleuls/annonces/1` } });
    expect(await (await app.get("/n/les-tilleuls/outbox")).json()).toMatchObject({ totalItems: 0 });
  });

  it("never sends network-only items", async () => {
    const result = await published({ verb: "create", object: note("/n/les-tilleuls/annonces/2"), visibility: "network", networkSlug: "les-tilleuls" });
    expect(result).toEqual({ sent: false, reason: "network_only" });
    expect(app.remote.deliveries).toHaveLength(0);
    expect(app.queue.entries).toHaveLength(0);
  });

  it("sends partner items to the partner Groups only", async () => {
    await published({
      verb: "create",
      object: note("/n/les-tilleuls/annonces/3"),
      visibility: "partners",
      networkSlug: "les-tilleuls",
      partners: [{ id: new URL(partner.id), inboxId: new URL(partner.inbox), endpoints: null }],
    });
    expect(app.remote.deliveries.map((d) => d.inbox)).toEqual([partner.inbox]);
    expect(app.remote.deliveries[0].activity).toMatchObject({ type: "Create", to: partner.id });
    expect(await (await app.get("/n/les-tilleuls/outbox")).json()).toMatchObject({ totalItems: 0 });
  });

  it("has the Group Announce a member's item, and the member Create it for its own followers", async () => {
    const object = note("/m/claire/annonces/4", `${ORIGIN}/m/claire`);
    await published({ verb: "create", object, visibility: "public", networkSlug: "les-tilleuls", authorHandle: "claire" });
    const announces = app.remote.deliveriesOfType("Announce");
    expect(announces.map((d) => d.inbox).sort()).toEqual(["https://gts.example/users/dan/inbox", "https://mastodon.example/inbox", "https://pleroma.example/inbox"]);
    // The boost carries the item's id; the member's Create carries the item.
    expect(announces[0].activity).toMatchObject({ actor: GROUP, object: `${ORIGIN}/m/claire/annonces/4` });
    const creates = app.remote.deliveriesOfType("Create");
    expect(creates.map((d) => d.inbox)).toEqual(["https://misskey.example/inbox"]);
    expect(creates[0].activity.actor).toBe(`${ORIGIN}/m/claire`);
    expect(creates[0].activity.object).toMatchObject({ id: `${ORIGIN}/m/claire/annonces/4`, attributedTo: `${ORIGIN}/m/claire` });
  });

  it("has the member, not the Group, send Update of its item to everyone who got it", async () => {
    const object = note("/m/claire/annonces/4", `${ORIGIN}/m/claire`);
    await published({ verb: "update", object, visibility: "public", networkSlug: "les-tilleuls", authorHandle: "claire" });
    expect(app.remote.deliveries.every((d) => d.activity.type === "Update" && d.activity.actor === `${ORIGIN}/m/claire`)).toBe(true);
    expect(app.remote.deliveries).toHaveLength(4);
  });
});
