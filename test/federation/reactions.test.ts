// Likes, boosts and replies from elsewhere on offers, events and resources,
// counted and shown as on announcements (the API of each item), and the
// author told of each (a like, a boost, a reply). Payloads shaped as Mastodon sends them, delivered
// signed to the shared inbox. Runs on PGlite, and on PostgreSQL with
// TEST_DATABASE_URL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinWith, withNetwork, type Client } from "../helpers/app.ts";
import { APP_ORIGIN, createFederatedTestApp, type FederatedTestApp } from "../helpers/federated-app.ts";
import { signedPost, type RemoteActorKeys } from "./support/fake-fediverse.ts";

const AS = "https://www.w3.org/ns/activitystreams";
const PUBLIC = `${AS}#Public`;

let t: FederatedTestApp;
let sophie: Client; // animator: organises the event, adds the resource
let marie: Client; // posts the offer
let alice: RemoteActorKeys; // on Mastodon
let bob: RemoteActorKeys; // on GoToSocial
let offer: any;
let event: any;
let resource: any;
let n = 0;

async function deliver(activity: Record<string, unknown>, signer: RemoteActorKeys) {
  const res = await t.app.request(await signedPost(`${APP_ORIGIN}/inbox`, { "@context": AS, ...activity }, signer));
  expect(res.status, await res.clone().text()).toBe(202);
  await t.drain();
}
const like = (who: RemoteActorKeys, object: string) => deliver({ id: `${who.id}#likes/${++n}`, type: "Like", actor: who.id, object }, who);
const boost = (who: RemoteActorKeys, object: string) =>
  deliver({ id: `${who.id}/statuses/${++n}/activity`, type: "Announce", actor: who.id, object, to: [PUBLIC], cc: [`${who.id}/followers`] }, who);
const reply = (who: RemoteActorKeys, inReplyTo: string, content: string, to = [PUBLIC]) => {
  const id = `${who.id}/statuses/${++n}`;
  return deliver(
    { id: `${id}/activity`, type: "Create", actor: who.id, to, object: { id, type: "Note", attributedTo: who.id, inReplyTo, content, to, cc: [`${who.id}/followers`], published: new Date().toISOString() } },
    who,
  );
};

beforeAll(async () => {
  t = await createFederatedTestApp();
  const admin = await withNetwork(t);
  sophie = await joinWith(t, admin, "sophie", "lilas", "animator");
  marie = await joinWith(t, sophie, "marie", "lilas");
  await t.seedKeysOf("network", "lilas");
  await t.seedKeysOf("member", "marie");
  alice = await t.remote.addActor({ id: "https://mastodon.example/users/alice", name: "Alice" });
  bob = await t.remote.addActor({ id: "https://gts.example/users/bob", name: "Bob" });
  offer = (await marie.post("/api/networks/lilas/offers", { kind: "offer", theme: "pret-de-materiel", title: "Perceuse à prêter", visibility: "public" })).body.offer;
  event = (await sophie.post("/api/networks/lilas/events", {
    kind: "cafe", title: "Café des voisins", startsAt: "2027-02-06T10:00", endsAt: "2027-02-06T12:00", place: { name: "Salle des fêtes" }, visibility: "public",
  })).body.events[0];
  resource = (await sophie.post("/api/networks/lilas/commons", { kind: "fiche", title: "Animer un café", visibility: "public" })).body.resource;
  await t.drain();
});
afterAll(() => t.close());

describe("likes and boosts from elsewhere", () => {
  it("are counted on an offer, an event and a resource, once per actor", async () => {
    await like(alice, offer.url);
    await like(alice, offer.url); // a second Like of the same object by the same actor
    await boost(bob, offer.url);
    await like(alice, event.url);
    await like(bob, event.url);
    await boost(alice, resource.url);
    expect((await marie.get(`/api/offers/${offer.id}`)).body.reactions).toMatchObject({ likes: 1, boosts: 1, replies: [] });
    expect((await t.client().get(`/api/events/${event.id}`)).body.reactions).toMatchObject({ likes: 2, boosts: 0 });
    expect((await t.client().get(`/api/resources/${resource.id}`)).body.reactions).toMatchObject({ likes: 0, boosts: 1 });
  });

  it("tell the item's author, once per actor, who did it", async () => {
    const reactions = async (c: Client) =>
      ((await c.get("/api/me/notifications")).body.notifications as { kind: string; from: string; subject: { id: string } }[])
        .filter((n) => n.kind.startsWith("reactions."))
        .map((n) => `${n.kind} ${n.from} ${n.subject.id}`)
        .sort();
    expect(await reactions(marie)).toEqual([`reactions.boost Bob ${offer.id}`, `reactions.like Alice ${offer.id}`]);
    expect(await reactions(sophie)).toEqual([`reactions.boost Alice ${resource.id}`, `reactions.like Alice ${event.id}`, `reactions.like Bob ${event.id}`]);
  });

  it("an Undo takes the like back", async () => {
    const id = `${bob.id}#likes/undo-me`;
    await deliver({ id, type: "Like", actor: bob.id, object: resource.url }, bob);
    expect((await t.client().get(`/api/resources/${resource.id}`)).body.reactions.likes).toBe(1);
    await deliver({ id: `${id}/undo`, type: "Undo", actor: bob.id, object: { id, type: "Like", actor: bob.id, object: resource.url } }, bob);
    expect((await t.client().get(`/api/resources/${resource.id}`)).body.reactions.likes).toBe(0);
  });
});

describe("replies from elsewhere", () => {
  it("to an event and a resource: shown under them, and their author is told", async () => {
    await reply(alice, event.url, "<p>J'y serai, avec des croissants !</p>");
    await reply(bob, resource.url, "<p>Merci pour cette fiche <script>alert(1)</script></p>");
    const eventReplies = (await t.client().get(`/api/events/${event.id}`)).body.reactions.replies;
    expect(eventReplies).toEqual([expect.objectContaining({ contentHtml: "<p>J'y serai, avec des croissants !</p>", author: expect.objectContaining({ id: alice.id, name: "Alice" }) })]);
    const resourceReplies = (await t.client().get(`/api/resources/${resource.id}`)).body.reactions.replies;
    expect(resourceReplies).toHaveLength(1);
    expect(resourceReplies[0].contentHtml).not.toContain("script");
    const notifications = (await sophie.get("/api/me/notifications")).body.notifications;
    expect(notifications).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "fediverse.reply", from: "Alice", subject: expect.objectContaining({ type: "event", id: event.id, title: "Café des voisins" }) }),
        expect.objectContaining({ kind: "fediverse.reply", from: "Bob", subject: expect.objectContaining({ type: "resource", id: resource.id, title: "Animer un café" }) }),
      ]),
    );
  });

  it("to what the network itself said: its animators are told, under the announcement's first line", async () => {
    const posted = (await sophie.post("/api/networks/lilas/announcements", {
      content: "Assemblée des voisins jeudi à 19 h\nSalle des fêtes, entrée libre.", visibility: "public", asNetwork: true,
    })).body.announcement;
    await reply(alice, posted.url, "<p>J'y serai</p>");
    const told = (c: Client) => c.get("/api/me/notifications").then((r) => r.body.notifications.filter((x: any) => x.subject.id === posted.id));
    expect(await told(sophie)).toEqual([
      expect.objectContaining({ kind: "fediverse.reply", from: "Alice", subject: expect.objectContaining({ type: "announcement", title: "Assemblée des voisins jeudi à 19 h" }) }),
    ]);
    expect(await told(marie)).toEqual([]);
  });

  it("the same reply delivered again tells no one twice", async () => {
    const before = (await sophie.get("/api/me/notifications")).body.notifications.length;
    const id = `${alice.id}/statuses/again`;
    const create = { id: `${id}/activity`, type: "Create", actor: alice.id, to: [PUBLIC], object: { id, type: "Note", attributedTo: alice.id, inReplyTo: event.url, content: "<p>Encore moi</p>", to: [PUBLIC] } };
    await deliver(create, alice);
    await deliver({ ...create, id: `${id}/activity-2` }, alice);
    expect((await sophie.get("/api/me/notifications")).body.notifications.length).toBe(before + 1);
  });

  it("a followers-only reply is shown to the network's members only", async () => {
    await reply(bob, event.url, "<p>Réservé aux abonnés</p>", [`${bob.id}/followers`]);
    const asStranger = (await t.client().get(`/api/events/${event.id}`)).body.reactions.replies;
    const asMember = (await marie.get(`/api/events/${event.id}`)).body.reactions.replies;
    expect(asStranger.map((r: any) => r.contentHtml)).not.toContain("<p>Réservé aux abonnés</p>");
    expect(asMember.map((r: any) => r.contentHtml)).toContain("<p>Réservé aux abonnés</p>");
  });

  it("a reply to an item that does not exist: acknowledged, nobody told, nothing shown", async () => {
    const before = (await sophie.get("/api/me/notifications")).body.notifications.length;
    const ghost = `${APP_ORIGIN}/n/lilas/e/00000000-0000-4000-8000-000000000000`;
    await reply(alice, ghost, "<p>Allô ?</p>");
    expect((await sophie.get("/api/me/notifications")).body.notifications.length).toBe(before);
    expect((await t.client().get(`/api/events/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });
});
