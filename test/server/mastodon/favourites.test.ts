// Favourite, reblog and bookmark from a Mastodon app (issue #15, item 5):
// a favourite is a like and a reblog a boost, counted with the fediverse's on
// the item's page; a bookmark is the member's own. Only what the member sees.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { mastodon } from "masto";
import { eq } from "drizzle-orm";
import { followerTable, followingTable, memberTable, remoteActorTable, remotePostTable } from "../../../db/schema/index.ts";
import { exchangeCode, issueCode, outOfBand, registerApp as registerClient } from "../../../server/mastodon/oauth/grants.ts";
import { statusId } from "../../../server/mastodon/statuses/ids.ts";
import type { RemoteActorKeys } from "../../federation/support/fake-fediverse.ts";
import { APP_ORIGIN, createFederatedTestApp, type FederatedTestApp } from "../../helpers/federated-app.ts";
import { adminAccount, joinWith, withNetwork, type Client } from "../../helpers/app.ts";
import { logInWithApp, registerApp, serveTestApp, type RegisteredApp, type ServedApp } from "../../helpers/mastodon.ts";
import { expectShape, statusShape } from "./shapes.ts";

let t: ServedApp;
let admin: Client;
let paul: Client;
let marieWeb: Client;
let app: RegisteredApp;
let marie: mastodon.rest.Client;
let marieToken: string;
let paulApp: mastodon.rest.Client;
const ids: Record<string, string> = {};
let webIds: Record<string, string> = {};

beforeAll(async () => {
  t = await serveTestApp();
  admin = await withNetwork(t);
  marieWeb = await joinWith(t, admin, "marie");
  paul = await joinWith(t, admin, "paul");
  const made = {
    offer: await paul.post("/api/networks/lilas/offers", { kind: "offer", title: "Perceuse à prêter", theme: "pret-de-materiel" }),
    announcement: await paul.post("/api/networks/lilas/announcements", { content: "Vide-grenier dimanche" }),
    event: await admin.post("/api/networks/lilas/events", { kind: "cafe", title: "Café public", startsAt: "2030-03-06T10:00", endsAt: "2030-03-06T12:00", place: { name: "Salle" }, visibility: "public" }),
    closed: await admin.post("/api/networks/lilas/events", { kind: "cafe", title: "Café du réseau", startsAt: "2030-03-07T10:00", endsAt: "2030-03-07T12:00", place: { name: "Salle" }, visibility: "network" }),
    resource: await admin.post("/api/networks/lilas/commons", { kind: "fiche", title: "Composter", body: "Texte", summary: "Le guide", visibility: "public" }),
  };
  for (const res of Object.values(made)) if (res.status !== 201) throw new Error(res.text);
  webIds = { offer: made.offer.body.offer.id, announcement: made.announcement.body.announcement.id, event: made.event.body.events[0].id };
  app = await registerApp(t.url);
  ({ rest: marie, token: marieToken } = await logInWithApp(t.url, app, "marie", "marie has a long password"));
  paulApp = (await logInWithApp(t.url, app, "paul", "paul has a long password")).rest;
  const home = await marie.v1.timelines.home.list({ limit: 40 });
  const find = (text: string) => home.find((s) => s.content.includes(text))!.id;
  Object.assign(ids, { offer: find("Perceuse"), announcement: find("Vide-grenier"), event: find("Café public"), closed: find("Café du réseau"), resource: find("Composter") });
});
afterAll(() => t.stop());

const seenBy = async (client: mastodon.rest.Client, id: string) => client.v1.statuses.$select(id).fetch();

describe("favourite", () => {
  it("an offer and an announcement: counted for everyone, marked for the member, on the web too; undone", async () => {
    const faved = await marie.v1.statuses.$select(ids.offer).favourite();
    expectShape(faved, statusShape);
    expect(faved).toMatchObject({ favourited: true, favouritesCount: 1 });
    await marie.v1.statuses.$select(ids.offer).favourite(); // twice is still one like
    await marie.v1.statuses.$select(ids.announcement).favourite();

    expect(await seenBy(paulApp, ids.offer)).toMatchObject({ favouritesCount: 1, favourited: false });
    expect(await seenBy(paulApp, ids.announcement)).toMatchObject({ favouritesCount: 1, favourited: false });
    const offerPage = await paul.get(`/api/offers/${webIds.offer}`);
    expect(offerPage.body.reactions).toMatchObject({ likes: 1, boosts: 0 });
    const list = await paul.get("/api/networks/lilas/announcements");
    expect(list.body.announcements.find((a: { id: string }) => a.id === webIds.announcement).likes).toBe(1);

    const undone = await marie.v1.statuses.$select(ids.offer).unfavourite();
    expect(undone).toMatchObject({ favourited: false, favouritesCount: 0 });
    expect((await paul.get(`/api/offers/${webIds.offer}`)).body.reactions.likes).toBe(0);
    expect(await seenBy(marie, ids.announcement)).toMatchObject({ favourited: true });
  });

  it("lists the member's favourites, newest first, paged with a Link header", async () => {
    await marie.v1.statuses.$select(ids.event).favourite();
    await marie.v1.statuses.$select(ids.resource).favourite();
    const all = await marie.v1.favourites.list({ limit: 40 });
    expect(all.map((s) => s.id)).toEqual([ids.resource, ids.event, ids.announcement]);
    expect(all.every((s) => s.favourited)).toBe(true);

    const auth = { headers: { authorization: `Bearer ${marieToken}` } };
    const first = await fetch(new URL("/api/v1/favourites?limit=2", t.url), auth);
    expect((await first.json()).map((s: { id: string }) => s.id)).toEqual([ids.resource, ids.event]);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get("link") ?? "")![1];
    const second = await fetch(next.replace("https://maillage.test", t.url), auth);
    expect((await second.json()).map((s: { id: string }) => s.id)).toEqual([ids.announcement]);
    // Someone else's favourites are theirs.
    expect(await paulApp.v1.favourites.list()).toEqual([]);
  });
});

describe("reblog", () => {
  it("boosts a public event (counted as a boost on its page); a network-only one is refused", async () => {
    const boosted = await marie.v1.statuses.$select(ids.event).reblog();
    expect(boosted.reblog).toMatchObject({ id: ids.event, reblogged: true, reblogsCount: 1 });
    expect(await seenBy(paulApp, ids.event)).toMatchObject({ reblogsCount: 1, reblogged: false });
    expect((await paul.get(`/api/events/${webIds.event}`)).body.reactions).toMatchObject({ boosts: 1 });
    await expect(marie.v1.statuses.$select(ids.closed).reblog()).rejects.toMatchObject({ statusCode: 422 });
    expect(await marie.v1.statuses.$select(ids.event).unreblog()).toMatchObject({ id: ids.event, reblogged: false, reblogsCount: 0, reblog: null });
  });

  it("answers, as Mastodon does, with a new status by the member wrapping the original, readable by its id until unreblogged", async () => {
    const boosted = await marie.v1.statuses.$select(ids.resource).reblog();
    expectShape(boosted, statusShape);
    expectShape(boosted.reblog!, statusShape);
    expect(boosted.id).not.toBe(ids.resource);
    expect(boosted).toMatchObject({ account: { acct: "marie" }, content: "", reblogged: true, reblogsCount: 0, visibility: "public" });
    expect(boosted.reblog).toMatchObject({ id: ids.resource, reblogged: true, reblogsCount: 1, reblog: null });
    expect(boosted.reblog!.content).toContain("Composter");
    // Boosting again gives the same wrapper; others read it too (the original is public).
    expect((await marie.v1.statuses.$select(ids.resource).reblog()).id).toBe(boosted.id);
    expect((await seenBy(paulApp, boosted.id)).reblog).toMatchObject({ id: ids.resource, reblogged: false });
    // Apps may unreblog with the wrapper's id: the original comes back.
    expect(await marie.v1.statuses.$select(boosted.id).unreblog()).toMatchObject({ id: ids.resource, reblogged: false, reblogsCount: 0 });
    await expect(seenBy(marie, boosted.id)).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe("the author is told", () => {
  type Told = { type: string; account: { acct: string }; status: { id: string } };
  const told = async (client: mastodon.rest.Client, type: string) =>
    ((await client.v1.notifications.list({ limit: 40 })) as unknown as Told[]).filter((n) => n.type === type).map((n) => `${n.account.acct} ${n.status.id}`);

  it("of a favourite and a reblog by another member: `favourite` / `reblog` with who did it and the item; kept after an unfavourite, as Mastodon does", async () => {
    // Marie favourited Paul's offer (then took it back) and his announcement; she boosted the admin's event.
    expect((await told(paulApp, "favourite")).sort()).toEqual([`marie ${ids.announcement}`, `marie ${ids.offer}`].sort());
    const adminApp = (await logInWithApp(t.url, app, adminAccount.handle, adminAccount.password)).rest;
    expect(await told(adminApp, "reblog")).toEqual(expect.arrayContaining([`marie ${ids.event}`]));
    expect(await told(adminApp, "favourite")).toEqual(expect.arrayContaining([`marie ${ids.event}`, `marie ${ids.resource}`]));
    // In the web app too, in words.
    const web = (await paul.get("/api/me/notifications")).body.notifications as { kind: string; from: string; subject: { type: string } }[];
    expect(web).toContainEqual(expect.objectContaining({ kind: "reactions.like", from: "Marie", subject: expect.objectContaining({ type: "offer" }) }));
  });

  it("not of one's own favourite, nor by a member one blocked; a favourite repeated tells once", async () => {
    const before = (await told(paulApp, "favourite")).length;
    await paulApp.v1.statuses.$select(ids.announcement).favourite();
    await marie.v1.statuses.$select(ids.announcement).favourite(); // already favourited
    expect((await told(paulApp, "favourite")).length).toBe(before);
    expect((await paul.post("/api/me/blocks", { handle: "marie" })).status).toBe(201);
    const another = await paul.post("/api/networks/lilas/announcements", { content: "Graines à donner" });
    const anotherId = statusId("a", another.body.announcement.id, new Date(another.body.announcement.createdAt));
    await marie.v1.statuses.$select(anotherId).favourite();
    expect((await told(paulApp, "favourite")).length).toBe(before);
  });
});

describe("bookmark", () => {
  it("a resource, in the member's bookmarks only, and taken out again", async () => {
    const marked = await marie.v1.statuses.$select(ids.resource).bookmark();
    expect(marked.bookmarked).toBe(true);
    expect((await marie.v1.bookmarks.list()).map((s) => s.id)).toEqual([ids.resource]);
    expect((await seenBy(paulApp, ids.resource)).bookmarked).toBe(false);
    expect(await paulApp.v1.bookmarks.list()).toEqual([]);
    // The member's export carries it.
    const exported = await marieWeb.get("/api/me/export");
    expect(exported.body.reactions.bookmarks).toEqual([expect.objectContaining({ kind: "r" })]);
    await marie.v1.statuses.$select(ids.resource).unbookmark();
    expect(await marie.v1.bookmarks.list()).toEqual([]);
  });
});

describe("refusals", () => {
  it("404 on an item the member cannot see, 403 without the scope", async () => {
    expect((await admin.post("/api/networks", { slug: "roses", name: "Les Roses", area: "Rue des Roses" })).status).toBe(201);
    const hidden = await admin.post("/api/networks/roses/announcements", { content: "Entre Roses", visibility: "network" });
    expect(hidden.status).toBe(201);
    const hiddenId = statusId("a", hidden.body.announcement.id, new Date(hidden.body.announcement.createdAt));
    expect((await seenBy(paulApp, ids.offer)).id).toBe(ids.offer);
    await expect(marie.v1.statuses.$select(hiddenId).favourite()).rejects.toMatchObject({ statusCode: 404 });
    await expect(marie.v1.statuses.$select(hiddenId).bookmark()).rejects.toMatchObject({ statusCode: 404 });
    await expect(marie.v1.statuses.$select(hiddenId).reblog()).rejects.toMatchObject({ statusCode: 404 });

    const readOnly = await logInWithApp(t.url, app, "marie", "marie has a long password", "read");
    await expect(readOnly.rest.v1.statuses.$select(ids.offer).favourite()).rejects.toMatchObject({ statusCode: 403 });
    await expect(readOnly.rest.v1.statuses.$select(ids.offer).bookmark()).rejects.toMatchObject({ statusCode: 403 });
    const writeOnly = await logInWithApp(t.url, app, "marie", "marie has a long password", "write:favourites");
    await expect(writeOnly.rest.v1.statuses.$select(ids.event).reblog()).rejects.toMatchObject({ statusCode: 403 });
    await expect(writeOnly.rest.v1.favourites.list()).rejects.toMatchObject({ statusCode: 403 });
  });
});

// Last, as it fakes the fediverse's fetch for the rest of the file: a favourite
// of a followed account's post is a Like sent to its author, undone by Undo Like.
describe("a post from elsewhere", () => {
  let f: FederatedTestApp;
  let token: string;
  let alice: RemoteActorKeys;
  const postId = "https://mastodon.example/users/alice/statuses/1";
  beforeAll(async () => {
    f = await createFederatedTestApp();
    const admin = await withNetwork(f);
    await joinWith(f, admin, "marie");
    await f.seedKeysOf("member", "marie");
    alice = await f.remote.addActor({ id: "https://mastodon.example/users/alice", name: "Alice" });
    const [member] = await f.db.select().from(memberTable).where(eq(memberTable.handle, "marie"));
    await f.db.insert(remoteActorTable).values({ id: alice.id, type: "Person", host: "mastodon.example", handle: "@alice@mastodon.example", name: "Alice", inbox: `${alice.id}/inbox` }).onConflictDoNothing();
    await f.db.insert(followingTable).values({ memberId: member.id, remoteActorId: alice.id, followId: `${APP_ORIGIN}/m/marie#follows/1`, state: "accepted" });
    // Bob, elsewhere, follows Marie: her boosts reach him.
    const bob = await f.remote.addActor({ id: "https://ailleurs.example/m/bob", name: "Bob" });
    await f.db.insert(remoteActorTable).values({ id: bob.id, type: "Person", host: "ailleurs.example", handle: "@bob@ailleurs.example", name: "Bob", inbox: `${bob.id}/inbox` }).onConflictDoNothing();
    await f.db.insert(followerTable).values({ memberId: member.id, remoteActorId: bob.id, followId: `${bob.id}#follows/1`, state: "accepted" });
    await f.db.insert(remotePostTable).values({ id: postId, authorId: alice.id, type: "Note", contentHtml: "<p>Bonjour</p>", visibility: "public", published: new Date(Date.UTC(2030, 0, 1)) });
    const { app: registered } = await registerClient(f.db, { name: "Tusky", redirectUris: [outOfBand], scopes: ["read", "write"], website: null });
    const code = await issueCode(f.db, { app: registered, redirectUri: outOfBand, scopes: ["read", "write"], state: null, codeChallenge: null }, member);
    const issued = await exchangeCode(f.db, registered, code, outOfBand, undefined);
    if (!issued.ok) throw new Error(issued.error.message);
    token = issued.value.token;
  });
  afterAll(() => f.close());

  const call = (method: string, path: string) => f.app.request(`${APP_ORIGIN}${path}`, { method, headers: { authorization: `Bearer ${token}` } });

  it("goes out as a Like to its author, and Undo Like when taken back", async () => {
    const home = await (await call("GET", "/api/v1/timelines/home")).json();
    const status = home.find((s: { uri: string }) => s.uri === postId);
    expect(status).toBeTruthy();
    const faved = await call("POST", `/api/v1/statuses/${status.id}/favourite`);
    expect(await faved.json()).toMatchObject({ favourited: true, favourites_count: 1 });
    const [like] = await f.drain();
    expect(like.activity).toMatchObject({ type: "Like", actor: `${APP_ORIGIN}/m/marie`, object: postId });
    expect((await (await call("GET", "/api/v1/favourites")).json()).map((s: { id: string }) => s.id)).toEqual([status.id]);
    await call("POST", `/api/v1/statuses/${status.id}/unfavourite`);
    const [undo] = await f.drain();
    expect(undo.activity).toMatchObject({ type: "Undo", object: { type: "Like", id: like.activity.id, object: postId } });
  });

  it("a reblog is Marie's Announce to her followers elsewhere and to the post's author (cc'd, as Mastodon does), undone by Undo Announce to both", async () => {
    const home = await (await call("GET", "/api/v1/timelines/home")).json();
    const status = home.find((s: { uri: string }) => s.uri === postId);
    expect(await (await call("POST", `/api/v1/statuses/${status.id}/reblog`)).json()).toMatchObject({ reblogged: true, reblog: { id: status.id, reblogged: true, reblogs_count: 1 } });
    const announces = await f.drain();
    expect(announces.map((d) => d.inbox).sort()).toEqual(["https://ailleurs.example/m/bob/inbox", "https://mastodon.example/users/alice/inbox"]);
    const [announce] = announces;
    expect(announce.activity).toMatchObject({ type: "Announce", actor: `${APP_ORIGIN}/m/marie`, object: postId, to: "https://www.w3.org/ns/activitystreams#Public", cc: [alice.id, `${APP_ORIGIN}/m/marie/followers`] });
    await call("POST", `/api/v1/statuses/${status.id}/unreblog`);
    const undos = await f.drain();
    expect(undos.map((d) => d.inbox).sort()).toEqual(["https://ailleurs.example/m/bob/inbox", "https://mastodon.example/users/alice/inbox"]);
    expect(undos[0].activity).toMatchObject({ type: "Undo", object: { type: "Announce", id: announce.activity.id } });
  });
});
