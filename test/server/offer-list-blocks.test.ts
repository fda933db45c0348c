// Blocks in the offers list: when a neighbour blocks another, neither sees
// the other's offers any more (searched or not), and nobody else loses them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, joinWith, withNetwork, type Client, type TestApp } from "../helpers/app.ts";

let t: TestApp;
let admin: Client;
let marie: Client;
let paul: Client;
let zoe: Client;

const titles = async (client: Client, query = "") => {
  const res = await client.get(`/api/networks/lilas/offers${query}`);
  expect(res.status).toBe(200);
  return res.body.offers.map((o: { title: string }) => o.title).sort();
};

beforeAll(async () => {
  t = await createTestApp();
  admin = await withNetwork(t);
  [marie, paul, zoe] = [await joinWith(t, admin, "marie"), await joinWith(t, admin, "paul"), await joinWith(t, admin, "zoe")];
  for (const [client, title] of [[marie, "Perceuse de Marie"], [paul, "Perceuse de Paul"], [zoe, "Perceuse de Zoé"]] as const) {
    expect((await client.post("/api/networks/lilas/offers", { kind: "offer", theme: "pret-de-materiel", title, visibility: "network" })).status).toBe(201);
  }
  expect((await marie.post("/api/me/blocks", { handle: "paul" })).status).toBe(201);
});
afterAll(() => t.close());

describe("the offers list after a block", () => {
  it("hides each one's offers from the other, both ways, in the list and in search", async () => {
    expect(await titles(marie)).toEqual(["Perceuse de Marie", "Perceuse de Zoé"]);
    expect(await titles(paul)).toEqual(["Perceuse de Paul", "Perceuse de Zoé"]);
    expect(await titles(marie, "?q=perceuse")).toEqual(["Perceuse de Marie", "Perceuse de Zoé"]);
    expect(await titles(paul, "?q=perceuse")).toEqual(["Perceuse de Paul", "Perceuse de Zoé"]);
  });

  it("changes nothing for the other neighbours", async () => {
    expect(await titles(zoe)).toEqual(["Perceuse de Marie", "Perceuse de Paul", "Perceuse de Zoé"]);
    expect(await titles(admin, "?q=perceuse")).toEqual(["Perceuse de Marie", "Perceuse de Paul", "Perceuse de Zoé"]);
  });
});
