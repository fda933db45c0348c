// Printed sheets through the API: offers numbered per network and found by
// their number (with the visibility of any offer), the offers sheet and the
// month's agenda for members or for display (public items only), the
// poster's next public café, and ticking who came to an event.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventTable } from "../../db/schema/index.ts";
import { parisToday } from "../../server/domain/impact/period.ts";
import { createTestApp, joinWith, withNetwork, type Client, type TestApp } from "../helpers/app.ts";

let t: TestApp;
let sophie: Client; // animator of lilas
let rose: Client;
let paul: Client;
let nadia: Client; // animator of tilleuls
let anonymous: Client;
const offers: Record<string, { id: string; ref: number }> = {};
const today = parisToday();
const day = (n: number) => today.add({ days: n }).toString();

beforeAll(async () => {
  t = await createTestApp();
  const admin = await withNetwork(t);
  await admin.post("/api/networks", { slug: "tilleuls", name: "Les Tilleuls" });
  sophie = await joinWith(t, admin, "sophie", "lilas", "animator");
  rose = await joinWith(t, sophie, "rose");
  paul = await joinWith(t, sophie, "paul");
  nadia = await joinWith(t, admin, "nadia", "tilleuls", "animator");
  anonymous = t.client();
  const post = async (client: Client, key: string, body: Record<string, unknown>, slug = "lilas") => {
    const res = await client.post(`/api/networks/${slug}/offers`, body);
    expect(res.status).toBe(201);
    offers[key] = res.body.offer;
  };
  await post(rose, "drill", { kind: "offer", theme: "pret-de-materiel", title: "Perceuse", body: "Avec ses mèches", place: "Bâtiment C" });
  await post(paul, "sofa", { kind: "request", theme: "coups-de-main", title: "Porter un canapé", visibility: "public" });
  await post(rose, "jam", { kind: "offer", theme: "don", title: "Confitures", visibility: "public" });
  await post(paul, "old", { kind: "offer", theme: "don", title: "Vieux livres" });
  await post(nadia, "trailer", { kind: "offer", theme: "pret-de-materiel", title: "Remorque" }, "tilleuls");
  await paul.post(`/api/offers/${offers.old.id}/withdraw`);
});
afterAll(() => t.close());

describe("reference numbers", () => {
  it("each offer gets the next number of its network", () => {
    expect([offers.drill.ref, offers.sofa.ref, offers.jam.ref, offers.old.ref, offers.trailer.ref]).toEqual([1, 2, 3, 4, 1]);
  });

  it("a sponsor finds an offer by its number, as a member sees it; others see public ones only", async () => {
    const found = await paul.get("/api/networks/lilas/offers/ref/1");
    expect(found.status).toBe(200);
    expect(found.body.offer).toMatchObject({ id: offers.drill.id, ref: 1, title: "Perceuse" });
    expect((await paul.get("/api/networks/lilas/offers/ref/n°%203")).body.offer.title).toBe("Confitures");
    expect((await anonymous.get("/api/networks/lilas/offers/ref/1")).status).toBe(404);
    expect((await anonymous.get("/api/networks/lilas/offers/ref/2")).body.offer.title).toBe("Porter un canapé");
    expect((await nadia.get("/api/networks/tilleuls/offers/ref/1")).body.offer.title).toBe("Remorque");
  });

  it("a number that is not one is refused naming the field; an unknown one is not found", async () => {
    const bad = await paul.get("/api/networks/lilas/offers/ref/abc");
    expect([bad.status, bad.body.error.field]).toEqual([400, "ref"]);
    expect((await paul.get("/api/networks/lilas/offers/ref/999")).body.error.code).toBe("offer_ref_not_found");
  });
});

describe("the offers sheet", () => {
  it("lists the open offers and requests by theme with their numbers and authors, for the members", async () => {
    const res = await sophie.get("/api/networks/lilas/print/offers");
    expect(res.status).toBe(200);
    const themes = res.body.themes.map((g: { theme: { slug: string }; offers: { ref: number; title: string; author: string }[] }) => [g.theme.slug, g.offers.map((o) => [o.ref, o.title, o.author])]);
    expect(themes).toEqual([
      ["coups-de-main", [[2, "Porter un canapé", "Paul"]]],
      ["pret-de-materiel", [[1, "Perceuse", "Rose"]]],
      ["don", [[3, "Confitures", "Rose"]]],
    ]);
    expect(res.body).toMatchObject({ audience: "members", count: 3, truncated: false });
  });

  it("for display in the hall: public offers only, without names", async () => {
    const res = await sophie.get("/api/networks/lilas/print/offers?audience=public");
    const all = res.body.themes.flatMap((g: { offers: unknown[] }) => g.offers);
    expect(all).toEqual([
      { ref: 2, kind: "request", title: "Porter un canapé", body: "", place: "", availability: "", author: null },
      { ref: 3, kind: "offer", title: "Confitures", body: "", place: "", availability: "", author: null },
    ]);
  });

  it("is for the animators", async () => {
    expect((await rose.get("/api/networks/lilas/print/offers")).status).toBe(403);
    expect((await nadia.get("/api/networks/lilas/print/offers")).status).toBe(403);
    expect((await sophie.get("/api/networks/lilas/print/offers?audience=all")).body.error.field).toBe("audience");
  });
});

describe("the poster, the agenda and who came", () => {
  let members: { id: string };
  let open: { id: string };
  beforeAll(async () => {
    const cafe = (n: number, visibility: string, title: string) =>
      sophie.post("/api/networks/lilas/events", { kind: "cafe", title, startsAt: `${day(n)}T10:00`, endsAt: `${day(n)}T12:00`, place: { name: "Salle des Lilas" }, visibility });
    members = (await cafe(3, "network", "Café entre nous")).body.events[0];
    open = (await cafe(10, "public", "Café-rencontre ouvert")).body.events[0];
  });

  it("the poster says the next public café and the animators' first names; it tells when a members-only café comes first", async () => {
    const res = await sophie.get("/api/networks/lilas/print/poster");
    expect(res.status).toBe(200);
    expect(res.body.nextCafe).toMatchObject({ id: open.id, title: "Café-rencontre ouvert", place: { name: "Salle des Lilas" } });
    expect(res.body.membersOnlyCafe).toMatchObject({ title: "Café entre nous" });
    expect(res.body.animators).toEqual(["Sophie"]);
    expect((await rose.get("/api/networks/lilas/print/poster")).status).toBe(403);
  });

  it("the agenda sheet holds the month's events as the audience may see them", async () => {
    const month = today.add({ days: 3 }).toPlainYearMonth().toString();
    const forMembers = (await sophie.get(`/api/networks/lilas/print/agenda?month=${month}`)).body;
    expect(forMembers.month).toBe(month);
    expect(forMembers.events.map((e: { title: string }) => e.title)).toContain("Café entre nous");
    const forAll = (await sophie.get(`/api/networks/lilas/print/agenda?month=${month}&audience=public`)).body;
    expect(forAll.events.map((e: { title: string }) => e.title)).not.toContain("Café entre nous");
    for (const bad of ["2026-13", "décembre", "1900-01"]) {
      expect((await sophie.get(`/api/networks/lilas/print/agenda?month=${encodeURIComponent(bad)}`)).body.error.field).toBe("month");
    }
  });

  it("once the event has started, its organiser ticks who came; the list shows it", async () => {
    await rose.put(`/api/events/${members.id}/rsvp`, { status: "going" });
    const [rosa] = (await sophie.get(`/api/events/${members.id}/participants`)).body.participants;
    expect(rosa).toMatchObject({ name: "Rose", attended: null });
    const early = await sophie.put(`/api/events/${members.id}/participants/${rosa.id}/attendance`, { attended: true });
    expect([early.status, early.body.error.code]).toEqual([409, "event_not_started"]);
    await t.handle.db.update(eventTable).set({ startsAt: new Date(Date.now() - 3600_000) }).where(eq(eventTable.id, members.id));
    expect((await rose.put(`/api/events/${members.id}/participants/${rosa.id}/attendance`, { attended: true })).status).toBe(403);
    expect((await sophie.put(`/api/events/${members.id}/participants/${open.id}/attendance`, { attended: true })).body.error.field).toBe("participant");
    expect((await sophie.put(`/api/events/${members.id}/participants/${rosa.id}/attendance`, { attended: "oui" })).body.error.field).toBe("attended");
    const ticked = await sophie.put(`/api/events/${members.id}/participants/${rosa.id}/attendance`, { attended: true });
    expect(ticked.body).toEqual({ id: rosa.id, attended: true });
    expect((await sophie.get(`/api/events/${members.id}/participants`)).body.participants[0].attended).toBe(true);
    expect((await sophie.get("/api/networks/lilas/impact")).body.events.attended.current).toBe(1);
  });
});
