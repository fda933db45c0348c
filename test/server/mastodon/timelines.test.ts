// Reading Maillage from a Mastodon app (issue #15, item 4): every item of the
// member's networks becomes a Status that reads well, paged as Mastodon does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRestAPIClient, createStreamingAPIClient, type mastodon } from "masto";
import { joinWith, withNetwork, type Client } from "../../helpers/app.ts";
import { logInWithApp, registerApp, serveTestApp, type ServedApp } from "../../helpers/mastodon.ts";
import { countStatements } from "../../helpers/statements.ts";
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

  it("a profile's statuses: a member's own posts, a network's items, as the viewer may see them", async () => {
    const me = await rest.v1.accounts.verifyCredentials();
    const mine = await rest.v1.accounts.$select(me.id).statuses.list();
    expect(mine.map((s) => s.account.acct)).toEqual(["marie", "marie", "marie"]);
    expect(mine.map((s) => plain(s.content)).join(" ")).toContain("Perceuse");
    const network = (await rest.v1.accounts.lookup({ acct: "lilas" }))!;
    const items = await rest.v1.accounts.$select(network.id).statuses.list({ limit: 40 });
    expect(items.length).toBe(5);
    const tagged = await rest.v1.accounts.$select(me.id).statuses.list({ tagged: "accueil" });
    expect(tagged.map((s) => plain(s.content))).toEqual([expect.stringContaining("Bienvenue")]);
    expect(await rest.v1.accounts.$select(me.id).statuses.list({ pinned: true })).toEqual([]);
    // A visitor sees only what is public: the café and the fiche, none of marie's network-only posts.
    const anonymous = createRestAPIClient({ url: t.url });
    expect(await anonymous.v1.accounts.$select(me.id).statuses.list()).toEqual([]);
    const seen = await anonymous.v1.accounts.$select(network.id).statuses.list();
    expect(seen.map((s) => plain(s.content))).toEqual(expect.arrayContaining([expect.stringContaining("Café des voisins"), expect.stringContaining("Composter")]));
    expect(seen.length).toBe(2);
    const unknown = await fetch(new URL("/api/v1/accounts/nope/statuses", t.url));
    expect(unknown.status).toBe(404);
  });

  it("bad paging values: 422, never a 500", async () => {
    const res = await fetch(new URL("/api/v1/timelines/home?limit=abc", t.url), { headers: { authorization: `Bearer ${await tokenOf()}` } });
    expect(res.status).toBe(422);
    const list = await fetch(new URL("/api/v1/timelines/list/nope", t.url), { headers: { authorization: `Bearer ${await tokenOf()}` } });
    expect(list.status).toBe(404);
  });
});

// Last: these add items to the timeline the tests above count.
describe("the accounts of a page", () => {
  it("cost the same statements whatever the number of authors (loaded together)", async () => {
    const statementsOfHome = async () => {
      const counter = countStatements(t.handle);
      const res = await fetch(new URL("/api/v1/timelines/home?limit=20", t.url), { headers: { authorization: `Bearer ${await tokenOf()}` } });
      const page = (await res.json()) as { account: { acct: string } }[];
      counter.stop();
      // The token's "last used" is written at most once a minute: not the page's cost.
      return { statements: counter.texts.filter((q) => !q.startsWith('update "mastodon_token"')).length, authors: new Set(page.map((s) => s.account.acct)).size };
    };
    const before = await statementsOfHome();
    for (const handle of ["jules", "lea", "omar"]) {
      const neighbour = await joinWith(t, admin, handle);
      expect((await neighbour.post("/api/networks/lilas/announcements", { content: `Bonjour, c'est ${handle}` })).status).toBe(201);
    }
    const after = await statementsOfHome();
    expect(after.authors).toBe(before.authors + 3);
    expect(after.statements).toBe(before.statements);
  });
});

describe("streaming the home timeline", () => {
  const readUntil = async (reader: ReadableStreamDefaultReader<string>, text: { value: string }, wanted: RegExp) => {
    while (!wanted.test(text.value)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended: ${text.value}`);
      text.value += value;
    }
    return wanted.exec(text.value)!;
  };

  it("a quiet stream sends no query; a new announcement comes as `update`, an edit as `status.update`, a deletion as `delete` (server-sent events)", async () => {
    const stop = new AbortController();
    const res = await fetch(new URL("/api/v1/streaming/user", t.url), { headers: { authorization: `Bearer ${await tokenOf()}` }, signal: stop.signal });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    const text = { value: "" };
    await readUntil(reader, text, /:\)/);

    // Woken by NOTIFY, not polling: longer than the old 2-second poll, and not one statement.
    const counter = countStatements(t.handle);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    counter.stop();
    expect(counter.texts).toEqual([]);

    const posted = await admin.post("/api/networks/lilas/announcements", { content: "Vide-grenier dimanche dans la cour" });
    expect(posted.status).toBe(201);
    const [, update] = await readUntil(reader, text, /event: update\ndata: (.+)\n\n/);
    const status = JSON.parse(update);
    expect(plain(status.content)).toContain("Vide-grenier dimanche dans la cour");
    expect(status).toMatchObject({ visibility: "private", account: { acct: "camille" } });

    expect((await admin.patch(`/api/announcements/${posted.body.announcement.id}`, { content: "Vide-grenier samedi dans la cour" })).status).toBe(200);
    const [, edited] = await readUntil(reader, text, /event: status\.update\ndata: (.+)\n\n/);
    expect(JSON.parse(edited)).toMatchObject({ id: status.id });
    expect(plain(JSON.parse(edited).content)).toContain("samedi");

    expect((await admin.delete(`/api/announcements/${posted.body.announcement.id}`)).status).toBeLessThan(300);
    const [, deleted] = await readUntil(reader, text, /event: delete\ndata: (.+)\n\n/);
    expect(deleted).toBe(status.id);
    stop.abort();
  });

  it("and through the WebSocket `user` stream (masto.js), with the notifications", async () => {
    const streaming = createStreamingAPIClient({ streamingApiUrl: t.url.replace(/^http/, "ws"), accessToken: await tokenOf(), retry: false });
    const subscription = streaming.user.subscribe();
    const events = (async function* () {
      for await (const event of subscription) yield event;
    })();
    const next = async (name: string) => {
      for (let e = await events.next(); !e.done; e = await events.next()) if (e.value.event === name) return e.value.payload as mastodon.v1.Status & mastodon.v1.Notification;
      throw new Error("stream ended");
    };
    // Everything from the moment the app connects comes, even before its subscription is in place.
    await expect.poll(() => t.streaming.clients.size, { timeout: 10_000 }).toBeGreaterThan(0);
    expect((await admin.post("/api/networks/lilas/announcements", { content: "Qui a perdu un trousseau de clés ?" })).status).toBe(201);
    const update = await next("update");
    expectShape(update, statusShape);
    expect(plain(update.content)).toContain("Qui a perdu un trousseau de clés ?");
    expect(update.account.acct).toBe("camille");

    // Camille answers Marie's offer: a notification on the same stream.
    const offers = await marie.get("/api/networks/lilas/offers");
    const drill = offers.body.offers.find((o: { title: string }) => o.title === "Perceuse à prêter");
    expect((await admin.post(`/api/offers/${drill.id}/responses`, { message: "Je peux l'emprunter ?" })).status).toBeLessThan(300);
    const notification = await next("notification");
    expect(notification.type).toBe("mention");
    expect(notification.account.acct).toBe("camille");
    subscription.unsubscribe();
    streaming.close();
  });
});

let token: string | undefined;
async function tokenOf() {
  token ??= (await logInWithApp(t.url, await registerApp(t.url), "marie", "marie has a long password")).token;
  return token;
}
