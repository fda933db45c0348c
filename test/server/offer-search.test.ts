// French search of offers through the API: what a neighbour types finds what
// another wrote, whatever the accents and plurals; ranked by relevance on
// demand; never past visibility.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, joinWith, withNetwork, type Client, type TestApp } from "../helpers/app.ts";

let t: TestApp;
let marie: Client;
let outsider: Client;

const offers: [string, string, string][] = [
  // title, body, visibility
  ["Perceuses à prêter", "Deux perceuses, pour le week-end", "public"],
  ["Je prête mon vélo électrique", "Batterie neuve", "public"],
  ["Coup de main pour le jardinage", "Tailler la haie et désherber", "public"],
  ["Un jardin partagé derrière le bâtiment B", "Qui veut une parcelle ?", "public"],
  ["Covoiturage vers le marché", "Le samedi matin, départ 9 h", "public"],
  ["Œufs frais", "Les poules de la résidence pondent trop", "public"],
  ["Cours de guitare", "Pour débutants, j'apporte une perceuse si besoin", "public"],
  ["Code du local vélos", "Secret : pour les membres", "network"],
];

beforeAll(async () => {
  t = await createTestApp();
  const admin = await withNetwork(t);
  await admin.post("/api/networks", { slug: "voisins", name: "Les Voisins" });
  marie = await joinWith(t, admin, "marie");
  outsider = await joinWith(t, admin, "olivier", "voisins");
  for (const [title, body, visibility] of offers) {
    const res = await marie.post("/api/networks/lilas/offers", { kind: "offer", theme: "conseils", title, body, visibility });
    expect(res.status).toBe(201);
  }
});
afterAll(() => t.close());

async function search(q: string, client = marie, sort = "relevance"): Promise<string[]> {
  const res = await client.get(`/api/networks/lilas/offers?q=${encodeURIComponent(q)}&sort=${sort}`);
  expect(res.status).toBe(200);
  return res.body.offers.map((o: { title: string }) => o.title);
}

describe("French search of offers", () => {
  it("ignores plurals both ways: perceuse finds perceuses, perceuses finds perceuse", async () => {
    expect(await search("perceuse")).toEqual(["Perceuses à prêter", "Cours de guitare"]);
    expect(await search("perceuses")).toContain("Perceuses à prêter");
    expect(await search("PERCEUSE")).toContain("Perceuses à prêter");
  });

  it("ignores accents, missing or misspelled: velo, vèlo, vélos find vélo", async () => {
    for (const q of ["velo", "vélo", "vèlo", "vélos", "VELO"]) expect(await search(q), q).toContain("Je prête mon vélo électrique");
    expect(await search("electrique")).toEqual(["Je prête mon vélo électrique"]);
    expect(await search("oeufs")).toEqual(["Œufs frais"]);
    expect(await search("marche")).toEqual(["Covoiturage vers le marché"]);
  });

  it("jardin finds jardinage and jardin; jardinage finds only jardinage", async () => {
    expect((await search("jardin")).sort()).toEqual(["Coup de main pour le jardinage", "Un jardin partagé derrière le bâtiment B"]);
    expect(await search("jardinage")).toEqual(["Coup de main pour le jardinage"]);
  });

  it("every word must match; words in the text count, the title weighs more", async () => {
    expect(await search("vélo batterie")).toEqual(["Je prête mon vélo électrique"]);
    expect(await search("vélo cargo")).toEqual([]);
    expect(await search("samedi")).toEqual(["Covoiturage vers le marché"]);
    // "perceuse" is in the first one's title, in the second one's text.
    expect((await search("perceuse"))[0]).toBe("Perceuses à prêter");
  });

  it("what is typed never reaches the query syntax; text without words searches nothing", async () => {
    expect(await search("perceuse & | ! ( :*")).toContain("Perceuses à prêter");
    expect(await search("' or 1=1 --")).toEqual([]);
    expect((await search("!!! ???", marie, "recent")).length).toBeGreaterThanOrEqual(offers.length - 1);
  });

  it("never finds what the searcher may not see", async () => {
    expect(await search("local vélos")).toEqual(["Code du local vélos"]);
    expect(await search("local vélos", outsider)).toEqual([]);
    expect(await search("local", t.client())).toEqual([]);
    expect(await search("velo", outsider)).toEqual(["Je prête mon vélo électrique"]);
  });
});
