// The one list of notifications: fed by features through notify(), read by
// the member, or by their sponsor when they have no internet.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberTable } from "../../db/schema/index.ts";
import { forgetNotificationsAbout, notify } from "../../server/domain/notifications.ts";
import { createTestApp, joinWith, withNetwork, type Client, type TestApp } from "../helpers/app.ts";

let t: TestApp;
let sophie: Client;
let marie: Client;

const idOf = async (handle: string) => (await t.handle.db.select().from(memberTable).where(eq(memberTable.handle, handle)))[0].id;
const subject = (n: number) => ({ type: "offer", id: `00000000-0000-4000-8000-00000000000${n}`, title: `Perceuse ${n}`, path: `/n/lilas/offers/${n}` });

beforeAll(async () => {
  t = await createTestApp();
  sophie = await withNetwork(t);
  marie = await joinWith(t, sophie, "marie");
  await sophie.post("/api/networks/lilas/sponsored", { handle: "jeanne", displayName: "Jeanne", sponsor: "marie" });
});
afterAll(() => t.close());

describe("notifications", () => {
  it("are listed newest first with who caused them, counted until read", async () => {
    const marieId = await idOf("marie");
    await notify(t.handle.db, [marieId, marieId], { kind: "offer.interest", subject: subject(1), fromName: "Sophie" });
    await notify(t.handle.db, [marieId], { kind: "offer.message", subject: subject(2), fromName: "Paul" });
    const list = await marie.get("/api/me/notifications");
    expect(list.body.unread).toBe(2);
    expect(list.body.notifications.map((n: { kind: string }) => n.kind)).toEqual(["offer.message", "offer.interest"]);
    expect(list.body.notifications[1]).toMatchObject({ from: "Sophie", read: false, subject: { title: "Perceuse 1", path: "/n/lilas/offers/1" } });
    expect((await sophie.get("/api/me/notifications")).body.notifications).toEqual([]);

    await marie.post("/api/me/notifications/read", { ids: [list.body.notifications[0].id] });
    expect((await marie.get("/api/me/notifications/unread")).body.unread).toBe(1);
    await marie.post("/api/me/notifications/read", {});
    expect((await marie.get("/api/me/notifications/unread")).body.unread).toBe(0);
  });

  it("reach a sponsored neighbour through their sponsor", async () => {
    await notify(t.handle.db, [await idOf("jeanne")], { kind: "offer.agreed", subject: subject(3), fromName: "Sophie" });
    const unread = await marie.get("/api/me/notifications/unread");
    expect(unread.body.sponsored).toEqual([{ handle: "jeanne", displayName: "Jeanne", unread: 1 }]);
    marie.actingFor = "jeanne";
    const list = await marie.get("/api/me/notifications");
    marie.actingFor = undefined;
    expect(list.body.notifications).toHaveLength(1);
    sophie.actingFor = "jeanne";
    expect((await sophie.get("/api/me/notifications")).status).toBe(403);
    sophie.actingFor = undefined;
  });

  it("are forgotten with their subject, and need a login", async () => {
    await forgetNotificationsAbout(t.handle.db, subject(1));
    const kinds = (await marie.get("/api/me/notifications")).body.notifications.map((n: { subject: { title: string } }) => n.subject.title);
    expect(kinds).toEqual(["Perceuse 2"]);
    expect((await t.client().get("/api/me/notifications")).status).toBe(401);
  });

  it("pages by date", async () => {
    const sophieId = await idOf("camille");
    for (let i = 0; i < 25; i++) await notify(t.handle.db, [sophieId], { kind: "event.updated", subject: subject(i % 10) });
    const first = (await sophie.get("/api/me/notifications")).body.notifications;
    expect(first).toHaveLength(20);
    const next = (await sophie.get(`/api/me/notifications?before=${encodeURIComponent(first.at(-1).createdAt)}`)).body.notifications;
    expect(next.length).toBeGreaterThan(0);
    expect(next.every((n: { createdAt: string }) => n.createdAt < first.at(-1).createdAt)).toBe(true);
  });
});
