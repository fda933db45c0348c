// Link previews (issue #10, item 5): Mastodon's link cards and messaging
// apps read <title>, <meta name="description"> and the OpenGraph tags of the
// HTML the server sends (Mastodon's LinkDetailsExtractor: og:title, then
// <title>; og:description, then description; og:image; og:site_name). Each
// public page kind has them; members-only, partners-only, withdrawn,
// deleted and unknown items give nothing away.
import sharp from "sharp";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinWith, withNetwork, type Client } from "../helpers/app.ts";
import { APP_ORIGIN, createFederatedTestApp, type FederatedTestApp } from "../helpers/federated-app.ts";

let t: FederatedTestApp;
let sophie: Client; // animator of lilas
let marie: Client;
const ids: Record<string, string> = {};

const photo = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: "#2a6" } }).jpeg().toBuffer();

// What Mastodon sends when it fetches a link for its card.
const page = async (path: string) => {
  const res = await t.app.request(path, { headers: { accept: "text/html", "user-agent": "http.rb/5.1.1 (Mastodon/4.3.0; +https://mastodon.example/)" } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/html/);
  return res.text();
};

/** The page's <title> and its meta tags by name or property, entities decoded as an HTML parser would. */
function metaOf(html: string) {
  const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e as string]!);
  const tags: Record<string, string> = {};
  for (const m of html.matchAll(/<meta (name|property)="([^"]+)" content="([^"]*)">/g)) tags[m[2]] = decode(m[3]);
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1];
  return { title: title === undefined ? undefined : decode(title), tags };
}

const generic = (html: string) => {
  const { title, tags } = metaOf(html);
  expect(title).toBe("Maillage");
  expect(tags).toEqual({});
};

beforeAll(async () => {
  t = await createFederatedTestApp();
  sophie = await withNetwork(t);
  marie = await joinWith(t, sophie, "marie");
  await sophie.patch("/api/networks/lilas", { description: "Entraide entre voisins de la rue des Lilas : prêts, coups de main et café chaque mois." });
  const logo = await sophie.upload("/api/networks/lilas/media", await photo(400, 400), "logo.jpg");
  await sophie.put("/api/networks/lilas/icon", { media: logo.body.media.id });
  ids.logo = logo.body.media.url;
  await marie.patch("/api/me", { bio: "Jardinière du bâtiment C, j’aime prêter mes outils." });

  const created = async (key: string, res: { status: number; body: any; text: string }, field: string) => {
    expect(res.status, res.text).toBe(201);
    ids[key] = res.body[field].id;
  };
  const upload = async (client: Client, description: string) => {
    const up = await client.upload("/api/networks/lilas/media", await photo(1200, 800), "photo.jpg");
    await client.patch(`/api/media/${up.body.media.id}`, { description });
    return up.body.media;
  };
  const drillPhoto = await upload(marie, "Une perceuse rouge");
  ids.drillPhoto = drillPhoto.url;
  const offer = (body: Record<string, unknown>) => marie.post("/api/networks/lilas/offers", { kind: "offer", theme: "pret-de-materiel", ...body });
  await created("offer", await offer({ title: 'Perceuse "pro" <script>alert(1)</script> & mèches', body: "Avec ses mèches, à rendre propre.", place: "Bâtiment C", visibility: "public", media: [drillPhoto.id] }), "offer");
  await created("request", await marie.post("/api/networks/lilas/offers", { kind: "request", theme: "coups-de-main", title: "Porter un canapé", visibility: "public" }), "offer");
  await created("networkOffer", await offer({ title: "Secret des Lilas", body: "Entre nous seulement", visibility: "network" }), "offer");
  await created("partnersOffer", await offer({ title: "Remorque partenaire", body: "Pour nos partenaires", visibility: "partners" }), "offer");
  await created("withdrawn", await offer({ title: "Escabeau retiré", visibility: "public" }), "offer");
  expect((await marie.post(`/api/offers/${ids.withdrawn}/withdraw`)).status).toBe(200);

  const announce = (body: Record<string, unknown>) => sophie.post("/api/networks/lilas/announcements", body);
  const cups = await upload(sophie, "Les tasses du café sur la table");
  await created("announcement", await announce({ content: "Café de décembre samedi !\nOn vous attend nombreux à la salle des fêtes, avec des crêpes.", visibility: "public", photos: [cups.id] }), "announcement");
  ids.cups = cups.url;
  await created("networkAnnouncement", await announce({ content: "Réunion secrète du groupe", visibility: "network" }), "announcement");
  await created("deleted", await announce({ content: "Annonce effacée", visibility: "public" }), "announcement");
  expect((await sophie.delete(`/api/announcements/${ids.deleted}`)).status).toBeLessThan(300);

  const event = (body: Record<string, unknown>) =>
    sophie.post("/api/networks/lilas/events", {
      kind: "cafe",
      title: "Café-rencontre de février",
      body: "On se retrouve autour d'un café.",
      startsAt: "2027-02-06T10:00",
      endsAt: "2027-02-06T12:00",
      place: { name: "Salle des fêtes", street: "2 rue des Lilas", postalCode: "44000", locality: "Nantes" },
      ...body,
    });
  const eventRes = await event({ visibility: "public" });
  expect(eventRes.status, eventRes.text).toBe(201);
  ids.event = (eventRes.body.event ?? eventRes.body.events[0]).id;
  const privateEvent = await event({ title: "Pique-nique privé", visibility: "partners" });
  ids.partnersEvent = (privateEvent.body.event ?? privateEvent.body.events[0]).id;

  const resource = (body: Record<string, unknown>) => sophie.post("/api/networks/lilas/commons", { kind: "fiche", ...body });
  await created("resource", await resource({ title: "Animer un café-rencontre", summary: "Accueillir, écouter, relier", body: "# Accueil\n\nServir le café", visibility: "public" }), "resource");
  await created("bodyOnly", await resource({ title: "Prêter sans s’inquiéter", body: "## Avant\n\nNoter **qui** emprunte & quand.", visibility: "public" }), "resource");
  await created("networkResource", await resource({ title: "Fiche interne", summary: "Notre liste de contacts", visibility: "network" }), "resource");
});
afterAll(() => t.close());

describe("public pages carry their link preview", () => {
  it("the network page: its name, description and logo", async () => {
    const { title, tags } = metaOf(await page("/n/lilas"));
    expect(title).toBe("Les Lilas · Maillage");
    expect(tags).toMatchObject({
      description: "Entraide entre voisins de la rue des Lilas : prêts, coups de main et café chaque mois.",
      "og:title": "Les Lilas",
      "og:description": "Entraide entre voisins de la rue des Lilas : prêts, coups de main et café chaque mois.",
      "og:type": "website",
      "og:url": `${APP_ORIGIN}/n/lilas`,
      "og:site_name": "Les Lilas",
      "og:image": ids.logo,
      "og:image:type": "image/jpeg",
      "og:image:width": "400",
      "og:image:height": "400",
      "twitter:card": "summary",
    });
    expect(tags.robots).toBeUndefined();
    const offers = metaOf(await page("/n/lilas/offers"));
    expect(offers.tags).toMatchObject({ "og:title": "Offres et demandes · Les Lilas", "og:url": `${APP_ORIGIN}/n/lilas/offers` });
  });

  it("a public offer: what is offered, its theme and place, its photo as a large card; markup stays text", async () => {
    const html = await page(`/n/lilas/o/${ids.offer}`);
    const { title, tags } = metaOf(html);
    expect(title).toBe('Je propose : Perceuse "pro" <script>alert(1)</script> & mèches · Les Lilas');
    expect(tags).toMatchObject({
      "og:title": 'Je propose : Perceuse "pro" <script>alert(1)</script> & mèches',
      "og:description": "Prêt de matériel · 📍 Bâtiment C — Avec ses mèches, à rendre propre.",
      "og:type": "article",
      "og:url": `${APP_ORIGIN}/n/lilas/o/${ids.offer}`,
      "og:image": ids.drillPhoto,
      "og:image:width": "1200",
      "og:image:height": "800",
      "og:image:alt": "Une perceuse rouge",
      "twitter:card": "summary_large_image",
    });
    expect(html).not.toContain("<script>alert(1)</script>");
    // The request has no photo: the network's logo stands in.
    const request = metaOf(await page(`/n/lilas/o/${ids.request}`));
    expect(request.tags).toMatchObject({ "og:title": "Je cherche : Porter un canapé", "og:description": "Coups de main", "og:image": ids.logo, "twitter:card": "summary" });
  });

  it("a public announcement: its first line as title, the rest as description, its photo", async () => {
    const { title, tags } = metaOf(await page(`/n/lilas/a/${ids.announcement}`));
    expect(title).toBe("Café de décembre samedi ! · Les Lilas");
    expect(tags).toMatchObject({
      "og:title": "Café de décembre samedi !",
      "og:description": "On vous attend nombreux à la salle des fêtes, avec des crêpes.",
      "og:image": ids.cups,
      "og:image:alt": "Les tasses du café sur la table",
      "twitter:card": "summary_large_image",
    });
  });

  it("a public event: its title, the date, time and place in French", async () => {
    const { tags } = metaOf(await page(`/n/lilas/e/${ids.event}`));
    expect(tags).toMatchObject({
      "og:title": "Café-rencontre de février",
      "og:description": "Café-rencontre — samedi 6 février 2027, de 10 h à 12 h — Salle des fêtes, 2 rue des Lilas, 44000 Nantes. On se retrouve autour d'un café.",
      "og:url": `${APP_ORIGIN}/n/lilas/e/${ids.event}`,
      "og:image": ids.logo,
    });
  });

  it("a public resource: its summary, else the start of its text without the Markdown", async () => {
    expect(metaOf(await page(`/n/lilas/r/${ids.resource}`)).tags).toMatchObject({ "og:title": "Animer un café-rencontre", "og:description": "Accueillir, écouter, relier", "og:type": "article" });
    expect(metaOf(await page(`/n/lilas/r/${ids.bodyOnly}`)).tags["og:description"]).toBe("Avant Noter qui emprunte & quand.");
  });

  it("a member: the name and bio the actor shows anyway, kept out of search engines", async () => {
    const { title, tags } = metaOf(await page("/m/marie"));
    expect(title).toBe("Marie (@marie@maillage.test) · Maillage");
    expect(tags).toMatchObject({ "og:title": "Marie (@marie@maillage.test)", "og:description": "Jardinière du bâtiment C, j’aime prêter mes outils.", "og:type": "profile", robots: "noindex" });
    expect(tags["og:image"]).toBe(`${APP_ORIGIN}/preview.png`);
  });

  it("ActivityPub clients still get the object, not the page", async () => {
    const res = await t.app.request(`/n/lilas/o/${ids.offer}`, { headers: { accept: "application/activity+json" } });
    expect(res.headers.get("content-type")).toMatch(/activity\+json|ld\+json/);
  });
});

describe("private, gone and unknown items give nothing away", () => {
  it.each([
    ["a members-only offer", () => `/n/lilas/o/${ids.networkOffer}`, ["Secret des Lilas", "Entre nous"]],
    ["a partners-only offer", () => `/n/lilas/o/${ids.partnersOffer}`, ["Remorque partenaire"]],
    ["a withdrawn offer", () => `/n/lilas/o/${ids.withdrawn}`, ["Escabeau"]],
    ["a members-only announcement", () => `/n/lilas/a/${ids.networkAnnouncement}`, ["Réunion secrète"]],
    ["a deleted announcement", () => `/n/lilas/a/${ids.deleted}`, ["Annonce effacée"]],
    ["a partners-only event", () => `/n/lilas/e/${ids.partnersEvent}`, ["Pique-nique"]],
    ["a members-only resource", () => `/n/lilas/r/${ids.networkResource}`, ["Fiche interne", "contacts"]],
    ["a public offer under another network's address", () => `/n/autre/o/${ids.offer}`, ["Perceuse"]],
    ["an unknown id", () => "/n/lilas/o/00000000-0000-4000-8000-000000000000", []],
    ["an unknown member", () => "/m/personne", []],
    ["an unknown network", () => "/n/personne", []],
  ])("%s: the generic title only", async (_, path, secrets) => {
    const html = await page(path());
    generic(html);
    for (const secret of secrets as string[]) expect(html).not.toContain(secret);
  });

  it("pages that are no item's keep the generic shell", async () => {
    generic(await page("/login"));
    generic(await page("/n/lilas/o/not-a-uuid"));
  });

  it("the generic shell goes with the page's security headers, an ETag, gzipped to a browser that accepts it, 304 when unchanged", async () => {
    const plain = await t.app.request("/login");
    const gzipped = await t.app.request("/agenda", { headers: { "accept-encoding": "gzip, deflate, br" } });
    for (const res of [plain, gzipped]) {
      expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
      expect(res.headers.get("cache-control")).toBe("no-cache");
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    }
    const html = await plain.text();
    if (Buffer.byteLength(html) >= 1024) {
      expect(gzipped.headers.get("content-encoding")).toBe("gzip");
      expect(gunzipSync(Buffer.from(await gzipped.arrayBuffer())).toString()).toBe(html);
    }
    const again = await t.app.request("/offers", { headers: { "if-none-match": plain.headers.get("etag")! } });
    expect(again.status).toBe(304);
    expect(again.headers.get("content-security-policy")).toContain("script-src 'self'");
  });
});
