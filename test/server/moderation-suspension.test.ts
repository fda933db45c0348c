// A suspension blocks every way of posting or answering in the network it
// concerns — offers, announcements, events, resources, bookings, RSVPs,
// sign-ups, messages, thanks, photos, edits — also through a sponsor, and
// nothing else: reading, withdrawing, reporting, another network. When it
// ends, the member posts again.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberTable, suspensionTable } from "../../db/schema/index.ts";
import { createTestApp, joinWith, withNetwork, type Client, type TestApp } from "../helpers/app.ts";

let t: TestApp;
let admin: Client;
let sophie: Client; // animator of lilas
let rose: Client;
let marc: Client; // suspended from lilas, member of tilleuls too
let offer: any;
let mine: any;
let myResource: any;
let event: any;
let barnum: any;

const suspended = (res: { status: number; body: any }, what: string) => expect([res.status, res.body?.error?.code], what).toEqual([403, "member_suspended"]);

beforeAll(async () => {
  t = await createTestApp();
  admin = await withNetwork(t);
  await admin.post("/api/networks", { slug: "tilleuls", name: "Les Tilleuls" });
  sophie = await joinWith(t, admin, "sophie", "lilas", "animator");
  rose = await joinWith(t, sophie, "rose");
  marc = await joinWith(t, sophie, "marc");
  const invitation = (await admin.post("/api/networks/tilleuls/invitations", { role: "member" })).body.invitation;
  expect((await marc.post(`/api/invitations/${invitation.code}/accept`)).status).toBeLessThan(300);
  await sophie.request("PUT", "/api/networks/lilas/commons/settings", { membersMayAdd: true });
  offer = (await rose.post("/api/networks/lilas/offers", { kind: "request", theme: "don", title: "Une échelle" })).body.offer;
  mine = (await marc.post("/api/networks/lilas/offers", { kind: "offer", theme: "don", title: "Un vélo" })).body.offer;
  myResource = (await marc.post("/api/networks/lilas/commons", { kind: "fiche", title: "Ma fiche" })).body.resource;
  event = (await sophie.post("/api/networks/lilas/events", { kind: "cafe", title: "Café", startsAt: "2030-03-06T10:00", endsAt: "2030-03-06T12:00", place: { name: "Salle" } })).body.events[0];
  barnum = (await sophie.post("/api/networks/lilas/commons", { kind: "materiel", title: "Barnum" })).body.resource;
  // Marc answered Rose before: the conversation exists.
  expect((await marc.post(`/api/offers/${offer.id}/responses`, { message: "J'en ai une" })).status).toBe(201);
  // Suspended through the queue, for a week.
  const report = (await rose.post("/api/reports", { subjectType: "member", subjectId: "marc", reason: "incivility" })).body.report;
  const until = new Date(Date.now() + 7 * 86400_000).toISOString();
  expect((await sophie.post(`/api/networks/lilas/moderation/reports/${report.id}/actions`, { action: "suspend", reason: "Insultes", until })).status).toBe(200);
});
afterAll(() => t.close());

describe("a suspended member", () => {
  it("neither posts nor answers anything in the network", async () => {
    suspended(await marc.post("/api/networks/lilas/offers", { kind: "offer", theme: "don", title: "Encore" }), "offer");
    suspended(await marc.post("/api/networks/lilas/announcements", { content: "Bonjour" }), "announcement");
    suspended(await marc.post("/api/networks/lilas/commons", { kind: "fiche", title: "Fiche" }), "resource");
    suspended(await marc.patch(`/api/resources/${myResource.id}`, { title: "Ma fiche corrigée" }), "resource edit");
    suspended(await marc.patch(`/api/offers/${mine.id}`, { title: "Un vélo rouge" }), "offer edit");
    suspended(await marc.put(`/api/events/${event.id}/rsvp`, { status: "going" }), "rsvp");
    suspended(await marc.post(`/api/resources/${barnum.id}/bookings`, { network: "lilas", startsAt: "2030-04-01", endsAt: "2030-04-02", message: "Pour la fête" }), "booking");
    const conversation = (await marc.get(`/api/offers/${offer.id}`)).body.offer.conversations[0];
    suspended(await marc.post(`/api/offers/${offer.id}/conversations/${conversation.id}/messages`, { message: "Alors ?" }), "message");
    suspended(await marc.post(`/api/offers/${offer.id}/thanks`, { to: "rose", note: "Merci" }), "thanks");
    suspended(await marc.upload("/api/networks/lilas/media", Buffer.from("x"), "a.png"), "photo");
  });

  it("still reads, withdraws their own offer, and reports", async () => {
    expect((await marc.get("/api/networks/lilas/offers")).status).toBe(200);
    expect((await marc.get(`/api/events/${event.id}`)).status).toBe(200);
    expect((await marc.post(`/api/offers/${mine.id}/withdraw`, {})).status).toBe(200);
    expect((await marc.post("/api/reports", { subjectType: "offer", subjectId: offer.id, reason: "other" })).status).toBe(201);
  });

  it("is free in another network", async () => {
    const res = await marc.post("/api/networks/tilleuls/offers", { kind: "offer", theme: "don", title: "Aux Tilleuls" });
    expect(res.status, res.text).toBe(201);
  });

  it("a sponsor cannot answer for a suspended neighbour, and answers for themselves", async () => {
    await sophie.post("/api/networks/lilas/sponsored", { handle: "jeanne", displayName: "Jeanne", sponsor: "rose" });
    const [jeanne] = await t.handle.db.select().from(memberTable).where(eq(memberTable.handle, "jeanne"));
    const [network] = (await t.handle.db.select({ networkId: suspensionTable.networkId }).from(suspensionTable)).slice(0, 1);
    await t.handle.db.insert(suspensionTable).values({ networkId: network.networkId, memberId: jeanne.id, until: new Date(Date.now() + 86400_000), reason: "Test" });
    rose.actingFor = "jeanne";
    try {
      suspended(await rose.put(`/api/events/${event.id}/rsvp`, { status: "going" }), "rsvp for a suspended neighbour");
    } finally {
      rose.actingFor = undefined;
    }
    expect((await rose.put(`/api/events/${event.id}/rsvp`, { status: "going" })).status).toBe(200);
  });

  it("posts again once the suspension has ended", async () => {
    const [m] = await t.handle.db.select().from(memberTable).where(eq(memberTable.handle, "marc"));
    await t.handle.db.update(suspensionTable).set({ until: new Date(Date.now() - 1000) }).where(and(eq(suspensionTable.memberId, m.id)));
    expect((await marc.put(`/api/events/${event.id}/rsvp`, { status: "going" })).status).toBe(200);
    expect((await marc.post("/api/networks/lilas/announcements", { content: "Pardon à tous" })).status).toBe(201);
  });
});
