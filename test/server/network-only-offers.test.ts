// A `network` offer never leaves the instance. Through the whole app (API,
// search, federation, queue), its secret is in no delivery, no queued
// message, no outbox, no ActivityPub fetch, no notification of outsiders,
// no member profile or home for outsiders, and no search result for them;
// its URL still gives members the web page. Its photo is not served to them either.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { networkTable, partnershipTable, remoteActorTable } from "../../db/schema/index.ts";
import { joinWith, withNetwork, type Client } from "../helpers/app.ts";
import { APP_ORIGIN, createFederatedTestApp, WEB_PAGE, type FederatedTestApp } from "../helpers/federated-app.ts";
import { signedPost, type RemoteActorKeys } from "../federation/support/fake-fediverse.ts";

const SECRET = "Clé du local vélos chez la gardienne, code 4812";
const AP = "application/activity+json";

let t: FederatedTestApp;
let marie: Client;
let paul: Client;
let outsider: Client;
let visitor: Client;
let alice: RemoteActorKeys;
const queuedMessages: unknown[] = [];
const delivered: any[] = [];
let secret: any;
let open: any;
let photoUrl: string;
let partnersOnly: any;

const fetchAs = (path: string, accept: string) => t.app.request(new URL(path, APP_ORIGIN).href, { headers: { accept } });

async function follow(actor: RemoteActorKeys, path: string) {
  const activity = { "@context": "https://www.w3.org/ns/activitystreams", id: `${actor.id}#follow${path}`, type: "Follow", actor: actor.id, object: `${APP_ORIGIN}${path}` };
  expect((await t.app.request(await signedPost(`${APP_ORIGIN}${path}/inbox`, activity, actor))).status).toBe(202);
}

beforeAll(async () => {
  t = await createFederatedTestApp();
  const admin = await withNetwork(t);
  await admin.post("/api/networks", { slug: "voisins", name: "Les Voisins" });
  const sophie = await joinWith(t, admin, "sophie", "lilas", "animator");
  marie = await joinWith(t, sophie, "marie");
  paul = await joinWith(t, sophie, "paul");
  outsider = await joinWith(t, admin, "olivier", "voisins");
  visitor = t.client();
  await t.seedKeysOf("network", "lilas");
  await t.seedKeysOf("member", "marie");
  alice = await t.remote.addActor({ id: "https://mastodon.example/users/alice" });
  const erin = await t.remote.addActor({ id: "https://misskey.example/users/erin", sharedInbox: null });
  const partner = await t.remote.addActor({ id: "https://ailleurs.example/n/fontaine", type: "Group", sharedInbox: null });
  await follow(alice, "/n/lilas");
  await follow(erin, "/m/marie");
  const [lilas] = await t.db.select().from(networkTable);
  await t.db.insert(remoteActorTable).values({ id: partner.id, type: "Group", host: "ailleurs.example", inbox: partner.inbox });
  await t.db.insert(partnershipTable).values({ networkId: lilas.id, partnerActorId: partner.id, state: "active" });
  await t.drain();

  const queued = () => queuedMessages.push(...t.queue.entries.map((e) => e.message));
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#123" } }).png().toBuffer();
  const photo = (await marie.upload("/api/networks/lilas/media", png, "local.png")).body.media;
  secret = (await marie.post("/api/networks/lilas/offers", { kind: "offer", theme: "pret-de-materiel", title: "Clé du local", body: SECRET, visibility: "network", media: [photo.id] })).body.offer;
  photoUrl = secret.photos[0].url;
  open = (await marie.post("/api/networks/lilas/offers", { kind: "offer", theme: "don", title: "Vide-grenier", visibility: "public" })).body.offer;
  partnersOnly = (await marie.post("/api/networks/lilas/offers", { kind: "request", theme: "don", title: "Pour nos partenaires", visibility: "partners" })).body.offer;
  queued();
  delivered.push(...(await t.drain()).map((d) => d.activity));
  // Its whole life: edited, answered, agreed, done, withdrawn after renewal.
  await marie.patch(`/api/offers/${secret.id}`, { body: `${SECRET} (nouveau)` });
  const conv = (await paul.post(`/api/offers/${secret.id}/responses`, { message: "Merci !" })).body.offer.conversations[0];
  await marie.post(`/api/offers/${secret.id}/agree`, { conversations: [conv.id] });
  await marie.post(`/api/offers/${secret.id}/done`);
  queued();
  delivered.push(...(await t.drain()).map((d) => d.activity));
});
afterAll(() => t.close());

describe("a network-only offer", () => {
  it("is in no queued message and no delivery, while the others were delivered", () => {
    expect(delivered.map((m) => `${m.type} ${m.actor}`).sort()).toEqual([
      `Announce ${APP_ORIGIN}/n/lilas`, // the public one, to alice
      `Announce ${APP_ORIGIN}/n/lilas`, // the partners one, to the partner
      `Create ${APP_ORIGIN}/m/marie`, // the public one, to erin
    ]);
    const everything = JSON.stringify([queuedMessages, delivered]);
    expect(everything).toContain("Vide-grenier");
    // Words of the secret, not its four digits alone: those turned up in a
    // proof's timestamp ("…20:56:46.481205946Z").
    expect(everything).not.toContain("gardienne");
    expect(everything).not.toContain("code 4812");
    expect(everything).not.toContain(secret.id);
  });

  it("is in no outbox", async () => {
    for (const path of ["/n/lilas/outbox?cursor=0", "/m/marie/outbox?cursor=0", "/n/lilas/outbox", "/m/marie/outbox"]) {
      const res = await fetchAs(path, AP);
      expect(res.status).toBe(200);
      expect(await res.text()).not.toContain(secret.id);
    }
    expect(await (await fetchAs("/n/lilas/outbox?cursor=0", AP)).text()).toContain(open.id);
  });

  it("is 404 to ActivityPub clients, signed or not, while its page is there for browsers", async () => {
    const path = new URL(secret.url).pathname;
    for (const accept of [AP, 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"']) {
      const res = await fetchAs(path, accept);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain("code 4812");
    }
    const { signRequest } = await import("@fedify/fedify");
    const signed = await signRequest(new Request(secret.url, { headers: { accept: AP } }), alice.privateKey, new URL(alice.keyId));
    expect((await t.app.request(signed)).status).toBe(404);
    const page = await fetchAs(path, "text/html,application/xhtml+xml");
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(WEB_PAGE);
    // The public one is served as a Note; the partners one only to signed requests from partner instances.
    expect((await fetchAs(new URL(open.url).pathname, AP)).status).toBe(200);
    expect((await fetchAs(new URL(partnersOnly.url).pathname, AP)).status).toBe(401);
    const byAlice = await signRequest(new Request(partnersOnly.url, { headers: { accept: AP } }), alice.privateKey, new URL(alice.keyId));
    expect((await t.app.request(byAlice)).status).toBe(401);
  });

  it("is invisible to non-members in the API: by id, in lists, in search, on profiles and the home", async () => {
    for (const client of [outsider, visitor]) {
      expect((await client.get(`/api/offers/${secret.id}`)).status).toBe(404);
      for (const path of [
        "/api/networks/lilas/offers",
        "/api/networks/lilas/offers?status=done",
        "/api/networks/lilas/offers?q=local&sort=relevance",
        "/api/networks/lilas/offers?q=gardienne",
        "/api/networks/lilas/members/marie/offers",
        "/api/networks/lilas/offers/home",
      ]) {
        const res = await client.get(path);
        expect(res.status, path).toBe(200);
        expect(res.text, path).not.toContain(secret.id);
        expect(res.text, path).not.toContain("code 4812");
      }
      expect((await client.get("/api/networks/lilas/offers")).text).toContain(open.id);
    }
    expect((await paul.get("/api/networks/lilas/offers?q=gardienne&status=done")).text).toContain(secret.id);
    expect((await outsider.get("/api/me/notifications")).text).not.toContain(secret.id);
  });

  it("its photo is served to members only", async () => {
    const path = new URL(photoUrl).pathname;
    expect((await visitor.get(path)).status).toBeGreaterThanOrEqual(401);
    expect((await outsider.get(path)).status).toBeGreaterThanOrEqual(401);
    expect((await paul.get(path)).status).toBe(200);
  });

  it("a Mastodon reply to it is not taken as an interest", async () => {
    const reply = {
      "@context": "https://www.w3.org/ns/activitystreams", id: `${alice.id}/statuses/9/activity`, type: "Create", actor: alice.id,
      object: { id: `${alice.id}/statuses/9`, type: "Note", attributedTo: alice.id, inReplyTo: secret.url, content: "<p>Je devine ?</p>", to: `${APP_ORIGIN}/m/marie` },
    };
    expect((await t.app.request(await signedPost(`${APP_ORIGIN}/inbox`, reply, alice))).status).toBe(202);
    await t.drain();
    expect((await marie.get(`/api/offers/${secret.id}`)).text).not.toContain("Je devine");
  });
});
