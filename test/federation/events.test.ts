// Events over ActivityPub, against Mobilizon's payloads (test/fixtures/mobilizon):
// our Event as Mobilizon reads it, a Mobilizon Join answered Accept (or
// Reject when full, cancelled, or from a host an allowlist network does not
// federate with), Leave, a Mobilizon Event kept, and a member joining it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Event } from "@fedify/vocab";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventParticipationTable, followingTable, networkTable, remoteEventTable } from "../../db/schema/index.ts";
import { joinWith, withNetwork, type Client } from "../helpers/app.ts";
import { APP_ORIGIN, createFederatedTestApp, type FederatedTestApp } from "../helpers/federated-app.ts";
import sharp from "sharp";
import { signedPost, type RemoteActorKeys } from "./support/fake-fediverse.ts";

const fixtures = join(import.meta.dirname, "..", "fixtures");
const load = (path: string, vars: Record<string, string> = {}): Record<string, any> => {
  let text = readFileSync(join(fixtures, path), "utf8").replaceAll("https://maillage.example", APP_ORIGIN);
  for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{{${k}}}`, v);
  return JSON.parse(text);
};
const AP = { accept: "application/activity+json" };
/** Each Join a server sends has its own id (a repeated id is processed once). */
const freshJoin = (eventId: string) => ({ ...load("mobilizon/join.json", { EVENT_UUID: eventId }), id: `https://mobilizon.example/join/event/${crypto.randomUUID()}` });

let t: FederatedTestApp;
let admin: Client;
let sophie: Client; // animator of les-tilleuls
let marie: Client;
let jeanne: RemoteActorKeys; // on Mobilizon
let alice: RemoteActorKeys; // on Mastodon, follows the network

beforeAll(async () => {
  t = await createFederatedTestApp();
  admin = await withNetwork(t, "les-tilleuls");
  sophie = await joinWith(t, admin, "sophie", "les-tilleuls", "animator");
  marie = await joinWith(t, sophie, "marie", "les-tilleuls");
  await t.seedKeysOf("network", "les-tilleuls");
  await t.seedKeysOf("member", "marie");
  const litepub = load("contexts/litepub-0.1.jsonld");
  t.remote.serve("https://litepub.social/litepub/context.jsonld", litepub);
  const actor = load("mobilizon/actor.json");
  jeanne = await t.remote.addActor({ id: actor.id, keyId: actor.publicKey.id, document: actor });
  alice = await t.remote.addActor({ id: "https://mastodon.example/users/alice" });
  await deliver({ "@context": "https://www.w3.org/ns/activitystreams", id: "https://mastodon.example/follows/1", type: "Follow", actor: alice.id, object: `${APP_ORIGIN}/n/les-tilleuls` }, alice);
});
afterAll(() => t.close());

async function deliver(activity: Record<string, any>, signer: RemoteActorKeys = jeanne) {
  const res = await t.app.request(await signedPost(`${APP_ORIGIN}/inbox`, activity, signer));
  expect(res.status, await res.clone().text()).toBe(202);
  return t.drain();
}

const newEvent = async (extra: Record<string, unknown> = {}) =>
  (
    await sophie.post("/api/networks/les-tilleuls/events", {
      kind: "atelier",
      title: "Atelier compost",
      body: "On apprend à composter en pied d'immeuble.",
      startsAt: "2027-04-10T10:00",
      endsAt: "2027-04-10T12:00",
      place: { name: "Devant le bâtiment B", street: "12 allée des Tilleuls", postalCode: "44300", locality: "Nantes" },
      visibility: "public",
      ...extra,
    })
  ).body.events[0];

const fetchObject = async (id: string) => {
  const res = await t.app.request(`/n/les-tilleuls/e/${id}`, { headers: AP });
  return { status: res.status, body: res.status === 200 ? ((await res.json()) as Record<string, any>) : null };
};

describe("our events as Mobilizon reads them", () => {
  it("serves a Mobilizon-compatible Event with a readable post, the French line in summaryMap, offsets and the schema.org terms", async () => {
    const event = await newEvent({ capacity: 20 });
    const { status, body } = await fetchObject(event.id);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: `${APP_ORIGIN}/n/les-tilleuls/e/${event.id}`,
      type: "Event",
      name: "Atelier compost",
      summaryMap: { fr: "Atelier — samedi 10 avril 2027, de 10 h à 12 h — Devant le bâtiment B, 12 allée des Tilleuls, 44300 Nantes\n\nOn apprend à composter en pied d'immeuble." },
      sensitive: false,
      startTime: "2027-04-10T10:00:00+02:00",
      endTime: "2027-04-10T12:00:00+02:00",
      timezone: "Europe/Paris",
      location: { type: "Place", name: "Devant le bâtiment B", address: { type: "PostalAddress", streetAddress: "12 allée des Tilleuls", postalCode: "44300", addressLocality: "Nantes" } },
      joinMode: "free",
      maximumAttendeeCapacity: 20,
      remainingAttendeeCapacity: 20,
      participantCount: 0,
      "ical:status": "CONFIRMED",
      attributedTo: `${APP_ORIGIN}/n/les-tilleuls`,
      to: ["https://www.w3.org/ns/activitystreams#Public"],
    });
    // No plain summary: GoToSocial and Misskey would show it as a content warning.
    expect(body).not.toHaveProperty("summary");
    expect(body!.content).toContain("<strong>Atelier : Atelier compost</strong>");
    expect(body!.content).toContain("🗓 samedi 10 avril 2027, de 10 h à 12 h<br>📍 Devant le bâtiment B");
    expect(body!.content).toContain("#<span>RendezVous</span>");
    expect(body!.tag).toEqual(expect.arrayContaining([expect.objectContaining({ type: "Hashtag", name: "#RendezVous" })]));
    const context = JSON.stringify(body!["@context"]);
    for (const term of ["joinMode", "participantCount", "remainingAttendeeCapacity", "maximumAttendeeCapacity", "timezone", "PostalAddress"]) expect(context).toContain(term);
    const parsed = await Event.fromJsonLd(body, { documentLoader: t.remote.documentLoader, contextLoader: t.remote.documentLoader });
    expect(parsed.startTime?.toString()).toBe("2027-04-10T08:00:00Z");
  });

  it("a photo (one for the whole series) is shown and sent as an Image; an unknown upload is refused, naming the field", async () => {
    const bytes = await sharp({ create: { width: 640, height: 480, channels: 3, background: "#3a7" } }).jpeg().toBuffer();
    const media = (await sophie.upload("/api/networks/les-tilleuls/media", bytes, "compost.jpg")).body.media;
    const bad = await sophie.post("/api/networks/les-tilleuls/events", {
      kind: "atelier", title: "Sans photo", startsAt: "2027-04-03T10:00", endsAt: "2027-04-03T12:00", place: { name: "Jardin" }, photo: "00000000-0000-4000-8000-000000000000",
    });
    expect(bad.body.error).toMatchObject({ code: "media_not_found", field: "photo" });
    const res = await sophie.post("/api/networks/les-tilleuls/events", {
      kind: "atelier", title: "Jardin partagé", startsAt: "2027-04-03T10:00", endsAt: "2027-04-03T12:00", place: { name: "Jardin" },
      visibility: "public", rrule: "FREQ=WEEKLY;COUNT=2", photo: media.id,
    });
    expect(res.status).toBe(201);
    const second = res.body.events[1];
    const { event } = (await marie.get(`/api/events/${second.id}`)).body;
    expect(event.photo).toMatchObject({ id: media.id, contentType: "image/jpeg" });
    const { body } = await fetchObject(second.id);
    expect(body!.attachment).toEqual([expect.objectContaining({ type: "Image", url: event.photo.url, mediaType: "image/jpeg", name: "Jardin partagé" })]);
    expect((await t.app.request(new URL(event.photo.url).pathname)).status).toBe(200);
  });

  it("the Group sends Create(Event) to its followers", async () => {
    const deliveries = await t.drain();
    const creates = deliveries.filter((d) => d.activity.type === "Create" && (d.activity.object as any)?.type === "Event");
    expect(creates.length).toBeGreaterThan(0);
    expect(creates[0].activity.actor).toBe(`${APP_ORIGIN}/n/les-tilleuls`);
    const object = creates[0].activity.object as any;
    expect(object.summary).toBeUndefined();
    expect(object.summaryMap.fr).toContain("samedi 10 avril 2027");
    expect(object.content).toContain("Voir le rendez-vous");
  });

  it("network events 404, partner events need a signed partner request (401)", async () => {
    const own = await newEvent({ visibility: "network" });
    expect((await fetchObject(own.id)).status).toBe(404);
    const partners = await newEvent({ visibility: "partners" });
    expect((await fetchObject(partners.id)).status).toBe(401);
  });
});

describe("a Mobilizon participant", () => {
  let event: any;

  beforeAll(async () => {
    event = await newEvent({ title: "Café des Tilleuls", capacity: 1 });
    await t.drain();
  });

  it("Join: registered, answered with Accept; the participant count rises", async () => {
    const activity = load("mobilizon/join.json", { EVENT_UUID: event.id });
    const deliveries = await deliver(activity);
    const accept = deliveries.find((d) => d.activity.type === "Accept");
    expect(accept?.inbox).toBe("https://mobilizon.example/@jeanne/inbox");
    expect(accept?.activity).toMatchObject({ actor: `${APP_ORIGIN}/n/les-tilleuls`, object: { type: "Join", id: activity.id, actor: jeanne.id } });
    const rows = await t.db.select().from(eventParticipationTable).where(eq(eventParticipationTable.eventId, event.id));
    expect(rows).toMatchObject([{ remoteActorId: jeanne.id, status: "going", joinActivityId: activity.id }]);
    expect((await fetchObject(event.id)).body).toMatchObject({ participantCount: 1, remainingAttendeeCapacity: 0 });
    // The organiser's list shows her.
    const list = (await sophie.get(`/api/events/${event.id}/participants`)).body.participants;
    expect(list).toEqual([expect.objectContaining({ name: "Jeanne", handle: "@jeanne@mobilizon.example", remote: true, status: "going" })]);
  });

  it("a member finds it full and waits; the time changes: Update reaches Jeanne, the member is told", async () => {
    expect((await marie.put(`/api/events/${event.id}/rsvp`, { status: "going" })).body.status).toBe("waiting");
    await sophie.patch(`/api/events/${event.id}`, { startsAt: "2027-04-10T10:30", endsAt: "2027-04-10T12:30" });
    const deliveries = await t.drain();
    const updates = deliveries.filter((d) => d.activity.type === "Update");
    expect(updates.map((u) => u.inbox)).toContain("https://mobilizon.example/inbox");
    expect((updates[0].activity.object as any).summaryMap.fr).toContain("de 10 h 30 à 12 h 30");
    expect((await marie.get("/api/me/notifications")).body.notifications[0]).toMatchObject({ kind: "event.changed", subject: { type: "event", id: event.id } });
  });

  it("Leave: the place goes to the member waiting", async () => {
    await deliver(load("mobilizon/leave.json", { EVENT_UUID: event.id }));
    expect(await t.db.select().from(eventParticipationTable).where(eq(eventParticipationTable.remoteActorId, jeanne.id))).toHaveLength(0);
    expect((await marie.get(`/api/events/${event.id}`)).body.event).toMatchObject({ myStatus: "going", going: 1 });
  });

  it("Join of a full event: Reject", async () => {
    const deliveries = await deliver(freshJoin(event.id));
    expect(deliveries.map((d) => d.activity.type)).toEqual(["Reject"]);
    expect(await t.db.select().from(eventParticipationTable).where(eq(eventParticipationTable.remoteActorId, jeanne.id))).toHaveLength(0);
  });

  it("Join of a cancelled event: Reject; cancellation federates as an Update with ical:status CANCELLED", async () => {
    const other = await newEvent({ title: "Troc de plantes" });
    await t.drain();
    await sophie.post(`/api/events/${other.id}/cancel`, {});
    const updates = (await t.drain()).filter((d) => d.activity.type === "Update");
    expect(updates.length).toBeGreaterThan(0);
    expect((await fetchObject(other.id)).body).toMatchObject({ "ical:status": "CANCELLED", summaryMap: { fr: expect.stringMatching(/^ANNULÉ/) }, content: expect.stringContaining("ANNULÉ") });
    const deliveries = await deliver(freshJoin(other.id));
    expect(deliveries.map((d) => d.activity.type)).toEqual(["Reject"]);
  });

  it("a network in allowlist mode rejects Joins from hosts it does not federate with", async () => {
    const open = await newEvent({ title: "Fête des voisins" });
    await sophie.patch("/api/networks/les-tilleuls", { federationMode: "allowlist" });
    await t.drain();
    const deliveries = await deliver(freshJoin(open.id));
    expect(deliveries.map((d) => d.activity.type)).toEqual(["Reject"]); // a polite answer, and nothing more
    expect(await t.db.select().from(eventParticipationTable).where(eq(eventParticipationTable.eventId, open.id))).toHaveLength(0);
    await sophie.patch("/api/networks/les-tilleuls", { federationMode: "open" });
  });

  it("a partners-only event rejects Joins from hosts that are not partners", async () => {
    const shared = await newEvent({ title: "Formation compost", visibility: "partners" });
    await t.drain();
    const deliveries = await deliver(freshJoin(shared.id));
    expect(deliveries.map((d) => d.activity.type)).toEqual(["Reject"]);
    expect(await t.db.select().from(eventParticipationTable).where(eq(eventParticipationTable.eventId, shared.id))).toHaveLength(0);
  });

  it("a Join from a blocked domain is refused (403) and nothing is kept", async () => {
    const open = await newEvent({ title: "Vide-grenier" });
    await t.drain();
    expect((await admin.post("/api/admin/domain-blocks", { host: "mobilizon.example" })).status).toBe(201);
    const res = await t.app.request(await signedPost(`${APP_ORIGIN}/inbox`, freshJoin(open.id), jeanne));
    expect(res.status).toBe(403);
    await t.drain();
    expect(await t.db.select().from(eventParticipationTable).where(eq(eventParticipationTable.eventId, open.id))).toHaveLength(0);
    await admin.delete("/api/admin/domain-blocks/mobilizon.example");
  });
});

describe("a Mobilizon event", () => {
  const eventDoc = load("mobilizon/event.json");

  beforeAll(() => t.remote.serve(eventDoc.id, eventDoc));

  it("Create(Event) from someone nobody here follows: ignored", async () => {
    await deliver(load("mobilizon/create-event.json"));
    expect(await t.db.select().from(remoteEventTable).where(eq(remoteEventTable.id, eventDoc.id))).toHaveLength(0);
  });

  it("Create(Event) from someone a member follows: kept, read from its own server, sanitised, with its Mobilizon terms", async () => {
    const [network] = await t.db.select().from(networkTable);
    await t.db.insert(followingTable).values({ networkId: network.id, remoteActorId: jeanne.id, followId: `${APP_ORIGIN}/n/les-tilleuls#follows/1`, state: "accepted" });
    await deliver({ ...load("mobilizon/create-event.json"), id: `${eventDoc.id}/activity/2` });
    const [row] = await t.db.select().from(remoteEventTable).where(eq(remoteEventTable.id, eventDoc.id));
    expect(row).toMatchObject({
      name: "Repair café de la Maison de quartier",
      actorId: jeanne.id,
      startsAt: new Date("2027-04-10T12:00:00Z"),
      place: "Maison de quartier des Dervallières, 5 rue Auguste Renoir, 44100 Nantes",
      joinMode: "free",
      capacity: 30,
      participantCount: 12,
      isPublic: true,
      cancelled: false,
    });
    expect(row.contentHtml).not.toContain("script");
  });

  it("a member joins it: Join goes to the organiser, Mobilizon's Accept is recorded, the member is told", async () => {
    const res = await marie.post("/api/remote-events/join", { id: eventDoc.id });
    expect(res.body).toEqual({ state: "pending" });
    const [joinDelivery] = (await t.drain()).filter((d) => d.activity.type === "Join");
    expect(joinDelivery.inbox).toBe("https://mobilizon.example/@jeanne/inbox");
    expect(joinDelivery.activity).toMatchObject({ actor: `${APP_ORIGIN}/m/marie`, object: eventDoc.id });
    t.remote.serve(eventDoc.id, { ...eventDoc, participantCount: 13, remainingAttendeeCapacity: 17 });
    await deliver(load("mobilizon/accept-join.json", { JOIN_ID: joinDelivery.activity.id as string, MEMBER: `${APP_ORIGIN}/m/marie` }));
    const mine = (await marie.get("/api/me/events")).body.remote;
    expect(mine).toEqual([expect.objectContaining({ id: eventDoc.id, myState: "accepted", participantCount: 13 })]);
    expect((await marie.get("/api/me/notifications")).body.notifications[0]).toMatchObject({ kind: "event.joinAccepted", subject: { type: "remote_event", id: eventDoc.id } });
  });

  it("Update with a new time: participants here are told", async () => {
    const moved = { ...eventDoc, startTime: "2027-04-11T14:00:00+02:00", endTime: "2027-04-11T18:00:00+02:00" };
    t.remote.serve(eventDoc.id, moved);
    const { "@context": context, ...object } = moved as Record<string, unknown>;
    await deliver({ "@context": context, id: `${eventDoc.id}/update/1`, type: "Update", actor: jeanne.id, object });
    expect((await marie.get("/api/me/notifications")).body.notifications[0]).toMatchObject({ kind: "event.changed", subject: { type: "remote_event", id: eventDoc.id } });
  });

  it("leaving sends Leave", async () => {
    expect((await marie.post("/api/remote-events/leave", { id: eventDoc.id })).status).toBe(204);
    const [leave] = (await t.drain()).filter((d) => d.activity.type === "Leave");
    expect(leave.activity).toMatchObject({ actor: `${APP_ORIGIN}/m/marie`, object: eventDoc.id });
  });
});
