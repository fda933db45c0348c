// Inbound follows (Accept, pending approval, Undo), signature checks, the
// followers collection, and a member following a remote account.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { followerTable, followingTable, remoteActorTable } from "../../db/schema/index.ts";
import { decideFollower, followRemote, unfollowRemote } from "../../federation/follows.ts";
import { signedPost, testKeyPair, type RemoteActorKeys } from "./support/fake-fediverse.ts";
import { createTestInstance, ORIGIN, seedMember, seedNetwork, type TestInstance } from "./support/instance.ts";

let app: TestInstance;
let alice: RemoteActorKeys;
let bob: RemoteActorKeys;
let tilleulsId: string;

const follow = (actor: RemoteActorKeys, object: string, id = `${actor.id}#follows/${crypto.randomUUID()}`) => ({
  "@context": "https://www.w3.org/ns/activitystreams",
  id,
  type: "Follow",
  actor: actor.id,
  object,
});

beforeAll(async () => {
  app = await createTestInstance();
  tilleulsId = (await seedNetwork(app.db, { slug: "les-tilleuls", name: "Les Tilleuls" })).id;
  await seedNetwork(app.db, { slug: "les-acacias", name: "Les Acacias", approvesFollowers: true });
  await seedMember(app.db, "claire");
  alice = await app.remote.addActor({ id: "https://mastodon.example/users/alice" });
  bob = await app.remote.addActor({ id: "https://mastodon.example/users/bob" });
});
afterAll(() => app.close());

async function deliver(path: string, activity: unknown, signer: RemoteActorKeys = alice) {
  const response = await app.post(await signedPost(`${ORIGIN}${path}`, activity, signer));
  await app.drain();
  return response;
}

describe("a remote actor follows a network", () => {
  it("stores the follower and sends Accept through the queue", async () => {
    const activity = follow(alice, `${ORIGIN}/n/les-tilleuls`);
    const response = await deliver("/n/les-tilleuls/inbox", activity);
    expect(response.status).toBe(202);
    const [row] = await app.db.select().from(followerTable).where(eq(followerTable.remoteActorId, alice.id));
    expect(row).toMatchObject({ networkId: tilleulsId, state: "accepted", followId: activity.id });
    const [accept] = app.remote.deliveriesOfType("Accept");
    expect(accept.inbox).toBe(alice.inbox);
    expect(accept.activity.actor).toBe(`${ORIGIN}/n/les-tilleuls`);
    expect((accept.activity.object as any).id).toBe(activity.id);
    expect(accept.headers.get("signature") ?? accept.headers.get("signature-input")).toBeTruthy();
    const [cached] = await app.db.select().from(remoteActorTable).where(eq(remoteActorTable.id, alice.id));
    expect(cached).toMatchObject({ inbox: alice.inbox, sharedInbox: "https://mastodon.example/inbox", handle: "@alice@mastodon.example" });
  });

  it("keeps the follow pending when the network approves followers, until an animator accepts", async () => {
    app.remote.deliveries.length = 0;
    await deliver("/n/les-acacias/inbox", follow(bob, `${ORIGIN}/n/les-acacias`), bob);
    const [row] = await app.db.select().from(followerTable).where(eq(followerTable.remoteActorId, bob.id));
    expect(row.state).toBe("pending");
    expect(app.remote.deliveries).toHaveLength(0);
    expect(await (await app.get("/n/les-acacias/followers")).json()).toMatchObject({ totalItems: 0 });

    const decided = await decideFollower(app.context(), "les-acacias", bob.id, "accept");
    expect(decided).toEqual({ ok: true, value: { state: "accepted" } });
    await app.drain();
    expect(app.remote.deliveriesOfType("Accept").map((d) => d.inbox)).toEqual([bob.inbox]);
    expect(await (await app.get("/n/les-acacias/followers")).json()).toMatchObject({ totalItems: 1 });
  });

  it("sends Reject and forgets the follower when an animator declines", async () => {
    const carol = await app.remote.addActor({ id: "https://mastodon.example/users/carol" });
    await deliver("/n/les-acacias/inbox", follow(carol, `${ORIGIN}/n/les-acacias`), carol);
    app.remote.deliveries.length = 0;
    expect(await decideFollower(app.context(), "les-acacias", carol.id, "reject")).toEqual({ ok: true, value: { state: "rejected" } });
    await app.drain();
    expect(app.remote.deliveriesOfType("Reject").map((d) => d.inbox)).toEqual([carol.inbox]);
    expect(await app.db.select().from(followerTable).where(eq(followerTable.remoteActorId, carol.id))).toHaveLength(0);
    expect(await decideFollower(app.context(), "les-acacias", carol.id, "accept")).toMatchObject({ ok: false });
  });

  it("rejects follows of the instance actor", async () => {
    app.remote.deliveries.length = 0;
    await deliver("/actor/inbox", follow(alice, `${ORIGIN}/actor`));
    expect(app.remote.deliveriesOfType("Reject")).toHaveLength(1);
    expect(app.remote.deliveriesOfType("Accept")).toHaveLength(0);
  });

  it("removes the follower on Undo(Follow)", async () => {
    const activity = follow(bob, `${ORIGIN}/n/les-tilleuls`);
    await deliver("/inbox", activity, bob);
    const undo = { "@context": "https://www.w3.org/ns/activitystreams", id: `${bob.id}#undo/1`, type: "Undo", actor: bob.id, object: activity };
    await deliver("/inbox", undo, bob);
    const rows = await app.db
      .select()
      .from(followerTable)
      .where(and(eq(followerTable.remoteActorId, bob.id), eq(followerTable.networkId, tilleulsId)));
    expect(rows).toHaveLength(0);
  });

  it("lets a remote actor follow a member", async () => {
    await deliver("/m/claire/inbox", follow(alice, `${ORIGIN}/m/claire`));
    expect(await (await app.get("/m/claire/followers")).json()).toMatchObject({ totalItems: 1 });
  });
});

describe("signatures", () => {
  it("refuses an unsigned POST with 401", async () => {
    const request = new Request(`${ORIGIN}/n/les-tilleuls/inbox`, {
      method: "POST",
      headers: { "content-type": "application/activity+json" },
      body: JSON.stringify(follow(alice, `${ORIGIN}/n/les-tilleuls`)),
    });
    expect((await app.post(request)).status).toBe(401);
  });

  it("refuses a signature by a key that is not the actor's with 401", async () => {
    const { privateKey } = await testKeyPair();
    const request = await signedPost(`${ORIGIN}/inbox`, follow(alice, `${ORIGIN}/n/les-tilleuls`), { keyId: alice.keyId, privateKey });
    expect((await app.post(request)).status).toBe(401);
  });

  it("refuses an activity whose actor is not the signer with 401", async () => {
    const request = await signedPost(`${ORIGIN}/inbox`, follow(alice, `${ORIGIN}/n/les-tilleuls`), bob);
    expect((await app.post(request)).status).toBe(401);
  });

  it("accepts RFC 9421 signatures too", async () => {
    const request = await signedPost(`${ORIGIN}/inbox`, follow(bob, `${ORIGIN}/m/claire`), bob, "rfc9421");
    expect((await app.post(request)).status).toBe(202);
  });

  it("answers 400 to malformed JSON", async () => {
    const request = new Request(`${ORIGIN}/inbox`, { method: "POST", headers: { "content-type": "application/activity+json" }, body: "{not json" });
    expect((await app.post(request)).status).toBe(400);
  });
});

describe("followers collection", () => {
  it("is paged, accepted followers only", async () => {
    const rows = Array.from({ length: 45 }, (_, i) => ({
      id: `https://many.example/users/u${i}`,
      type: "Person",
      host: "many.example",
      inbox: `https://many.example/users/u${i}/inbox`,
      sharedInbox: "https://many.example/inbox",
    }));
    await app.db.insert(remoteActorTable).values(rows);
    await app.db.insert(followerTable).values(rows.map((r, i) => ({ networkId: tilleulsId, remoteActorId: r.id, followId: `${r.id}#f`, state: i === 44 ? ("pending" as const) : ("accepted" as const) })));
    const collection = await (await app.get("/n/les-tilleuls/followers")).json();
    // alice and 44 of the 45 new ones (the last is pending).
    expect(collection).toMatchObject({ type: "OrderedCollection", id: `${ORIGIN}/n/les-tilleuls/followers`, totalItems: 45 });
    const first = await (await app.get(new URL(collection.first).pathname + new URL(collection.first).search)).json();
    expect(first.type).toBe("OrderedCollectionPage");
    expect(first.orderedItems).toHaveLength(40);
    expect(first.orderedItems[0]).toBe(alice.id);
    const next = new URL(first.next);
    const second = await (await app.get(next.pathname + next.search)).json();
    expect(second.orderedItems).toHaveLength(5);
    expect(second.orderedItems).not.toContain("https://many.example/users/u44");
    expect(second.next).toBeUndefined();
  });

  it("is 404 (passed on) for an unknown actor", async () => {
    expect((await app.get("/n/nobody/followers")).status).toBe(404);
  });
});

describe("a local member follows a remote account", () => {
  let group: RemoteActorKeys;

  beforeAll(async () => {
    group = await app.remote.addActor({ id: "https://other.example/n/la-fontaine", type: "Group", preferredUsername: "la-fontaine" });
  });

  it("sends Follow by URL, pending until the Accept comes", async () => {
    app.remote.deliveries.length = 0;
    const result = await followRemote(app.context(), "m/claire", group.id);
    expect(result).toEqual({ ok: true, value: { actorId: group.id, state: "pending" } });
    await app.drain();
    const [sent] = app.remote.deliveriesOfType("Follow");
    expect(sent.activity).toMatchObject({ actor: `${ORIGIN}/m/claire`, object: group.id });
    const accept = {
      "@context": "https://www.w3.org/ns/activitystreams",
      id: `${group.id}#accepts/1`,
      type: "Accept",
      actor: group.id,
      object: sent.activity.id,
    };
    await deliver("/m/claire/inbox", accept, group);
    const [row] = await app.db.select().from(followingTable).where(eq(followingTable.remoteActorId, group.id));
    expect(row.state).toBe("accepted");
    const following = await (await app.get("/m/claire/following?cursor=0")).json();
    expect(following.orderedItems).toEqual([group.id]);
  });

  it("sends Undo(Follow) when unfollowing", async () => {
    expect(await unfollowRemote(app.context(), "m/claire", group.id)).toEqual({ ok: true, value: null });
    await app.drain();
    const [undo] = app.remote.deliveriesOfType("Undo");
    expect(undo.activity).toMatchObject({ actor: `${ORIGIN}/m/claire`, object: { type: "Follow", object: group.id } });
    expect(await app.db.select().from(followingTable).where(eq(followingTable.remoteActorId, group.id))).toHaveLength(0);
  });

  it("refuses what is not a remote actor", async () => {
    const result = await followRemote(app.context(), "m/claire", "not a handle");
    expect(result.ok).toBe(false);
    const local = await followRemote(app.context(), "m/claire", `${ORIGIN}/n/les-tilleuls`);
    expect(local.ok).toBe(false);
  });
});

describe("following by handle (test mode: Fedify's own loader over the stub fetch)", () => {
  it("finds @slug@host through WebFinger and follows it", async () => {
    const instance = await createTestInstance({ allowPrivateAddress: true });
    try {
      await seedMember(instance.db, "dede");
      const target = await instance.remote.addActor({ id: "https://other.example/n/la-fontaine", type: "Group", preferredUsername: "la-fontaine" });
      const result = await followRemote(instance.context(), "m/dede", "@la-fontaine@other.example");
      expect(result).toEqual({ ok: true, value: { actorId: target.id, state: "pending" } });
      await instance.drain();
      expect(instance.remote.deliveriesOfType("Follow").map((d) => d.inbox)).toEqual([target.inbox]);
    } finally {
      await instance.close();
    }
  });
});
