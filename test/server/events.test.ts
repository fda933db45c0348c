// Events API: creating (once, or a monthly series), bad input naming its
// field with nothing half-saved, answering with a waiting list and automatic
// promotion (raced: no overbooking), a sponsor answering for a neighbour,
// editing one occurrence or the series, cancelling, sign-ups with totals,
// and who sees what.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventSeriesTable, eventTable } from "../../db/schema/index.ts";
import { joinWith, withNetwork, type Client } from "../helpers/app.ts";
import { createFederatedTestApp, type FederatedTestApp } from "../helpers/federated-app.ts";

let t: FederatedTestApp;
let admin: Client;
let sophie: Client; // animator of lilas
let marie: Client;
let paul: Client; // sponsor of jeanne
let lea: Client;
let olivier: Client; // member of voisins only
let anonymous: Client;

beforeAll(async () => {
  t = await createFederatedTestApp();
  admin = await withNetwork(t);
  await admin.post("/api/networks", { slug: "voisins", name: "Les Voisins" });
  sophie = await joinWith(t, admin, "sophie", "lilas", "animator");
  marie = await joinWith(t, sophie, "marie");
  paul = await joinWith(t, sophie, "paul");
  lea = await joinWith(t, sophie, "lea");
  olivier = await joinWith(t, admin, "olivier", "voisins");
  anonymous = t.client();
  await sophie.post("/api/networks/lilas/sponsored", { handle: "jeanne", displayName: "Jeanne", sponsor: "paul" });
  await t.seedKeysOf("network", "lilas");
});
afterAll(() => t.close());

const cafe = (extra: Record<string, unknown> = {}) => ({
  kind: "cafe",
  title: "Café-rencontre",
  body: "On se retrouve autour d'un café.",
  startsAt: "2027-02-06T10:00",
  endsAt: "2027-02-06T12:00",
  place: { name: "Salle des fêtes", street: "2 rue des Lilas", postalCode: "44000", locality: "Nantes" },
  ...extra,
});
const create = (client: Client, body: Record<string, unknown>, slug = "lilas") => client.post(`/api/networks/${slug}/events`, body);
const rsvp = (client: Client, id: string, status: string) => client.put(`/api/events/${id}/rsvp`, { status });
const count = async () => (await t.db.select().from(eventTable)).length;

describe("creating", () => {
  it("an animator creates a monthly café: one event per occurrence, kept as a series", async () => {
    const res = await create(sophie, cafe({ rrule: "FREQ=MONTHLY;BYDAY=1SA;COUNT=4", visibility: "public" }));
    expect(res.status).toBe(201);
    const events = res.body.events;
    expect(events.map((e: any) => e.startsAt)).toEqual(["2027-02-06T09:00:00.000Z", "2027-03-06T09:00:00.000Z", "2027-04-03T08:00:00.000Z", "2027-05-01T08:00:00.000Z"]);
    expect(events[0]).toMatchObject({ kind: "cafe", visibility: "public", capacity: null, series: { rrule: "FREQ=MONTHLY;BYDAY=1SA;COUNT=4", endless: false }, organiser: { handle: "sophie" } });
    expect(events[0].url).toBe(`https://maillage.test/n/lilas/e/${events[0].id}`);
  });

  it("members may not create events; visitors must log in", async () => {
    expect((await create(marie, cafe())).body.error.code).toBe("role_required");
    expect((await create(anonymous, cafe())).status).toBe(401);
  });

  it.each([
    [{ title: "  " }, "title"],
    [{ endsAt: "2027-02-06T09:00" }, "endsAt"],
    [{ startsAt: "demain" }, "startsAt"],
    [{ place: { name: "" } }, "place.name"],
    [{ capacity: 0 }, "capacity"],
    [{ kind: "party" }, "kind"],
    [{ rrule: "FREQ=WEEKLY" }, "rrule"],
    [{ rrule: "FREQ=DAILY;COUNT=3" }, "rrule"],
    [{ rrule: "FREQ=WEEKLY;COUNT=3", endless: true }, "endless"],
    [{ endless: true }, "endless"],
    [{ visibility: "everyone" }, "visibility"],
  ])("refuses %j naming %s, and saves nothing", async (patch, field) => {
    const before = await count();
    const res = await create(sophie, cafe(patch));
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
    expect(res.body.error.message).toMatch(/[a-zé]/);
    expect(await count()).toBe(before);
    expect(await t.db.select().from(eventSeriesTable)).toHaveLength(1);
  });

  it("errors are in French by default, English on request", async () => {
    const fr = await create(sophie, cafe({ rrule: "FREQ=WEEKLY" }));
    expect(fr.body.error.message).toContain("répétition");
    const en = await sophie.request("POST", "/api/networks/lilas/events", cafe({ rrule: "FREQ=WEEKLY" }), { "accept-language": "en" });
    expect(en.body.error.message).toContain("recurrence");
  });
});

describe("answering", () => {
  let small: string;

  beforeAll(async () => {
    small = (await create(sophie, cafe({ title: "Atelier vélo", kind: "atelier", capacity: 2 }))).body.events[0].id;
  });

  it("going up to the capacity, then the waiting list; leaving promotes the first in line, who is told", async () => {
    expect((await rsvp(marie, small, "going")).body.status).toBe("going");
    expect((await rsvp(lea, small, "going")).body.status).toBe("going");
    expect((await rsvp(olivier, small, "going")).status).toBe(404); // network event: not his network
    paul.actingFor = "jeanne";
    expect((await rsvp(paul, small, "going")).body.status).toBe("waiting");
    paul.actingFor = undefined;
    expect((await rsvp(paul, small, "going")).body.status).toBe("waiting");
    let { event } = (await marie.get(`/api/events/${small}`)).body;
    expect(event).toMatchObject({ going: 2, waiting: 2, remaining: 0, myStatus: "going" });
    expect((await rsvp(marie, small, "not_going")).body.status).toBe("not_going");
    event = (await sophie.get(`/api/events/${small}`)).body.event;
    expect(event).toMatchObject({ going: 2, waiting: 1, remaining: 0 });
    // Jeanne asked first: she is promoted, and Paul (her sponsor) reads it when acting for her.
    const list = (await sophie.get(`/api/events/${small}/participants`)).body.participants;
    expect(list.map((p: any) => [p.handle, p.status, p.answeredBy])).toEqual([
      ["lea", "going", null],
      ["jeanne", "going", "Paul"],
      ["paul", "waiting", null],
      ["marie", "not_going", null],
    ]);
    paul.actingFor = "jeanne";
    expect((await paul.get("/api/me/notifications")).body.notifications[0]).toMatchObject({ kind: "event.promoted", subject: { type: "event", id: small } });
    paul.actingFor = undefined;
  });

  it("only the organiser or an animator sees the list", async () => {
    expect((await marie.get(`/api/events/${small}/participants`)).body.error.code).toBe("not_event_organiser");
  });

  it("capacity cannot go below the participants; raising it promotes the waiting list", async () => {
    const low = await sophie.patch(`/api/events/${small}`, { capacity: 1 });
    expect(low.status).toBe(400);
    expect(low.body.error).toMatchObject({ code: "capacity_below_participants", field: "capacity" });
    const up = await sophie.patch(`/api/events/${small}`, { capacity: 3 });
    expect(up.body.event).toMatchObject({ capacity: 3, going: 3, waiting: 0 });
    const notices = (await paul.get("/api/me/notifications")).body.notifications;
    expect(notices[0]).toMatchObject({ kind: "event.promoted", subject: { type: "event", id: small, title: "Atelier vélo" } });
  });

  it("two people racing for the last place: one gets it, the other waits (no overbooking)", async () => {
    const id = (await create(sophie, cafe({ title: "Visite du jardin", capacity: 1 }))).body.events[0].id;
    for (let round = 0; round < 3; round++) {
      const [a, b] = await Promise.all([rsvp(marie, id, "going"), rsvp(lea, id, "going")]);
      expect([a.body.status, b.body.status].sort()).toEqual(["going", "waiting"]);
      const { event } = (await sophie.get(`/api/events/${id}`)).body;
      expect(event).toMatchObject({ going: 1, waiting: 1 });
      // Both leave at once: nobody is left behind on the waiting list with a free place.
      await Promise.all([rsvp(marie, id, "not_going"), rsvp(lea, id, "not_going")]);
      expect((await sophie.get(`/api/events/${id}`)).body.event).toMatchObject({ going: 0, waiting: 0 });
    }
  });

  it("a past or cancelled event takes no answers", async () => {
    const [past] = await t.db
      .insert(eventTable)
      .values({ networkId: (await t.db.select().from(eventTable))[0].networkId, kind: "cafe", title: "Passé", startsAt: new Date("2025-01-04T09:00Z"), endsAt: new Date("2025-01-04T11:00Z"), placeName: "Salle" })
      .returning();
    expect((await rsvp(marie, past.id, "going")).body.error.code).toBe("event_past");
    const id = (await create(sophie, cafe({ title: "Annulé" }))).body.events[0].id;
    await rsvp(marie, id, "going");
    expect((await sophie.post(`/api/events/${id}/cancel`, {})).body.event.cancelled).toBe(true);
    expect((await rsvp(lea, id, "going")).status).toBe(409);
    const notices = (await marie.get("/api/me/notifications")).body.notifications;
    expect(notices.find((n: any) => n.subject.id === id)).toMatchObject({ kind: "event.cancelled", subject: { path: `/n/lilas/e/${id}` } });
  });
});

describe("editing a series", () => {
  it("one occurrence moves alone; a whole-series edit changes the later ones but not the one edited alone", async () => {
    const events = (await create(sophie, cafe({ title: "Repair café", rrule: "FREQ=MONTHLY;BYDAY=2SA;COUNT=3" }))).body.events;
    await rsvp(marie, events[1].id, "going");
    const moved = await sophie.patch(`/api/events/${events[1].id}`, { startsAt: "2027-03-20T14:00", endsAt: "2027-03-20T16:00", place: { name: "Garage solidaire" } });
    expect(moved.body.event).toMatchObject({ startsAt: "2027-03-20T13:00:00.000Z", place: { name: "Garage solidaire" }, series: { detached: true } });
    expect((await marie.get("/api/me/notifications")).body.notifications[0]).toMatchObject({ kind: "event.changed", subject: { type: "event", id: events[1].id } });
    const series = await sophie.patch(`/api/events/${events[0].id}`, { scope: "series", title: "Repair café du samedi", startsAt: "2027-02-13T15:00", endsAt: "2027-02-13T18:00" });
    expect(series.status).toBe(200);
    const after = await Promise.all(events.map(async (e: any) => (await sophie.get(`/api/events/${e.id}`)).body.event));
    expect(after.map((e) => [e.title, e.startsAt])).toEqual([
      ["Repair café du samedi", "2027-02-13T14:00:00.000Z"],
      ["Repair café", "2027-03-20T13:00:00.000Z"],
      ["Repair café du samedi", "2027-04-10T13:00:00.000Z"],
    ]);
  });

  it("a member may not edit; a visibility change is refused naming the field", async () => {
    const id = (await create(sophie, cafe())).body.events[0].id;
    expect((await marie.patch(`/api/events/${id}`, { title: "x" })).status).toBe(403);
    expect((await sophie.patch(`/api/events/${id}`, { visibility: "public" })).body.error.field).toBe("visibility");
  });
});

describe("sign-up with quantities", () => {
  it("each household says how many; the organiser sees totals and lines, then closes", async () => {
    const res = await create(sophie, cafe({ kind: "action", title: "Achat groupé de compost", signupItems: ["Sacs de compost (40 L)", "Coup de main samedi"] }));
    const id = res.body.events[0].id;
    const { signup } = (await marie.get(`/api/events/${id}`)).body;
    const [bags, hands] = signup.items;
    expect((await marie.put(`/api/events/${id}/signup`, { items: [{ itemId: bags.id, quantity: 3 }, { itemId: hands.id, quantity: 1 }] })).status).toBe(200);
    paul.actingFor = "jeanne";
    await paul.put(`/api/events/${id}/signup`, { items: [{ itemId: bags.id, quantity: 2 }] });
    paul.actingFor = undefined;
    const bad = await lea.put(`/api/events/${id}/signup`, { items: [{ itemId: bags.id, quantity: -1 }] });
    expect(bad.body.error.field).toBe("items.0.quantity");
    const view = (await sophie.get(`/api/events/${id}`)).body.signup;
    expect(view.items.map((i: any) => [i.label, i.total])).toEqual([["Sacs de compost (40 L)", 5], ["Coup de main samedi", 1]]);
    expect(view.lines).toHaveLength(3);
    expect((await marie.get(`/api/events/${id}`)).body.signup.lines).toBeUndefined();
    expect((await marie.post(`/api/events/${id}/signup/close`, {})).status).toBe(403);
    expect((await sophie.post(`/api/events/${id}/signup/close`, {})).body.signup.closed).toBe(true);
    expect((await lea.put(`/api/events/${id}/signup`, { items: [{ itemId: bags.id, quantity: 1 }] })).body.error.code).toBe("signup_closed");
  });
});

describe("who sees what", () => {
  it("network events stay with members: not in the agenda, ICS, RSS or ActivityPub for others", async () => {
    const id = (await create(sophie, cafe({ title: "Réunion du groupe d'animation", kind: "reunion" }))).body.events[0].id;
    const titles = async (client: Client) => ((await client.get("/api/networks/lilas/events")).body.events as any[]).map((e) => e.title);
    expect(await titles(marie)).toContain("Réunion du groupe d'animation");
    expect(await titles(anonymous)).not.toContain("Réunion du groupe d'animation");
    expect(await titles(olivier)).not.toContain("Réunion du groupe d'animation");
    expect(await titles(anonymous)).toContain("Café-rencontre");
    expect((await anonymous.get(`/api/events/${id}`)).status).toBe(404);
    const ics = await anonymous.get("/api/networks/lilas/events/feed.ics");
    expect(ics.headers.get("content-type")).toContain("text/calendar");
    expect(ics.text).toContain("Café-rencontre");
    expect(ics.text).not.toContain("Réunion du groupe");
    const rss = await anonymous.get("/api/networks/lilas/events/feed.rss");
    expect(rss.text).toContain("<rss");
    expect(rss.text).not.toContain("Réunion du groupe");
    const atom = await anonymous.get("/api/networks/lilas/events/feed.atom");
    expect(atom.text).toContain("<feed");
    const ap = await anonymous.get(`/n/lilas/e/${id}`, { accept: "application/activity+json" });
    expect(ap.status).toBe(404);
    const deliveries = await t.drain();
    expect(JSON.stringify(deliveries)).not.toContain(id);
  });

  it("the month view takes a range of at most 62 days", async () => {
    const feb = (await marie.get("/api/networks/lilas/events?from=2027-02-01T00:00:00%2B01:00&to=2027-03-01T00:00:00%2B01:00")).body.events;
    expect(feb.length).toBeGreaterThan(0);
    expect(feb.every((e: any) => e.startsAt < "2027-03-01")).toBe(true);
    const long = await marie.get("/api/networks/lilas/events?from=2027-01-01T00:00:00Z&to=2027-06-01T00:00:00Z");
    expect(long.body.error.field).toBe("to");
  });

  it("my events: what I answered, in order", async () => {
    const mine = (await marie.get("/api/me/events")).body.events as any[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.myStatus !== null && e.myStatus !== "not_going")).toBe(true);
  });
});

describe("the member's data", () => {
  it("the export holds their answers and sign-ups; deleting the account removes them, the events stay", async () => {
    const exported = (await marie.get("/api/me/export")).body;
    expect(exported.events.answers.length).toBeGreaterThan(0);
    expect(exported.events.signups.length).toBeGreaterThan(0);
    const organised = (await sophie.get("/api/me/export")).body.events.organised.length;
    expect(organised).toBeGreaterThan(5);
    const { eventParticipationTable, eventSignupTable, memberTable } = await import("../../db/schema/index.ts");
    const { eq } = await import("drizzle-orm");
    const [m] = await t.db.select().from(memberTable).where(eq(memberTable.handle, "marie"));
    expect((await marie.delete("/api/me", { password: "marie has a long password" })).status).toBe(204);
    expect(await t.db.select().from(eventParticipationTable).where(eq(eventParticipationTable.memberId, m.id))).toHaveLength(0);
    expect(await t.db.select().from(eventSignupTable).where(eq(eventSignupTable.memberId, m.id))).toHaveLength(0);
    expect((await sophie.get("/api/me/export")).body.events.organised).toHaveLength(organised);
  });
});
