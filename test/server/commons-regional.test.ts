// A regional network is a network whose partners are networks: its library
// (and its page) gathers what they share — partner-only ones for its members,
// public ones for visitors — and follows the partnerships as they change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, joinWith, withNetwork, type Client, type TestApp } from "../helpers/app.ts";

let t: TestApp;
let region: Client; // animator of the regional network
let lilas: Client;
let tilleuls: Client;

async function partner(asker: Client, askerSlug: string, asked: Client, askedSlug: string) {
  expect((await asker.post(`/api/networks/${askerSlug}/partnerships`, { partner: askedSlug })).status).toBe(201);
  const incoming = (await asked.get(`/api/networks/${askedSlug}/partnerships`)).body.partnerships.find((p: { state: string }) => p.state === "incoming");
  expect((await asked.post(`/api/networks/${askedSlug}/partnerships/${incoming.id}/accept`)).status).toBe(200);
}

beforeAll(async () => {
  t = await createTestApp();
  const admin = await withNetwork(t, "lilas");
  await admin.post("/api/networks", { slug: "tilleuls", name: "Les Tilleuls" });
  await admin.post("/api/networks", { slug: "reseau-coop", name: "Réseau de la Coopération" });
  lilas = await joinWith(t, admin, "sophie", "lilas", "animator");
  tilleuls = await joinWith(t, admin, "paul", "tilleuls", "animator");
  region = await joinWith(t, admin, "regine", "reseau-coop", "animator");
  await partner(region, "reseau-coop", lilas, "lilas");
  await partner(region, "reseau-coop", tilleuls, "tilleuls");
  await lilas.post("/api/networks/lilas/commons", { kind: "fiche", title: "Éco-gestes au bureau", visibility: "partners" });
  await tilleuls.post("/api/networks/tilleuls/commons", { kind: "kit", title: "Kit achat groupé", visibility: "public" });
  await tilleuls.post("/api/networks/tilleuls/commons", { kind: "lieu", title: "Salle interne", visibility: "network" });
});
afterAll(() => t.close());

const titles = async (client: Client) =>
  ((await client.get("/api/networks/reseau-coop/commons?scope=partners")).body.items as { title: string; source: { name: string } }[]).map((i) => `${i.title} (${i.source.name})`);

describe("a regional network's page", () => {
  it("gathers what its member networks share, each with its source", async () => {
    expect((await titles(region)).sort()).toEqual(["Kit achat groupé (Les Tilleuls)", "Éco-gestes au bureau (Les Lilas)"]);
  });

  it("shows visitors only the public ones", async () => {
    expect(await titles(t.client())).toEqual(["Kit achat groupé (Les Tilleuls)"]);
  });

  it("stops showing a network's commons when the partnership ends", async () => {
    const active = (await lilas.get("/api/networks/lilas/partnerships")).body.partnerships[0];
    expect((await lilas.delete(`/api/networks/lilas/partnerships/${active.id}`)).status).toBe(204);
    expect(await titles(region)).toEqual(["Kit achat groupé (Les Tilleuls)"]);
  });
});
