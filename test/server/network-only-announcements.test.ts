// `network` visibility never leaves the instance: through the whole app (API,
// federation, queue), a network-only announcement is in no delivery, no
// queued message, no outbox, no ActivityPub fetch, and no API answer to
// outsiders. Its URL still gives members the web page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { networkTable, partnershipTable, remoteActorTable } from "../../db/schema/index.ts";
import { joinWith, withNetwork, type Client } from "../helpers/app.ts";
import { APP_ORIGIN, createFederatedTestApp, WEB_PAGE, type FederatedTestApp } from "../helpers/federated-app.ts";
import { signedPost, type RemoteActorKeys } from "../federation/support/fake-fediverse.ts";

const SECRET = "Code du local à vélos : 48Q1Z2";
const AP = "application/activity+json";

let t: FederatedTestApp;
let admin: Client;
let sophie: Client;
let marie: Client;
let outsider: Client;
let alice: RemoteActorKeys;
let erin: RemoteActorKeys;
const queuedMessages: unknown[] = [];
const delivered: any[] = [];
let secret: { id: string; url: string };
let open: { id: string; url: string };

const fetchAs = (path: string, accept: string) => t.app.request(new URL(path, APP_ORIGIN).href, { headers: { accept } });

async function follow(actor: RemoteActorKeys, path: string) {
  const activity = { "@context": "https://www.w3.org/ns/activitystreams", id: `${actor.id}#follow/${path}`, type: "Follow", actor: actor.id, object: `${APP_ORIGIN}${path}` };
  const res = await t.app.request(await signedPost(`${APP_ORIGIN}${path}/inbox`, activity, actor));
  expect(res.status).toBe(202);
}

beforeAll(async () => {
  t = await createFederatedTestApp();
  admin = await withNetwork(t);
  await admin.post("/api/networks", { slug: "voisins", name: "Les Voisins" });
  sophie = await joinWith(t, admin, "sophie", "lilas", "animator");
  marie = await joinWith(t, sophie, "marie");
  outsider = await joinWith(t, admin, "olivier", "voisins");
  await t.seedKeysOf("network", "lilas");
  await t.seedKeysOf("member", "marie");
  alice = await t.remote.addActor({ id: "https://mastodon.example/users/alice" });
  erin = await t.remote.addActor({ id: "https://misskey.example/users/erin", sharedInbox: null });
  const partner = await t.remote.addActor({ id: "https://ailleurs.example/n/fontaine", type: "Group", sharedInbox: null });
  await follow(alice, "/n/lilas");
  await follow(erin, "/m/marie");
  const [lilas] = await t.db.select().from(networkTable);
  await t.db.insert(remoteActorTable).values({ id: partner.id, type: "Group", host: "ailleurs.example", inbox: partner.inbox });
  await t.db.insert(partnershipTable).values({ networkId: lilas.id, partnerActorId: partner.id, state: "active" });
  expect((await t.drain()).map((d) => d.activity.type)).toEqual(["Accept", "Accept"]);

  const queued = () => queuedMessages.push(...t.queue.entries.map((e) => e.message));
  secret = (await marie.post("/api/networks/lilas/announcements", { content: SECRET, visibility: "network" })).body.announcement;
  open = (await marie.post("/api/networks/lilas/announcements", { content: "Vide-grenier dimanche", visibility: "public" })).body.announcement;
  await sophie.post("/api/networks/lilas/announcements", { content: "Pour nos partenaires", visibility: "partners", asNetwork: true });
  queued();
  delivered.push(...(await t.drain()).map((d) => d.activity));
  expect(await marie.patch(`/api/announcements/${secret.id}`, { content: `${SECRET} (nouveau)` })).toMatchObject({ status: 200 });
  queued();
  delivered.push(...(await t.drain()).map((d) => d.activity));
});
afterAll(() => t.close());

describe("a network-only announcement", () => {
  it("is in no queued message and no delivery, while the others were delivered", async () => {
    expect(delivered.map((m) => `${m.type} ${m.actor}`).sort()).toEqual([
      `Announce ${APP_ORIGIN}/n/lilas`, // marie's public one, to alice
      `Create ${APP_ORIGIN}/m/marie`, // to erin
      `Create ${APP_ORIGIN}/n/lilas`, // the partners one, to the partner
    ]);
    const everything = JSON.stringify([queuedMessages, delivered]);
    expect(everything).toContain("Vide-grenier");
    expect(everything).not.toContain("48Q1Z2");
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
      expect(await res.text()).not.toContain("48Q1Z2");
    }
    const signed = new Request(secret.url, { headers: { accept: AP } });
    const { signRequest } = await import("@fedify/fedify");
    expect((await t.app.request(await signRequest(signed, alice.privateKey, new URL(alice.keyId)))).status).toBe(404);
    // Only the web page is withheld from ActivityPub clients: redirects still lead them on.
    expect((await fetchAs("/@marie", AP)).status).toBe(301);
    const page = await fetchAs(path, "text/html,application/xhtml+xml");
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(WEB_PAGE);
  });

  it("is invisible to non-members through the API", async () => {
    for (const client of [outsider, t.client()]) {
      expect((await client.get(`/api/announcements/${secret.id}`)).status).toBe(404);
      const listed = await client.get("/api/networks/lilas/announcements");
      expect(listed.text).not.toContain(secret.id);
      expect(listed.text).toContain(open.id);
    }
    expect((await marie.get(`/api/announcements/${secret.id}`)).body.announcement.content).toContain("48Q1Z2");
  });

  it("its deletion sends nothing either", async () => {
    expect((await marie.delete(`/api/announcements/${secret.id}`)).status).toBe(204);
    expect(t.queue.entries).toEqual([]);
    expect(await t.drain()).toEqual([]);
  });

  it("a public one is served as a Note to ActivityPub clients and as the page to browsers", async () => {
    const path = new URL(open.url).pathname;
    const note = await fetchAs(path, AP);
    expect(note.headers.get("content-type")).toContain("application/activity+json");
    expect(await note.json()).toMatchObject({ type: "Note", id: open.url, attributedTo: `${APP_ORIGIN}/m/marie`, audience: `${APP_ORIGIN}/n/lilas` });
    // The app's page, with the announcement's link preview (a network-only one keeps the generic page).
    const html = await (await fetchAs(path, "text/html")).text();
    expect(html).toContain("<title>Vide-grenier dimanche · Les Lilas</title>");
    expect(html).toContain('<meta property="og:title" content="Vide-grenier dimanche">');
  });
});
