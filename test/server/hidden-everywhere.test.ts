// An offer hidden by the animators disappears from every surface where
// someone else would meet it: the API (by id, lists, search, home, profile),
// the printed sheet, notifications, ActivityPub (object, outboxes) and its
// photo; followers elsewhere receive a Delete. Its author still sees it,
// marked hidden with the reason. Shown again, it comes back (Create).
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinWith, withNetwork, type Client } from "../helpers/app.ts";
import { APP_ORIGIN, createFederatedTestApp, type FederatedTestApp } from "../helpers/federated-app.ts";
import { signedPost, type RemoteActorKeys } from "../federation/support/fake-fediverse.ts";

const WORD = "Zéphyrine";
const AP = "application/activity+json";

let t: FederatedTestApp;
let admin: Client;
let sophie: Client;
let marie: Client;
let paul: Client;
let outsider: Client;
let visitor: Client;
let alice: RemoteActorKeys;
let hidden: any;
let other: any;
let photoPath: string;
let deletes: any[];

const fetchAs = (path: string, accept: string) => t.app.request(new URL(path, APP_ORIGIN).href, { headers: { accept } });

async function follow(actor: RemoteActorKeys, path: string) {
  const activity = { "@context": "https://www.w3.org/ns/activitystreams", id: `${actor.id}#follow${path}`, type: "Follow", actor: actor.id, object: `${APP_ORIGIN}${path}` };
  expect((await t.app.request(await signedPost(`${APP_ORIGIN}${path}/inbox`, activity, actor))).status).toBe(202);
}

beforeAll(async () => {
  t = await createFederatedTestApp();
  admin = await withNetwork(t);
  await admin.post("/api/networks", { slug: "voisins", name: "Les Voisins" });
  sophie = await joinWith(t, admin, "sophie", "lilas", "animator");
  marie = await joinWith(t, sophie, "marie");
  paul = await joinWith(t, sophie, "paul");
  outsider = await joinWith(t, admin, "olivier", "voisins");
  visitor = t.client();
  await t.seedKeysOf("network", "lilas");
  await t.seedKeysOf("member", "marie");
  alice = await t.remote.addActor({ id: "https://mastodon.example/users/alice" });
  await follow(alice, "/n/lilas");
  await follow(alice, "/m/marie");
  await t.drain();
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#456" } }).png().toBuffer();
  const photo = (await marie.upload("/api/networks/lilas/media", png, "creme.png")).body.media;
  hidden = (await marie.post("/api/networks/lilas/offers", { kind: "offer", theme: "don", title: `Crème ${WORD}`, body: `La crème ${WORD}, 30 € le pot`, visibility: "public", media: [photo.id] })).body.offer;
  photoPath = new URL(hidden.photos[0].url).pathname;
  other = (await marie.post("/api/networks/lilas/offers", { kind: "offer", theme: "don", title: "Un vrai don", visibility: "public" })).body.offer;
  await paul.post(`/api/offers/${hidden.id}/responses`, { message: "Combien ?" });
  await t.drain();
  // Reported, then hidden from the queue.
  await paul.post("/api/reports", { subjectType: "offer", subjectId: hidden.id, reason: "promotion" });
  const [report] = (await sophie.get("/api/networks/lilas/moderation")).body.reports;
  const res = await sophie.post(`/api/networks/lilas/moderation/reports/${report.id}/actions`, { action: "hide", reason: "Vente : contraire à la gratuité" });
  expect(res.status).toBe(200);
  deletes = (await t.drain()).map((d) => d.activity).filter((a) => a.type === "Delete");
});
afterAll(() => t.close());

describe("a hidden offer", () => {
  it("is deleted from followers elsewhere", () => {
    const ids = deletes.map((a) => (typeof a.object === "string" ? a.object : a.object.id));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => id === hidden.url)).toBe(true);
  });

  it("is in no outbox and is gone for ActivityPub clients (410 Tombstone)", async () => {
    for (const path of ["/n/lilas/outbox?cursor=0", "/m/marie/outbox?cursor=0"]) {
      const res = await fetchAs(path, AP);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).not.toContain(hidden.id);
      expect(text).toContain(other.id);
    }
    // Deleted elsewhere, so a Tombstone (410 Gone) like any deleted object.
    const res = await fetchAs(new URL(hidden.url).pathname, AP);
    expect([404, 410]).toContain(res.status);
    expect(await res.text()).not.toContain(WORD);
  });

  it("is in no API surface for members, other networks' members and visitors", async () => {
    for (const client of [paul, outsider, visitor]) {
      expect((await client.get(`/api/offers/${hidden.id}`)).status).toBe(404);
      for (const path of [
        "/api/networks/lilas/offers",
        `/api/networks/lilas/offers?q=${encodeURIComponent(WORD)}`,
        `/api/networks/lilas/offers?q=${encodeURIComponent(WORD)}&sort=relevance`,
        "/api/networks/lilas/offers?status=open",
        "/api/networks/lilas/members/marie/offers",
        "/api/networks/lilas/offers/home",
      ]) {
        const res = await client.get(path);
        expect(res.status, path).toBe(200);
        expect(res.text, path).not.toContain(hidden.id);
        expect(res.text, path).not.toContain(WORD);
      }
      expect((await client.get("/api/networks/lilas/offers?status=hidden")).status).toBe(400);
      expect((await client.get(photoPath)).status).toBeGreaterThanOrEqual(401);
    }
    expect((await paul.get("/api/networks/lilas/offers")).text).toContain(other.id);
  });

  it("is on no printed sheet, even the animators'", async () => {
    for (const audience of ["members", "public"]) {
      const res = await sophie.get(`/api/networks/lilas/print/offers?audience=${audience}`);
      expect(res.status).toBe(200);
      expect(res.text).not.toContain(WORD);
      expect(res.text).toContain("Un vrai don");
    }
  });

  it("leaves no notification about it but the author's", async () => {
    for (const client of [paul, outsider, sophie]) {
      const res = await client.get("/api/me/notifications");
      expect(res.text).not.toContain(hidden.id);
    }
    const mine = (await marie.get("/api/me/notifications")).body.notifications;
    expect(mine.filter((n: any) => n.subject.id === hidden.id).map((n: any) => n.kind)).toEqual(["moderation.hidden"]);
  });

  it("is still there for its author, marked hidden with the reason, photo included", async () => {
    const res = await marie.get(`/api/offers/${hidden.id}`);
    expect(res.body.offer).toMatchObject({ status: "hidden", hidden: { reason: "Vente : contraire à la gratuité" } });
    expect((await marie.get(photoPath)).status).toBe(200);
  });

  it("shown again, it is back in the lists and published again", async () => {
    expect((await sophie.post(`/api/networks/lilas/moderation/hidden/offer/${hidden.id}/unhide`, { reason: "Erreur" })).status).toBe(200);
    const creates = (await t.drain()).map((d) => d.activity).filter((a) => a.type === "Create" || a.type === "Announce");
    expect(JSON.stringify(creates)).toContain(hidden.id);
    expect((await visitor.get("/api/networks/lilas/offers")).text).toContain(hidden.id);
    expect((await visitor.get(photoPath)).status).toBe(200);
  });
});
