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

// The same for the other kinds an animator can hide: an announcement, an
// event and a resource (public, so federated), a message of an offer's
// conversation, and a reply from elsewhere under one of our announcements.
describe("a hidden announcement, event, resource, message and reply from elsewhere", () => {
  const W = "Brunehilde";
  let announcement: any;
  let event: any;
  let resource: any;
  let kept: any;
  let replyId: string;
  let messageId: string;
  let withdrawn: any[];

  async function hideFromQueue(reporter: Client, subjectType: string, subjectId: string) {
    expect((await reporter.post("/api/reports", { subjectType, subjectId, reason: "promotion" })).status, subjectType).toBe(201);
    const report = (await sophie.get("/api/networks/lilas/moderation")).body.reports.find((r: any) => r.subject.id === subjectId);
    const res = await sophie.post(`/api/networks/lilas/moderation/reports/${report.id}/actions`, { action: "hide", reason: `Publicité (${subjectType})` });
    expect(res.status, `${subjectType}: ${res.text}`).toBe(200);
  }

  beforeAll(async () => {
    expect((await sophie.request("PUT", "/api/networks/lilas/commons/settings", { membersMayAdd: true })).status).toBe(200);
    const posted = await marie.post("/api/networks/lilas/announcements", { content: `Annonce ${W} : promo chez mon cousin`, visibility: "public" });
    expect(posted.status, posted.text).toBe(201);
    announcement = posted.body.announcement;
    kept = (await marie.post("/api/networks/lilas/announcements", { content: "Merci pour la fête !", visibility: "public" })).body.announcement;
    const created = await sophie.post("/api/networks/lilas/events", { kind: "atelier", title: `Atelier ${W}`, startsAt: "2030-03-06T10:00", endsAt: "2030-03-06T12:00", place: { name: "Salle" }, visibility: "public" });
    expect(created.status, created.text).toBe(201);
    event = created.body.events[0];
    await sophie.post("/api/networks/lilas/events", { kind: "cafe", title: "Café du mois", startsAt: "2030-03-07T10:00", endsAt: "2030-03-07T12:00", place: { name: "Salle" }, visibility: "public" });
    const added = await marie.post("/api/networks/lilas/commons", { kind: "fiche", title: `Fiche ${W}`, body: `Tout sur ${W}`, visibility: "public" });
    expect(added.status, added.text).toBe(201);
    resource = added.body.resource;
    await t.drain();
    // Alice replies under the announcement that stays.
    replyId = `${alice.id}/statuses/77`;
    const create = {
      "@context": "https://www.w3.org/ns/activitystreams", id: `${replyId}/activity`, type: "Create", actor: alice.id,
      object: { id: replyId, type: "Note", attributedTo: alice.id, inReplyTo: kept.url, content: `<p>Achetez ${W} !</p>`, to: "https://www.w3.org/ns/activitystreams#Public" },
    };
    expect((await t.app.request(await signedPost(`${APP_ORIGIN}/inbox`, create, alice))).status).toBe(202);
    await t.drain();
    expect((await visitor.get(`/api/announcements/${kept.id}`)).text).toContain(W);
    // Paul's message in the conversation about Marie's offer (shown again above).
    const detail = (await marie.get(`/api/offers/${hidden.id}`)).body.offer;
    messageId = detail.conversations[0].messages[0].id;

    await hideFromQueue(paul, "announcement", announcement.id);
    await hideFromQueue(paul, "event", event.id);
    await hideFromQueue(paul, "resource", resource.id);
    await hideFromQueue(paul, "remote_post", replyId);
    await hideFromQueue(marie, "message", messageId);
    withdrawn = (await t.drain()).map((d) => d.activity).filter((a) => a.type === "Delete");
  });

  it("is deleted from followers elsewhere (announcement, event, resource)", () => {
    const ids = new Set(withdrawn.map((a) => (typeof a.object === "string" ? a.object : a.object.id)));
    expect([...ids].sort()).toEqual([announcement.url, event.url, resource.url].sort());
  });

  it("is in no outbox and gone for ActivityPub clients", async () => {
    for (const path of ["/n/lilas/outbox?cursor=0", "/m/marie/outbox?cursor=0"]) {
      const text = await (await fetchAs(path, AP)).text();
      for (const item of [announcement, event, resource]) expect(text, path).not.toContain(item.id);
    }
    expect(await (await fetchAs("/n/lilas/outbox?cursor=0", AP)).text()).toContain(kept.id);
    for (const item of [announcement, event, resource]) {
      const res = await fetchAs(new URL(item.url).pathname, AP);
      expect([404, 410], item.url).toContain(res.status);
      expect(await res.text()).not.toContain(W);
    }
  });

  it("is in no list, search, feed, sheet or page for others", async () => {
    for (const client of [paul, outsider, visitor]) {
      expect((await client.get(`/api/announcements/${announcement.id}`)).status).toBe(404);
      expect((await client.get(`/api/events/${event.id}`)).status).toBe(404);
      expect((await client.get(`/api/resources/${resource.id}`)).status).toBe(404);
      for (const path of [
        "/api/networks/lilas/announcements",
        "/api/networks/lilas/events",
        "/api/networks/lilas/commons",
        `/api/networks/lilas/commons?q=${W}`,
        "/api/networks/lilas/events/feed.ics",
        "/api/networks/lilas/events/feed.rss",
        `/api/announcements/${kept.id}`,
      ]) {
        const res = await client.get(path);
        expect(res.status, path).toBe(200);
        expect(res.text, path).not.toContain(W);
      }
    }
    expect((await paul.get("/api/networks/lilas/events")).text).toContain("Café du mois");
    for (const audience of ["members", "public"]) {
      const sheet = await sophie.get(`/api/networks/lilas/print/agenda?month=2030-03&audience=${audience}`);
      expect(sheet.status).toBe(200);
      expect(sheet.text).not.toContain(W);
      expect(sheet.text).toContain("Café du mois");
    }
    // Link previews (the HTML sent to Mastodon's cards) keep the generic title.
    for (const item of [announcement, event, resource]) {
      const page = await fetchAs(new URL(item.url).pathname, "text/html");
      expect(await page.text()).not.toContain(W);
    }
  });

  it("leaves the message to its sender only", async () => {
    expect((await marie.get(`/api/offers/${hidden.id}`)).text).not.toContain(messageId);
    expect((await paul.get(`/api/offers/${hidden.id}`)).text).toContain(messageId);
  });

  it("is still there for its author, marked hidden with the reason", async () => {
    expect((await marie.get(`/api/announcements/${announcement.id}`)).body).toMatchObject({ hidden: { reason: "Publicité (announcement)" } });
    expect((await marie.get(`/api/resources/${resource.id}`)).body).toMatchObject({ hidden: { reason: "Publicité (resource)" } });
    expect((await sophie.get(`/api/events/${event.id}`)).body).toMatchObject({ hidden: { reason: "Publicité (event)" } });
    const mine = (await marie.get("/api/me/notifications")).body.notifications;
    expect(mine.filter((n: any) => n.kind === "moderation.hidden").map((n: any) => n.subject.id)).toEqual(expect.arrayContaining([announcement.id, resource.id]));
  });

  it("asks for a review, and shown again comes back (Create)", async () => {
    expect((await marie.post(`/api/hidden/announcement/${announcement.id}/review`, { note: "C'était un don" })).status).toBe(200);
    const queue = (await sophie.get("/api/networks/lilas/moderation")).body;
    expect(JSON.stringify(queue)).toContain(announcement.id);
    expect((await sophie.post(`/api/networks/lilas/moderation/hidden/announcement/${announcement.id}/unhide`, { reason: "Vu" })).status).toBe(200);
    const creates = (await t.drain()).map((d) => d.activity).filter((a) => a.type === "Create" || a.type === "Announce");
    expect(JSON.stringify(creates)).toContain(announcement.id);
    expect((await visitor.get("/api/networks/lilas/announcements")).text).toContain(announcement.id);
    expect((await fetchAs(new URL(announcement.url).pathname, AP)).status).toBe(200);
  });
});
