// Booking shared equipment and places: the owner network or a partner asks
// for dates, the owner's animators decide; no double booking, even when the
// database is written to directly.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookingTable } from "../../db/schema/index.ts";
import { createTestApp, joinWith, withNetwork, type Client, type TestApp } from "../helpers/app.ts";

let t: TestApp;
let sophie: Client; // animator of lilas, owns the barnum
let paul: Client; // animator of tilleuls (partner)
let marie: Client; // member of tilleuls
let olivier: Client; // member of ailleurs (not a partner)
let barnum: string;

const day = (n: number, hour = 9) => new Date(Date.UTC(2030, 5, n, hour)).toISOString();
const ask = (client: Client, network: string, from: number, to: number) =>
  client.post(`/api/resources/${barnum}/bookings`, { network, startsAt: day(from), endsAt: day(to), message: "Pour la fête" });

beforeAll(async () => {
  t = await createTestApp();
  const admin = await withNetwork(t, "lilas");
  await admin.post("/api/networks", { slug: "tilleuls", name: "Les Tilleuls" });
  await admin.post("/api/networks", { slug: "ailleurs", name: "Ailleurs" });
  sophie = await joinWith(t, admin, "sophie", "lilas", "animator");
  paul = await joinWith(t, admin, "paul", "tilleuls", "animator");
  marie = await joinWith(t, paul, "marie", "tilleuls");
  olivier = await joinWith(t, admin, "olivier", "ailleurs");
  await sophie.post("/api/networks/lilas/partnerships", { partner: "tilleuls" });
  const incoming = (await paul.get("/api/networks/tilleuls/partnerships")).body.partnerships[0];
  await paul.post(`/api/networks/tilleuls/partnerships/${incoming.id}/accept`);
  barnum = (await sophie.post("/api/networks/lilas/commons", { kind: "materiel", title: "Barnum 3×3 m", visibility: "partners" })).body.resource.id;
});
afterAll(() => t.close());

describe("booking a matériel", () => {
  it("lets a partner network's member ask; the owner's animators accept; the calendar shows it", async () => {
    const asked = await ask(marie, "tilleuls", 10, 12);
    expect(asked.status).toBe(201);
    expect(asked.body.booking).toMatchObject({ state: "requested", network: { slug: "tilleuls" } });
    expect((await paul.post(`/api/bookings/${asked.body.booking.id}/accept`)).status).toBe(403);
    const accepted = await sophie.post(`/api/bookings/${asked.body.booking.id}/accept`);
    expect(accepted.body.booking.state).toBe("accepted");
    expect((await sophie.post(`/api/bookings/${asked.body.booking.id}/decline`)).body.error.code).toBe("booking_decided");
    const notices = async (client: Client) => (await client.get("/api/me/notifications")).body.notifications.map((n: { kind: string; from: string; subject: { title: string } }) => [n.kind, n.from, n.subject.title]);
    expect(await notices(sophie)).toContainEqual(["commons.bookingRequested", "Les Tilleuls", "Barnum 3×3 m"]);
    expect(await notices(marie)).toContainEqual(["commons.bookingAccepted", "Les Lilas", "Barnum 3×3 m"]);
    const calendar = (await marie.get(`/api/resources/${barnum}/bookings`)).body.bookings;
    expect(calendar).toEqual([expect.objectContaining({ state: "accepted", startsAt: day(10), endsAt: day(12), requestedBy: "Marie" })]);
  });

  it("refuses overlapping dates, dates in the past, an end before the start, naming the field", async () => {
    expect(await ask(marie, "tilleuls", 11, 13)).toMatchObject({ status: 409, body: { error: { code: "booking_overlap", field: "startsAt" } } });
    const past = await marie.post(`/api/resources/${barnum}/bookings`, { network: "tilleuls", startsAt: "2020-01-01T10:00:00Z", endsAt: "2020-01-02T10:00:00Z" });
    expect(past).toMatchObject({ status: 400, body: { error: { code: "booking_in_past", field: "startsAt" } } });
    expect(await ask(marie, "tilleuls", 14, 13)).toMatchObject({ status: 400, body: { error: { code: "booking_range", field: "endsAt" } } });
    expect((await ask(marie, "tilleuls", 12, 13)).status).toBe(201); // starts when the other ends
  });

  it("accepts only one of two overlapping requests", async () => {
    const first = (await ask(sophie, "lilas", 20, 22)).body.booking.id;
    const second = (await ask(marie, "tilleuls", 21, 23)).body.booking.id;
    const results = await Promise.all([sophie.post(`/api/bookings/${first}/accept`), sophie.post(`/api/bookings/${second}/accept`)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it("is held by the database itself: two accepted overlapping bookings cannot be written", async () => {
    const third = (await ask(marie, "tilleuls", 25, 27)).body.booking.id;
    const fourth = (await ask(sophie, "lilas", 26, 28)).body.booking.id;
    await t.handle.db.update(bookingTable).set({ state: "accepted" }).where(eq(bookingTable.id, third));
    await expect(t.handle.db.update(bookingTable).set({ state: "accepted" }).where(eq(bookingTable.id, fourth))).rejects.toThrow();
  });

  it("is only for matériel and lieu, and only for the owner and its partners", async () => {
    expect((await ask(olivier, "ailleurs", 1, 2)).status).toBe(404);
    const fiche = (await sophie.post("/api/networks/lilas/commons", { kind: "fiche", title: "Une fiche", visibility: "partners" })).body.resource.id;
    const res = await marie.post(`/api/resources/${fiche}/bookings`, { network: "tilleuls", startsAt: day(1), endsAt: day(2) });
    expect(res.body.error.code).toBe("not_bookable");
    expect((await marie.post(`/api/resources/${barnum}/bookings`, { network: "lilas", startsAt: day(1), endsAt: day(2) })).body.error).toMatchObject({ code: "not_a_member", field: "network" });
  });
});
