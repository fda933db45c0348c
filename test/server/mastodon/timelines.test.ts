// Reading Maillage from a Mastodon app (issue #15, item 4): every item of the
// member's networks becomes a Status that reads well, paged as Mastodon does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRestAPIClient, type mastodon } from "masto";
import { joinWith, withNetwork, type Client } from "../../helpers/app.ts";
import { logInWithApp, registerApp, serveTestApp, type ServedApp } from "../../helpers/mastodon.ts";
import { expectShape, statusShape } from "./shapes.ts";

let t: ServedApp;
let rest: mastodon.rest.Client;
let admin: Client;
let marie: Client;

beforeAll(async () => {
  t = await serveTestApp();
  admin = await withNetwork(t);
  marie = await joinWith(t, admin, "marie");
  const made = [
    await marie.post("/api/networks/lilas/offers", { kind: "offer", title: "Perceuse à prêter", theme: "pret-de-materiel", body: "Une perceuse à percussion.", place: "Bâtiment C" }),
    await admin.post("/api/networks/lilas/events", { kind: "cafe", title: "Café des voisins", startsAt: "2030-03-06T10:00", endsAt: "2030-03-06T12:00", place: { name: "Salle commune" }, visibility: "public" }),
    await admin.post("/api/networks/lilas/commons", { kind: "fiche", title: "Composter en pied d'immeuble", body: "Texte", summary: "Le guide", visibility: "public" }),
    await marie.post("/api/networks/lilas/announcements", { content: "Bienvenue aux nouveaux voisins ! #accueil" }),
    await marie.post("/api/networks/lilas/announcements", { content: "Réservé au réseau", visibility: "network" }),
  ];
  for (const res of made) if (res.status !== 201) throw new Error(res.text);
  const app = await registerApp(t.url);
  rest = (await logInWithApp(t.url, app, "marie", "marie has a long password")).rest;
});
afterAll(() => t.stop());

const plain = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("timelines", () => {
  it("home: an offer, an event, a resource and announcements, each as a Status that reads well", async () => {
    const home = await rest.v1.timelines.home.list({ limit: 40 });
    for (const s of home) expectShape(s, statusShape);
    const texts = home.map((s) => plain(s.content));
    const offer = home.find((s) => s.content.includes("Perceuse"))!;
    expect(plain(offer.content)).toContain("Je propose : Perceuse à prêter");
    expect(plain(offer.content)).toContain("Lieu : Bâtiment C");
    expect(offer.account.acct).toBe("marie");
    expect(offer.card?.url).toMatch(/^https:\/\/maillage\.test\/n\/lilas\/o\//);
    const event = home.find((s) => s.content.includes("Café des voisins"))!;
    expect(plain(event.content)).toContain("mercredi 6 mars 2030, de 10 h à 12 h");
    expect(plain(event.content)).toContain("Salle commune");
    expect(event.card?.url).toMatch(/\/n\/lilas\/e\//);
    const resource = home.find((s) => s.content.includes("Composter"))!;
    expect(plain(resource.content)).toContain("Licence : CC BY-SA 4.0");
    expect(resource.account.group).toBe(true);
    expect(texts.some((x) => x.includes("Bienvenue aux nouveaux voisins"))).toBe(true);
    const networkOnly = home.find((s) => s.content.includes("Réservé au réseau"))!;
    expect(networkOnly.visibility).toBe("private");
    // Newest first, ids in the same order.
    const ids = home.map((s) => s.id);
    expect([...ids].sort().reverse()).toEqual(ids);
  });

  it("pages with max_id, since_id and min_id, and a Link header", async () => {
    const all = await rest.v1.timelines.home.list({ limit: 40 });
    const first = await fetch(new URL("/api/v1/timelines/home?limit=2", t.url), { headers: { authorization: `Bearer ${await tokenOf()}` } });
    const page1 = await first.json();
    expect(page1.map((s: { id: string }) => s.id)).toEqual(all.slice(0, 2).map((s) => s.id));
    const link = first.headers.get("link")!;
    expect(link).toContain(`max_id=${all[1].id}`);
    expect(link).toContain('rel="next"');
    const page2 = await rest.v1.timelines.home.list({ limit: 2, maxId: all[1].id });
    expect(page2.map((s) => s.id)).toEqual(all.slice(2, 4).map((s) => s.id));
    const newer = await rest.v1.timelines.home.list({ sinceId: all[2].id });
    expect(newer.map((s) => s.id)).toEqual(all.slice(0, 2).map((s) => s.id));
    const justAbove = await rest.v1.timelines.home.list({ minId: all[3].id, limit: 1 });
    expect(justAbove.map((s) => s.id)).toEqual([all[2].id]);
  });

  it("public: only what everyone may see, without a token", async () => {
    const anonymous = createRestAPIClient({ url: t.url });
    const pub = await anonymous.v1.timelines.public.list({ local: true });
    const text = pub.map((s) => plain(s.content)).join(" ");
    expect(text).toContain("Café des voisins");
    expect(text).not.toContain("Réservé au réseau");
    expect(text).not.toContain("Perceuse");
  });

  it("a tag, and a list per network the member belongs to", async () => {
    const tagged = await rest.v1.timelines.tag.$select("accueil").list();
    expect(tagged.map((s) => plain(s.content)).join(" ")).toContain("Bienvenue aux nouveaux voisins");
    const lists = await rest.v1.lists.list();
    expect(lists).toEqual([expect.objectContaining({ title: "Les Lilas" })]);
    const inList = await rest.v1.timelines.list.$select(lists[0].id).list();
    expect(inList.length).toBe(5);
  });

  it("bad paging values: 422, never a 500", async () => {
    const res = await fetch(new URL("/api/v1/timelines/home?limit=abc", t.url), { headers: { authorization: `Bearer ${await tokenOf()}` } });
    expect(res.status).toBe(422);
    const list = await fetch(new URL("/api/v1/timelines/list/nope", t.url), { headers: { authorization: `Bearer ${await tokenOf()}` } });
    expect(list.status).toBe(404);
  });
});

let token: string | undefined;
async function tokenOf() {
  token ??= (await logInWithApp(t.url, await registerApp(t.url), "marie", "marie has a long password")).token;
  return token;
}
