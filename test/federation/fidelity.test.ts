// What a follower on each family of fediverse software sees of each of our
// object kinds (announcement, offer, event, resource), according to that
// software's parsing rules as found in its source (support/readers.ts, one
// reader per family, each citing the files it models). The objects are the
// ones we really deliver (and serve at their ids), from the whole app.
//
// Also: the network's boost carries the object's id, served objects say
// Public in full, and a deleted item answers 410 Gone with a Tombstone.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinWith, withNetwork, type Client } from "../helpers/app.ts";
import { APP_ORIGIN, createFederatedTestApp, type FederatedTestApp } from "../helpers/federated-app.ts";
import { signedPost } from "./support/fake-fediverse.ts";
import { akkoma, fedifyBased, gotosocial, mastodon, misskey, mobilizonEvent } from "./support/readers.ts";

const AP = { accept: "application/activity+json" };
const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
type Json = Record<string, any>;

let t: FederatedTestApp;
let sophie: Client; // animator of lilas
let marie: Client;
let delivered: Json[] = [];
const objects: Record<"announcement" | "offer" | "event" | "resource", Json> = {} as never;

const served = async (id: string) => {
  const res = await t.app.request(new URL(id).pathname, { headers: AP });
  return { status: res.status, body: (await res.json()) as Json };
};
/** The object a follower reads: embedded in the Create, or fetched at its id for the Group's Announce. */
async function objectOf(id: string): Promise<Json> {
  const create = delivered.find((a) => a.type === "Create" && typeof a.object === "object" && a.object.id === id);
  return create ? create.object : (await served(id)).body;
}

beforeAll(async () => {
  t = await createFederatedTestApp();
  const admin = await withNetwork(t);
  sophie = await joinWith(t, admin, "sophie", "lilas", "animator");
  marie = await joinWith(t, sophie, "marie", "lilas");
  await t.seedKeysOf("network", "lilas");
  await t.seedKeysOf("member", "marie");
  // A follower elsewhere, so that public items are delivered.
  const alice = await t.remote.addActor({ id: "https://mastodon.example/users/alice" });
  const follow = { "@context": "https://www.w3.org/ns/activitystreams", id: "https://mastodon.example/follows/1", type: "Follow", actor: alice.id, object: `${APP_ORIGIN}/n/lilas` };
  expect((await t.app.request(await signedPost(`${APP_ORIGIN}/inbox`, follow, alice))).status).toBe(202);
  await t.drain();

  const photo = (await sophie.upload("/api/networks/lilas/media", await sharp({ create: { width: 64, height: 48, channels: 3, background: "#3a7" } }).jpeg().toBuffer(), "cafe.jpg")).body.media;
  const announcement = (await marie.post("/api/networks/lilas/announcements", { content: "Je donne des plants de tomates.\n\nÀ venir chercher.", visibility: "public" })).body.announcement;
  const offer = (await marie.post("/api/networks/lilas/offers", {
    kind: "offer", theme: "pret-de-materiel", title: "Perceuse à prêter", body: "Avec ses mèches.", place: "Bâtiment C", visibility: "public",
  })).body.offer;
  const event = (await sophie.post("/api/networks/lilas/events", {
    kind: "cafe", title: "Café des voisins", body: "On se retrouve autour d'un café.\n\nApportez vos idées !",
    startsAt: "2027-02-06T10:00", endsAt: "2027-02-06T12:00", place: { name: "Salle des fêtes", street: "2 rue des Lilas", postalCode: "44000", locality: "Nantes" },
    visibility: "public", photo: photo.id,
  })).body.events[0];
  const resource = (await sophie.post("/api/networks/lilas/commons", {
    kind: "fiche", title: "Animer un café-rencontre", summary: "Accueillir et relier les voisins", body: "Prévoir des **badges** avec les prénoms.", tags: ["café"], visibility: "public",
  })).body.resource;
  delivered = (await t.drain()).map((d) => d.activity as Json);
  objects.announcement = await objectOf(announcement.url);
  objects.offer = await objectOf(offer.url);
  objects.event = await objectOf(`${APP_ORIGIN}/n/lilas/e/${event.id}`);
  objects.resource = await objectOf(resource.url);
});
afterAll(() => t.close());

const textOf = (html: string) => html.replace(/<[^>]*>/g, " ").replace(/&#39;/g, "'").replace(/&amp;/g, "&").replace(/\s+/g, " ");

describe("Mastodon", () => {
  it("shows announcements and offers fully, without a content warning", () => {
    for (const kind of ["announcement", "offer"] as const) expect(mastodon(objects[kind])).toMatchObject({ contentWarning: "", sensitive: false });
    expect(textOf(mastodon(objects.announcement)!.text)).toContain("Je donne des plants de tomates.");
    expect(textOf(mastodon(objects.offer)!.text)).toContain("Je propose : Perceuse à prêter");
  });

  it("shows an event as its title, the French date, time and place and the first lines, with the photo and its description", () => {
    const seen = mastodon(objects.event)!;
    expect(seen.contentWarning).toBe("");
    expect(seen.text).toContain("<h2>Café des voisins</h2>");
    expect(seen.text).toContain("samedi 6 février 2027, de 10 h à 12 h — Salle des fêtes, 2 rue des Lilas, 44000 Nantes");
    expect(seen.text).toContain("On se retrouve autour d'un café.");
    expect(seen.text).toContain(objects.event.id);
    expect(seen.pictures).toEqual([expect.objectContaining({ description: "Café des voisins" })]);
    expect(seen.hashtags).toEqual(expect.arrayContaining(["RendezVous", "LesLilas"]));
  });

  it("shows a resource as its title and subtitle with the link", () => {
    const seen = mastodon(objects.resource)!;
    expect(seen.text).toContain("<h2>Animer un café-rencontre</h2>");
    expect(seen.text).toContain("Accueillir et relier les voisins");
    expect(seen.contentWarning).toBe("");
  });
});

describe("GoToSocial", () => {
  it("shows every kind's whole post; a named object's name is its topic line (GoToSocial's rule), never our date or subtitle", () => {
    for (const kind of ["announcement", "offer", "event", "resource"] as const) expect(gotosocial(objects[kind]), kind).not.toBeNull();
    expect(gotosocial(objects.announcement)!.contentWarning).toBe("");
    expect(gotosocial(objects.event)!.contentWarning).toBe("Café des voisins");
    expect(gotosocial(objects.resource)!.contentWarning).toBe("Animer un café-rencontre");
    expect(textOf(gotosocial(objects.event)!.text)).toContain("🗓 samedi 6 février 2027, de 10 h à 12 h 📍 Salle des fêtes");
    expect(textOf(gotosocial(objects.resource)!.text)).toContain("Accueillir et relier les voisins");
    expect(textOf(gotosocial(objects.resource)!.text)).toContain("licence CC BY-SA 4.0");
  });
});

describe("Misskey", () => {
  it("shows every kind as a post with no content warning: title, date and place, text, licence", () => {
    for (const kind of ["announcement", "offer", "event", "resource"] as const) expect(misskey(objects[kind]), kind).toMatchObject({ contentWarning: "" });
    expect(misskey(objects.event)!.text).toContain("Café-rencontre : Café des voisins");
    expect(misskey(objects.event)!.text).toContain("samedi 6 février 2027, de 10 h à 12 h");
    expect(misskey(objects.resource)!.text).toContain("Fiche : Animer un café-rencontre");
    expect(misskey(objects.resource)!.text).toContain("licence CC BY-SA 4.0");
    expect(misskey(objects.event)!.pictures).toHaveLength(1);
  });
});

describe("Pleroma / Akkoma", () => {
  it("shows every kind with no spoiler; a resource's title links to it", () => {
    for (const kind of ["announcement", "offer", "event", "resource"] as const) expect(akkoma(objects[kind]), kind).toMatchObject({ contentWarning: "" });
    expect(akkoma(objects.resource)!.text).toContain(`<a href="${objects.resource.url}">Animer un café-rencontre</a>`);
    expect(textOf(akkoma(objects.event)!.text)).toContain("Salle des fêtes, 2 rue des Lilas, 44000 Nantes");
  });
});

describe("a Fedify-based server (BotKit, Hollo)", () => {
  it("shows announcements, offers and resources; drops Events (it takes Note, Article, ChatMessage, Question only)", () => {
    expect(fedifyBased(objects.announcement)).toMatchObject({ contentWarning: "" });
    expect(fedifyBased(objects.offer)).toMatchObject({ contentWarning: "" });
    expect(textOf(fedifyBased(objects.resource)!.text)).toContain("Prévoir des badges avec les prénoms.");
    expect(fedifyBased(objects.event)).toBeNull();
  });
});

describe("Mobilizon", () => {
  it("keeps the event with its times, place, banner, tags, join mode and status", () => {
    // The delivered Event is the vocabulary's part; Mobilizon reads the rest at its id.
    const full = mobilizonEvent(objects.event)!;
    expect(full).toMatchObject({ title: "Café des voisins", place: "Salle des fêtes" });
    expect(textOf(full.description)).toContain("On se retrouve autour d'un café.");
    expect(full.banner).toMatch(/\/media\//);
    expect(full.tags).toContain("RendezVous");
  });

  it("at its id: offsets, postal address, joinMode and ical:status", async () => {
    const seen = mobilizonEvent((await served(objects.event.id)).body)!;
    expect(seen).toMatchObject({
      beginsOn: "2027-02-06T10:00:00+01:00",
      endsOn: "2027-02-06T12:00:00+01:00",
      place: "Salle des fêtes, 2 rue des Lilas, 44000, Nantes",
      joinMode: "free",
      status: "CONFIRMED",
    });
    expect(mobilizonEvent(objects.announcement)).toBeNull();
  });
});

describe("clean objects", () => {
  it("the network's boost of a member's item carries the item's id, not the item", () => {
    const boosts = delivered.filter((a) => a.type === "Announce");
    expect(boosts.length).toBeGreaterThanOrEqual(2);
    for (const boost of boosts) expect(typeof boost.object).toBe("string");
    expect(boosts.map((b) => b.object)).toEqual(expect.arrayContaining([objects.announcement.id, objects.offer.id]));
  });

  it("objects served at their ids say Public in full", async () => {
    for (const kind of ["announcement", "offer", "event", "resource"] as const) {
      const { status, body } = await served(objects[kind].id);
      expect(status, kind).toBe(200);
      expect([body.to].flat(), kind).toContain(PUBLIC);
      expect(JSON.stringify(body), kind).not.toContain('"as:Public"');
    }
  });

  it("a deleted announcement and a withdrawn offer answer 410 Gone with a Tombstone", async () => {
    const announcementId = objects.announcement.id as string;
    const offerId = objects.offer.id as string;
    expect((await marie.delete(`/api/announcements/${announcementId.split("/").at(-1)}`)).status).toBe(204);
    expect((await marie.post(`/api/offers/${offerId.split("/").at(-1)}/withdraw`)).status).toBeLessThan(300);
    await t.drain();
    for (const [id, formerType] of [[announcementId, "Note"], [offerId, "Note"]]) {
      const res = await t.app.request(new URL(id).pathname, { headers: AP });
      expect(res.status, id).toBe(410);
      expect(await res.json()).toMatchObject({ type: "Tombstone", id, formerType });
    }
    // Never an object that did not exist, nor a browser.
    expect((await t.app.request("/n/lilas/a/00000000-0000-4000-8000-000000000000", { headers: AP })).status).toBe(404);
    expect((await t.app.request(new URL(announcementId).pathname, { headers: { accept: "text/html" } })).status).not.toBe(410);
  });
});
