// Following the fediverse through the API: a member follows an account or a
// network by handle or URL, reads a feed, stops following; animators decide
// on the followers of a network that approves them. Real signed inbox
// requests from a fake fediverse; deliveries are what would leave.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { remoteActorTable, remotePostTable } from "../../db/schema/index.ts";
import { createTestApp, joinWith, withNetwork, type Client } from "../helpers/app.ts";
import { APP_ORIGIN, createFederatedTestApp, type FederatedTestApp } from "../helpers/federated-app.ts";
import { signedPost, type RemoteActorKeys } from "../federation/support/fake-fediverse.ts";

let t: FederatedTestApp;
let sophie: Client; // animator of lilas
let marie: Client;
let paul: Client;
let alice: RemoteActorKeys;
let fontaine: RemoteActorKeys; // a remote network (Group)
let followId: number;

const MARIE = `${APP_ORIGIN}/m/marie`;
const as = (id: string, type: string, extra: Record<string, unknown>) => ({ "@context": "https://www.w3.org/ns/activitystreams", id, type, ...extra });
const inbox = async (path: string, activity: unknown, signer: RemoteActorKeys) => {
  expect((await t.app.request(await signedPost(`${APP_ORIGIN}${path}`, activity, signer))).status).toBe(202);
  return t.drain();
};

beforeAll(async () => {
  t = await createFederatedTestApp();
  const admin = await withNetwork(t);
  sophie = await joinWith(t, admin, "sophie", "lilas", "animator");
  marie = await joinWith(t, sophie, "marie");
  paul = await joinWith(t, sophie, "paul");
  await t.seedKeysOf("network", "lilas");
  for (const handle of ["marie", "paul"]) await t.seedKeysOf("member", handle);
  alice = await t.remote.addActor({ id: "https://mastodon.example/users/alice", name: "Alice" });
  fontaine = await t.remote.addActor({ id: "https://ailleurs.example/n/fontaine", type: "Group", preferredUsername: "fontaine", name: "La Fontaine" });
});
afterAll(() => t.close());

describe("following", () => {
  it("follows by handle: pending, a Follow is sent, and the remote Accept makes it accepted", async () => {
    const res = await marie.post("/api/me/following", { target: "@alice@mastodon.example" });
    expect(res.status).toBe(201);
    expect(res.body.following).toMatchObject({
      state: "pending",
      actor: { id: alice.id, type: "Person", handle: "@alice@mastodon.example", name: "Alice", iconUrl: null },
    });
    followId = res.body.following.id;
    const [follow] = await t.drain();
    expect(follow.activity).toMatchObject({ type: "Follow", actor: MARIE, object: alice.id });
    await inbox("/m/marie/inbox", as(`${alice.id}#accepts/1`, "Accept", { actor: alice.id, object: follow.activity.id }), alice);
    expect((await marie.get("/api/me/following")).body.following).toEqual([{ id: followId, state: "accepted", actor: expect.objectContaining({ id: alice.id }) }]);
  });

  it("follows a network by URL", async () => {
    const res = await marie.post("/api/me/following", { target: fontaine.id });
    expect(res.status).toBe(201);
    expect(res.body.following.actor).toMatchObject({ id: fontaine.id, type: "Group", handle: "@fontaine@ailleurs.example" });
    const [follow] = await t.drain();
    await inbox("/m/marie/inbox", as(`${fontaine.id}#accepts/1`, "Accept", { actor: fontaine.id, object: follow.activity.id }), fontaine);
  });

  it("refuses targets that cannot be found or are no address, naming the field", async () => {
    for (const target of ["@nobody@mastodon.example", "https://mastodon.example/users/nobody", "pas une adresse", ""]) {
      const res = await marie.post("/api/me/following", { target });
      expect(res.status, target).toBe(400);
      expect(res.body.error.field).toBe("target");
    }
    expect((await marie.post("/api/me/following", {})).body.error.field).toBe("target");
    expect((await t.client().post("/api/me/following", { target: "@alice@mastodon.example" })).status).toBe(401);
    t.remote.unexpected.length = 0;
  });

  it("needs a federating instance", async () => {
    const plain = await createTestApp();
    try {
      const admin = await withNetwork(plain);
      const res = await admin.post("/api/me/following", { target: "@alice@mastodon.example" });
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe("federation_unavailable");
    } finally {
      await plain.close();
    }
  });
});

describe("the feed", () => {
  beforeAll(async () => {
    const bob = { id: "https://ailleurs.example/m/bob", type: "Person", host: "ailleurs.example", handle: "@bob@ailleurs.example", name: "Bob", inbox: "https://ailleurs.example/m/bob/inbox" };
    const eve = { id: "https://elsewhere.example/users/eve", type: "Person", host: "elsewhere.example", name: "Eve", inbox: "https://elsewhere.example/users/eve/inbox" };
    await t.db.insert(remoteActorTable).values([bob, eve]);
    const post = (id: string, authorId: string, minutes: number, extra: Partial<typeof remotePostTable.$inferInsert> = {}) => ({
      id, authorId, type: "Note", contentHtml: `<p>${id}</p>`, visibility: "public" as const, published: new Date(Date.UTC(2030, 0, 1, 12, minutes)), ...extra,
    });
    await t.db.insert(remotePostTable).values([
      post(`${alice.id}/1`, alice.id, 1),
      post(`${bob.id}/2`, bob.id, 2, { announcedById: fontaine.id }),
      post(`${alice.id}/3`, alice.id, 3, { visibility: "direct", localRecipients: [`${APP_ORIGIN}/m/paul`] }),
      post(`${alice.id}/4`, alice.id, 4, { visibility: "followers" }),
      post(`${eve.id}/5`, eve.id, 5),
      post(`${alice.id}/6`, alice.id, 6, { visibility: "direct", localRecipients: [MARIE] }),
    ]);
  });

  it("has followed accounts' posts and those relayed by followed groups, newest first, nothing else (direct messages are in the messages)", async () => {
    const { posts } = (await marie.get("/api/me/feed")).body;
    expect(posts.map((p: { id: string }) => p.id)).toEqual([`${alice.id}/4`, "https://ailleurs.example/m/bob/2", `${alice.id}/1`]);
    // Followers-only posts are marked as such.
    expect(posts.map((p: { visibility: string }) => p.visibility)).toEqual(["followers", "public", "public"]);
    expect(posts[1]).toMatchObject({
      contentHtml: "<p>https://ailleurs.example/m/bob/2</p>",
      author: { id: "https://ailleurs.example/m/bob", handle: "@bob@ailleurs.example", name: "Bob" },
      via: { id: fontaine.id, name: "La Fontaine", handle: "@fontaine@ailleurs.example" },
    });
    expect(posts[0].via).toBeUndefined();
    const older = (await marie.get(`/api/me/feed?before=${encodeURIComponent(posts[0].published)}`)).body.posts;
    expect(older.map((p: { id: string }) => p.id)).toEqual(["https://ailleurs.example/m/bob/2", `${alice.id}/1`]);
    expect((await marie.get("/api/me/feed?before=hier")).body.error.field).toBe("before");
    expect((await paul.get("/api/me/feed")).body.posts).toEqual([]);
    expect((await t.client().get("/api/me/feed")).status).toBe(401);
  });
});

describe("unfollowing", () => {
  it("only one's own follows; sends Undo(Follow)", async () => {
    expect((await paul.delete(`/api/me/following/${followId}`)).status).toBe(404);
    expect((await marie.delete("/api/me/following/999999")).status).toBe(404);
    expect((await marie.delete("/api/me/following/abc")).status).toBe(404);
    expect((await marie.delete(`/api/me/following/${followId}`)).status).toBe(204);
    const [undo] = await t.drain();
    expect(undo.activity).toMatchObject({ type: "Undo", actor: MARIE, object: { type: "Follow", object: alice.id } });
    expect((await marie.get("/api/me/following")).body.following.map((f: { actor: { id: string } }) => f.actor.id)).toEqual([fontaine.id]);
  });
});

describe("followers of a network that approves them", () => {
  let carol: RemoteActorKeys;
  let dan: RemoteActorKeys;
  const pendingOf = async () => (await sophie.get("/api/networks/lilas/followers?state=pending")).body.followers;

  beforeAll(async () => {
    await sophie.patch("/api/networks/lilas", { approvesFollowers: true });
    carol = await t.remote.addActor({ id: "https://mastodon.example/users/carol" });
    dan = await t.remote.addActor({ id: "https://pleroma.example/users/dan" });
    for (const actor of [carol, dan]) {
      const sent = await inbox("/n/lilas/inbox", as(`${actor.id}#follows/1`, "Follow", { actor: actor.id, object: `${APP_ORIGIN}/n/lilas` }), actor);
      expect(sent).toEqual([]); // nothing until an animator decides
    }
  });

  it("are listed, pending first, to animators only", async () => {
    const pending = await pendingOf();
    expect(pending.map((f: { actor: { id: string } }) => f.actor.id).sort()).toEqual([carol.id, dan.id]);
    expect(pending[0]).toMatchObject({ id: expect.any(Number), state: "pending", actor: { type: "Person" } });
    expect((await sophie.get("/api/networks/lilas/followers?state=accepted")).body.followers).toEqual([]);
    expect((await marie.get("/api/networks/lilas/followers")).status).toBe(403);
    expect((await t.client().get("/api/networks/lilas/followers")).status).toBe(401);
    expect((await sophie.get("/api/networks/lilas/followers?state=maybe")).body.error.field).toBe("state");
    expect((await sophie.get("/api/networks/nowhere/followers")).status).toBe(404);
  });

  it("accept sends Accept, reject sends Reject and drops the follower", async () => {
    const pending = await pendingOf();
    const idOf = (actor: RemoteActorKeys) => pending.find((f: { actor: { id: string } }) => f.actor.id === actor.id).id;
    expect((await marie.post(`/api/networks/lilas/followers/${idOf(carol)}/accept`)).status).toBe(403);
    expect((await sophie.post(`/api/networks/lilas/followers/${idOf(carol)}/accept`)).status).toBe(204);
    expect((await t.drain()).map((d) => [d.inbox, d.activity.type])).toEqual([[carol.inbox, "Accept"]]);
    expect((await sophie.post(`/api/networks/lilas/followers/${idOf(dan)}/reject`)).status).toBe(204);
    expect((await t.drain()).map((d) => [d.inbox, d.activity.type])).toEqual([[dan.inbox, "Reject"]]);
    const all = (await sophie.get("/api/networks/lilas/followers")).body.followers;
    expect(all.map((f: { actor: { id: string }; state: string }) => [f.actor.id, f.state])).toEqual([[carol.id, "accepted"]]);
    expect((await sophie.post("/api/networks/lilas/followers/999999/accept")).status).toBe(404);
    expect((await sophie.post("/api/networks/lilas/followers/x/reject")).status).toBe(404);
  });
});
