// What a newcomer meets first, through the API: the admin becomes their first
// network's pilot, reserved handles say why, a member learns up front whether
// they may add resources, a sponsor reads what they posted for a neighbour as
// the neighbour would, an offer's text and photo change, an event goes to a
// calendar, and JSON leaves compressed.
import { gunzipSync } from "node:zlib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminAccount, createTestApp, joinWith, type Client, type TestApp } from "../helpers/app.ts";

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("first run", () => {
  it("refuses a reserved handle saying why and which are reserved", async () => {
    const res = await t.client().post("/api/setup", { ...adminAccount, handle: "admin" });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "handle_reserved", field: "handle" });
    expect(res.body.error.message).toMatch(/réservé/);
    expect(res.body.error.message).toContain("admin, administrateur, api");
  });

  it("makes the admin the first pilot of the network they create, when asked", async () => {
    admin = t.client();
    expect((await admin.post("/api/setup", adminAccount)).status).toBe(201);
    const created = await admin.post("/api/networks", { slug: "lilas", name: "Les Lilas", joinAsPilot: true });
    expect(created.status).toBe(201);
    expect(created.body.network.memberCount).toBe(1);
    expect((await admin.get("/api/networks/lilas")).body).toMatchObject({ myRole: "pilot", network: { memberCount: 1 } });
    expect((await admin.get("/api/session")).body.memberships).toEqual([{ network: { slug: "lilas", name: "Les Lilas" }, role: "pilot" }]);
    // As its pilot, the admin adds a resource at once.
    expect((await admin.post("/api/networks/lilas/commons", { kind: "fiche", title: "Bienvenue", visibility: "network" })).status).toBe(201);
    // Without the choice, the admin stays outside the network.
    await admin.post("/api/networks", { slug: "tilleuls", name: "Les Tilleuls" });
    expect((await admin.get("/api/networks/tilleuls")).body).toMatchObject({ myRole: null, network: { memberCount: 0 } });
  });
});

describe("said up front", () => {
  let marie: Client;
  beforeAll(async () => {
    marie = await joinWith(t, admin, "marie");
  });

  it("tells a member whether they may add resources, and why not", async () => {
    expect((await marie.get("/api/networks/lilas/commons/settings")).body.settings).toEqual({ membersMayAdd: false, mayAdd: false, reason: "commons_animators_only" });
    expect((await admin.get("/api/networks/lilas/commons/settings")).body.settings).toEqual({ membersMayAdd: false, mayAdd: true, reason: null });
    await admin.put("/api/networks/lilas/commons/settings", { membersMayAdd: true });
    expect((await marie.get("/api/networks/lilas/commons/settings")).body.settings).toMatchObject({ mayAdd: true });
    expect((await t.client().get("/api/networks/lilas/commons/settings")).status).toBe(401);
  });
});

describe("a sponsor acting for a neighbour", () => {
  let paul: Client;
  let offerId: string;
  beforeAll(async () => {
    paul = await joinWith(t, admin, "paul");
    await admin.post("/api/networks/lilas/sponsored", { handle: "jeanne", displayName: "Jeanne", sponsor: "paul" });
  });

  it("reads the offer posted for the neighbour as the neighbour's own", async () => {
    paul.actingFor = "jeanne";
    offerId = (await paul.post("/api/networks/lilas/offers", { kind: "offer", theme: "don", title: "Confitures", visibility: "network" })).body.offer.id;
    expect((await paul.get(`/api/offers/${offerId}`)).body.offer).toMatchObject({ mine: true, author: { handle: "jeanne" } });
    paul.actingFor = undefined;
    expect((await paul.get(`/api/offers/${offerId}`)).body.offer.mine).toBe(false);
    // Naming someone one does not sponsor is refused, on reads too.
    paul.actingFor = "marie";
    expect((await paul.get(`/api/offers/${offerId}`)).status).toBe(403);
    paul.actingFor = undefined;
  });

  it("edits the offer's text and dates, and its photo: replaced, then removed", async () => {
    paul.actingFor = "jeanne";
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#c33" } }).jpeg().toBuffer();
    const upload = await paul.upload("/api/networks/lilas/media", photo, "pot.jpg", { purpose: "photo" });
    expect(upload.status).toBe(201);
    const edited = await paul.patch(`/api/offers/${offerId}`, {
      title: "Confitures de prunes", body: "Six pots", availableUntil: "2030-01-31", place: "Bâtiment A", media: [upload.body.media.id],
    });
    expect(edited.status).toBe(200);
    expect(edited.body.offer).toMatchObject({ title: "Confitures de prunes", body: "Six pots", availableUntil: "2030-01-31", place: "Bâtiment A" });
    expect(edited.body.offer.photos.map((p: { id: string }) => p.id)).toEqual([upload.body.media.id]);
    // Absent keeps the photo; an empty list removes it.
    expect((await paul.patch(`/api/offers/${offerId}`, { title: "Confitures" })).body.offer.photos).toHaveLength(1);
    expect((await paul.patch(`/api/offers/${offerId}`, { media: [] })).body.offer.photos).toEqual([]);
    // Someone else's upload cannot be attached.
    const bad = await paul.patch(`/api/offers/${offerId}`, { media: ["00000000-0000-4000-8000-000000000000"] });
    expect(bad.body.error).toMatchObject({ code: "media_not_found", field: "media" });
    paul.actingFor = undefined;
  });
});

describe("small things", () => {
  it("gives one event as a calendar file, to those who may see it", async () => {
    const res = await admin.post("/api/networks/lilas/events", {
      kind: "cafe", title: "Café des Lilas", startsAt: "2030-03-02T10:00", endsAt: "2030-03-02T12:00", place: { name: "Square" }, visibility: "network",
    });
    const id = res.body.events[0].id;
    const ics = await admin.get(`/api/events/${id}/event.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get("content-type")).toContain("text/calendar");
    expect(ics.headers.get("content-disposition")).toContain("cafe-des-lilas.ics");
    expect(ics.text).toContain("SUMMARY:Café des Lilas");
    expect(ics.text).toMatch(/DTSTART;TZID=Europe\/Paris:20300302T100000/);
    expect(ics.text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    // A members-only event is not a visitor's to download.
    expect((await t.client().get(`/api/events/${id}/event.ics`)).status).toBe(404);
  });

  it("sends JSON gzipped to clients that accept it", async () => {
    const res = await t.app.request("/api/openapi.json", { headers: { "Accept-Encoding": "gzip, deflate, br" } });
    expect(res.headers.get("content-encoding")).toBe("gzip");
    const spec = JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString("utf8"));
    expect(spec.paths["/events/{id}/event.ics"]).toBeDefined();
    // Not to those that do not say so.
    expect((await t.app.request("/api/openapi.json")).headers.get("content-encoding")).toBeNull();
  });
});
