// The French search configuration, on a scratch table of the test database:
// what a neighbour types should find what another wrote, accents and plurals aside.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.ts";
import { matches, relevance, rowsOf, searchQuery, searchWords } from "../../db/search.ts";
import { createTestDatabase } from "../helpers/db.ts";

let handle: DatabaseHandle;

const rows = [
  "Perceuses à prêter pour le week-end",
  "Je prête mon vélo électrique",
  "Coup de main pour le jardinage",
  "Un jardin partagé derrière le bâtiment B",
  "Covoiturage vers le marché du samedi",
  "Garde d'animaux : chats et chiens",
  "Œufs frais des poules de la résidence",
];

beforeAll(async () => {
  handle = await createTestDatabase();
  await handle.db.execute(sql`create table search_probe (
    id serial primary key,
    title text not null,
    doc tsvector generated always as (to_tsvector('maillage_fr'::regconfig, title)) stored)`);
  for (const title of rows) await handle.db.execute(sql`insert into search_probe (title) values (${title})`);
});
afterAll(() => handle.close());

async function find(text: string): Promise<string[]> {
  const query = searchQuery(text);
  if (!query) return [];
  const doc = sql`doc`;
  const result = await handle.db.execute(
    sql`select title from search_probe where ${matches(doc, query)} order by ${relevance(doc, query)} desc, id`,
  );
  return rowsOf<{ title: string }>(result).map((r) => r.title);
}

describe("French search", () => {
  it.each([
    ["perceuse", "Perceuses à prêter pour le week-end"],
    ["PERCEUSES", "Perceuses à prêter pour le week-end"],
    ["velo", "Je prête mon vélo électrique"],
    ["vélos", "Je prête mon vélo électrique"],
    ["vèlo electrique", "Je prête mon vélo électrique"],
    ["preter", "Perceuses à prêter pour le week-end"],
    ["jardinage", "Coup de main pour le jardinage"],
    ["covoiturage marche", "Covoiturage vers le marché du samedi"],
    ["chat", "Garde d'animaux : chats et chiens"],
    ["animal", "Garde d'animaux : chats et chiens"],
    ["chevaux", null],
    ["oeufs", "Œufs frais des poules de la résidence"],
  ])("%s finds what was written", async (typed, expected) => {
    const found = await find(typed);
    if (expected) expect(found).toContain(expected);
    else expect(found).toEqual([]);
  });

  it("finds the shared garden and the gardening help from « jardin », not from « jardinage »", async () => {
    expect(await find("jardin")).toEqual(expect.arrayContaining([rows[2], rows[3]]));
    expect(await find("jardinage")).toEqual([rows[2]]);
  });

  it("needs every word", async () => {
    expect(await find("vélo perceuse")).toEqual([]);
  });

  it("ignores query syntax and keeps only words", async () => {
    expect(searchWords("vélo & !(perceuse) | 'x':*")).toEqual(["vélo", "perceuse", "x"]);
    expect(searchQuery("  ?! ")).toBeNull();
    expect(await find("le la les")).toEqual([]);
  });
});
