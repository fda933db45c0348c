// Partner back-fill on one instance: what a network shared with partners
// before a partnership (a current offer, a coming event, a resource) reaches
// the new partner's members as soon as it is accepted — never what is kept
// for the network, nor a withdrawn offer. (Between instances: test/scenarios/partner-backfill.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, joinWith, withNetwork, type Client, type TestApp } from "../helpers/app.ts";

let t: TestApp;
let sophie: Client; // animator of lilas
let paul: Client; // animator of tilleuls
let marie: Client; // member of tilleuls

const titles = (items: { title: string }[]) => items.map((i) => i.title).sort();

beforeAll(async () => {
  t = await createTestApp();
  const admin = await withNetwork(t, "lilas");
  await admin.post("/api/networks", { slug: "tilleuls", name: "Les Tilleuls" });
  sophie = await joinWith(t, admin, "sophie", "lilas", "animator");
  paul = await joinWith(t, admin, "paul", "tilleuls", "animator");
  marie = await joinWith(t, paul, "marie", "tilleuls");
  const offer = (title: string, visibility: string) => sophie.post("/api/networks/lilas/offers", { kind: "offer", theme: "don", title, visibility });
  await offer("Escabeau", "partners");
  await offer("Graines", "public");
  await offer("Secret", "network");
  const gone = (await offer("Tondeuse", "partners")).body.offer;
  await sophie.post(`/api/offers/${gone.id}/withdraw`);
  for (const [title, visibility] of [["Atelier vélo", "partners"], ["Réunion interne", "network"]]) {
    await sophie.post("/api/networks/lilas/events", { kind: "atelier", title, startsAt: "2030-06-01T14:00", endsAt: "2030-06-01T17:00", place: { name: "Garage" }, visibility });
  }
  await sophie.post("/api/networks/lilas/commons", { kind: "fiche", title: "Animer un café", visibility: "partners" });
  await sophie.post("/api/networks/lilas/commons", { kind: "fiche", title: "Notes internes", visibility: "network" });
});
afterAll(() => t.close());

describe("a partnership accepted on one instance", () => {
  it("shows nothing of the other network before it", async () => {
    expect(titles((await marie.get("/api/networks/tilleuls/offers")).body.offers)).toEqual([]);
  });

  it("brings the current shared offers, coming events and resources to the partner's members", async () => {
    await sophie.post("/api/networks/lilas/partnerships", { partner: "tilleuls" });
    const incoming = (await paul.get("/api/networks/tilleuls/partnerships")).body.partnerships[0];
    expect((await paul.post(`/api/networks/tilleuls/partnerships/${incoming.id}/accept`)).status).toBe(200);

    const offers = (await marie.get("/api/networks/tilleuls/offers")).body.offers;
    expect(titles(offers)).toEqual(["Escabeau", "Graines"]);
    expect(offers[0].network).toMatchObject({ slug: "lilas", name: "Les Lilas" });
    expect((await marie.get("/api/networks/tilleuls/partner-events")).body.events.map((e: { title: string }) => e.title)).toEqual(["Atelier vélo"]);
    expect(titles((await marie.get("/api/networks/tilleuls/commons?scope=partners")).body.items)).toEqual(["Animer un café"]);
  });
});
