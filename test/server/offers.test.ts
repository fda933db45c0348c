// Offers and requests through the API: posting (with a photo, for a sponsored
// neighbour), bad input with nothing half-saved, reading with visibility,
// filters and paging, editing and withdrawing, and the whole exchange:
// respond, talk, agree, done, thank; notifications, profile and home.
import { count, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actLogTable, exchangeParticipantTable, memberTable, networkTable, offerTable, partnershipTable, questionnaireAnswerTable, themeTable } from "../../db/schema/index.ts";
import { sweepOffers } from "../../server/domain/offers/expiry.ts";
import { noOfferOutbox } from "../../server/domain/offers/offers.ts";
import { joinWith, withNetwork, type Client } from "../helpers/app.ts";
import { APP_ORIGIN, createFederatedTestApp, type FederatedTestApp } from "../helpers/federated-app.ts";

let t: FederatedTestApp;
let admin: Client;
let sophie: Client; // animator of lilas
let marie: Client;
let paul: Client;
let olivier: Client; // member of voisins only
let anonymous: Client;

beforeAll(async () => {
  t = await createFederatedTestApp();
  admin = await withNetwork(t);
  await admin.post("/api/networks", { slug: "voisins", name: "Les Voisins" });
  sophie = await joinWith(t, admin, "sophie", "lilas", "animator");
  marie = await joinWith(t, sophie, "marie");
  paul = await joinWith(t, sophie, "paul");
  olivier = await joinWith(t, admin, "olivier", "voisins");
  anonymous = t.client();
});
afterAll(() => t.close());

const drill = { kind: "offer", theme: "pret-de-materiel", title: "Perceuse à prêter", body: "Une perceuse à percussion, avec ses mèches.", place: "Bâtiment C", availability: "Le week-end" };
const post = (client: Client, body: Record<string, unknown>, slug = "lilas") => client.post(`/api/networks/${slug}/offers`, body);
const list = async (client: Client, query = "", slug = "lilas") => {
  const res = await client.get(`/api/networks/${slug}/offers${query}`);
  expect(res.status).toBe(200);
  return res.body.offers as any[];
};
const offerCount = async () => (await t.db.select({ n: count() }).from(offerTable))[0].n;
const unread = async (client: Client) => (await client.get("/api/me/notifications/unread")).body.unread as number;

describe("posting", () => {
  it("a member posts an offer: network visibility by default, open, expiring in 90 days", async () => {
    const res = await post(marie, drill);
    expect(res.status).toBe(201);
    const o = res.body.offer;
    expect(o).toMatchObject({
      kind: "offer",
      title: "Perceuse à prêter",
      theme: { slug: "pret-de-materiel", labelFr: "Prêt de matériel", labelEn: "Tool and equipment loans" },
      visibility: "network",
      status: "open",
      place: "Bâtiment C",
      author: { handle: "marie", displayName: "Marie" },
      network: { slug: "lilas", name: "Les Lilas", remote: false },
      mine: true,
      conversations: [],
      photos: [],
    });
    expect(o.url).toBe(`${APP_ORIGIN}/n/lilas/o/${o.id}`);
    const days = (Date.parse(o.expiresAt) - Date.parse(o.createdAt)) / 86_400_000;
    expect(Math.round(days)).toBe(90);
  });

  it("refuses bad input naming the field, and saves nothing", async () => {
    const before = await offerCount();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...drill, title: "  " }, "title", "title_missing"],
      [{ ...drill, title: undefined }, "title", "invalid_input"],
      [{ ...drill, theme: "" }, "theme", "theme_missing"],
      [{ ...drill, theme: "astrologie" }, "theme", "unknown_theme"],
      [{ ...drill, title: "x".repeat(121) }, "title", "title_too_long"],
      [{ ...drill, body: "x".repeat(5001) }, "body", "body_too_long"],
      [{ ...drill, place: "12 rue des Lilas" }, "place", "place_too_precise"],
      [{ ...drill, availableFrom: "demain" }, "availableFrom", "invalid_date"],
      [{ ...drill, availableFrom: "2026-12-24", availableUntil: "2026-12-01" }, "availableUntil", "dates_reversed"],
      [{ ...drill, kind: "gift" }, "kind", "invalid_input"],
      [{ ...drill, visibility: "everyone" }, "visibility", "invalid_input"],
      [{ ...drill, media: ["00000000-0000-0000-0000-000000000000"] }, "media", "media_not_found"],
    ];
    for (const [body, field, code] of cases) {
      const res = await post(marie, body);
      expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.body.error).toMatchObject({ field, code });
    }
    // French by default, English on request.
    expect((await post(marie, { ...drill, theme: "astrologie" })).body.error.message).toBe("Ce thème n'existe pas");
    expect(await offerCount()).toBe(before);
  });

  it("non-members may not post, visitors must log in, unknown networks are 404", async () => {
    expect((await post(olivier, drill)).status).toBe(403);
    expect((await post(anonymous, drill)).status).toBe(401);
    expect((await post(marie, drill, "nowhere")).status).toBe(404);
  });

  it("a sponsor posts for a sponsored neighbour; the act is recorded by X for Y", async () => {
    expect((await sophie.post("/api/networks/lilas/sponsored", { handle: "jeanne", displayName: "Jeanne", sponsor: "paul" })).status).toBe(201);
    paul.actingFor = "jeanne";
    const res = await post(paul, { kind: "request", theme: "coups-de-main", title: "Monter mes courses au 3e", visibility: "network" });
    paul.actingFor = undefined;
    expect(res.status).toBe(201);
    expect(res.body.offer).toMatchObject({ author: { handle: "jeanne" }, postedBy: "paul", kind: "request" });
    const [jeanne] = await t.db.select().from(memberTable).where(eq(memberTable.handle, "jeanne"));
    const acts = await t.db.select().from(actLogTable).where(eq(actLogTable.forMemberId, jeanne.id));
    expect(acts.map((a) => a.action)).toContain("offer.post");
    // Not for a neighbour one does not sponsor.
    marie.actingFor = "jeanne";
    expect((await post(marie, drill)).status).toBe(403);
    marie.actingFor = undefined;
  });

  it("a photo is checked by content and attached; a text file named .jpg is refused", async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#c33" } }).png().toBuffer();
    const upload = await marie.upload("/api/networks/lilas/media", png, "perceuse.png");
    expect(upload.status).toBe(201);
    const res = await post(marie, { ...drill, title: "Perceuse avec photo", media: [upload.body.media.id] });
    expect(res.status).toBe(201);
    expect(res.body.offer.photos).toEqual([expect.objectContaining({ id: upload.body.media.id, width: 40, height: 30 })]);
    const fake = await marie.upload("/api/networks/lilas/media", new TextEncoder().encode("pas une image"), "photo.jpg");
    expect(fake.status).toBe(400);
    expect(fake.body.error).toMatchObject({ field: "file", code: "file_type_refused" });
    const huge = await marie.upload("/api/networks/lilas/media", new Uint8Array(11 * 1024 * 1024), "enorme.jpg");
    expect(huge.status).toBe(413);
    expect(huge.body.error.field).toBe("file");
    // An upload is attached once: reusing it is refused, nothing half-saved.
    const before = await offerCount();
    expect((await post(marie, { ...drill, media: [upload.body.media.id] })).body.error.code).toBe("media_not_found");
    expect(await offerCount()).toBe(before);
  });

  it("the list shows each offer's photos in order, as the offer's page does", async () => {
    const png = (background: string) => sharp({ create: { width: 12, height: 9, channels: 3, background } }).png().toBuffer();
    const first = (await marie.upload("/api/networks/lilas/media", await png("#3c3"), "avant.png")).body.media;
    const second = (await marie.upload("/api/networks/lilas/media", await png("#33c"), "apres.png")).body.media;
    const posted = (await post(marie, { ...drill, title: "Escabeau en photos", media: [first.id, second.id] })).body.offer;
    const listed = (await marie.get("/api/networks/lilas/offers")).body.offers.find((o: { id: string }) => o.id === posted.id);
    const page = (await marie.get(`/api/offers/${posted.id}`)).body.offer;
    expect(page.photos.map((p: { id: string }) => p.id)).toEqual([first.id, second.id]);
    expect(listed.photos).toEqual(page.photos);
  });
});

describe("reading", () => {
  it("visitors and non-members see public offers only; members all; filters by theme and kind", async () => {
    await post(marie, { ...drill, title: "Graines de tomates", theme: "don", visibility: "public" });
    await post(paul, { kind: "request", theme: "covoiturage", title: "Aller au marché samedi", visibility: "partners" });
    const forMembers = await list(marie);
    expect(new Set(forMembers.map((o) => o.visibility))).toEqual(new Set(["network", "partners", "public"]));
    for (const outsider of [olivier, anonymous]) {
      const seen = await list(outsider);
      expect(seen.map((o) => o.title)).toEqual(["Graines de tomates"]);
    }
    expect((await list(marie, "?theme=covoiturage")).map((o) => o.title)).toEqual(["Aller au marché samedi"]);
    expect((await list(marie, "?kind=request")).every((o) => o.kind === "request")).toBe(true);
    expect((await list(marie, "?network=lilas")).length).toBe(forMembers.length);
    expect((await marie.get("/api/networks/lilas/offers?kind=gift")).body.error.field).toBe("kind");
  });

  it("pages newest first with the last item's cursor", async () => {
    for (let i = 0; i < 22; i++) await post(sophie, { kind: "offer", theme: "loisirs", title: `Partie de cartes ${i}` });
    const first = await list(marie);
    expect(first).toHaveLength(20);
    const times = first.map((o) => Date.parse(o.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const second = await list(marie, `?cursor=${encodeURIComponent(first.at(-1).cursor)}`);
    expect(second.length).toBeGreaterThan(0);
    expect(second.some((o) => first.some((f) => f.id === o.id))).toBe(false);
    const all = (await t.db.select({ n: count() }).from(offerTable).where(eq(offerTable.status, "open")))[0].n;
    expect(first.length + second.length).toBe(all);
    expect((await marie.get("/api/networks/lilas/offers?cursor=nonsense")).body.error.field).toBe("cursor");
  });

  it("one offer by id: 404 when unknown or not visible", async () => {
    const [hidden] = (await list(marie)).filter((o) => o.visibility === "network");
    expect((await anonymous.get(`/api/offers/${hidden.id}`)).status).toBe(404);
    expect((await olivier.get(`/api/offers/${hidden.id}`)).status).toBe(404);
    expect((await paul.get(`/api/offers/${hidden.id}`)).status).toBe(200);
    expect((await paul.get("/api/offers/not-an-id")).status).toBe(404);
  });
});

describe("editing and withdrawing", () => {
  it("the author edits; someone else may not; visibility stays", async () => {
    const { offer } = (await post(marie, { ...drill, title: "Escabeau" })).body;
    const edited = await marie.patch(`/api/offers/${offer.id}`, { title: "Escabeau 5 marches", availableUntil: "2027-01-31" });
    expect(edited.status).toBe(200);
    expect(edited.body.offer).toMatchObject({ title: "Escabeau 5 marches", availableUntil: "2027-01-31", updatedAt: expect.any(String) });
    const other = await paul.patch(`/api/offers/${offer.id}`, { title: "À moi" });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe("not_offer_author");
    expect((await marie.patch(`/api/offers/${offer.id}`, { visibility: "public" })).body.error.field).toBe("visibility");
    expect((await marie.patch(`/api/offers/${offer.id}`, { title: "" })).body.error.field).toBe("title");
  });

  it("the author withdraws: it leaves the list; nothing can be agreed on it", async () => {
    const { offer } = (await post(marie, { ...drill, title: "Tondeuse" })).body;
    const conversation = (await paul.post(`/api/offers/${offer.id}/responses`, { message: "Je veux bien !" })).body.offer.conversations[0];
    expect((await paul.post(`/api/offers/${offer.id}/withdraw`)).status).toBe(403);
    expect((await marie.post(`/api/offers/${offer.id}/withdraw`)).body.offer.status).toBe("withdrawn");
    expect((await list(marie)).some((o) => o.id === offer.id)).toBe(false);
    const agreed = await marie.post(`/api/offers/${offer.id}/agree`, { conversations: [conversation.id] });
    expect(agreed.status).toBe(409);
    expect(agreed.body.error.code).toBe("offer_not_open");
    expect((await paul.post(`/api/offers/${offer.id}/responses`, {})).status).toBe(409);
  });
});

describe("an exchange", () => {
  let offer: any;
  it("a neighbour says « ça m'intéresse »; the author is notified and sees the conversation", async () => {
    offer = (await post(marie, { ...drill, title: "Perceuse pour étagères", visibility: "public" })).body.offer;
    const own = await marie.post(`/api/offers/${offer.id}/responses`, {});
    expect(own.body.error.code).toBe("own_offer");
    expect((await olivier.post(`/api/offers/${offer.id}/responses`, { message: "Moi aussi" })).status).toBe(201);
    const before = await unread(marie);
    const res = await paul.post(`/api/offers/${offer.id}/responses`, { message: "Je peux passer samedi ?" });
    expect(res.status).toBe(201);
    // Paul sees his conversation only.
    expect(res.body.offer.conversations).toHaveLength(1);
    expect(res.body.offer.conversations[0].messages[0]).toMatchObject({ body: "Je peux passer samedi ?", fromAuthor: false });
    expect(await unread(marie)).toBe(before + 1);
    const notes = (await marie.get("/api/me/notifications")).body.notifications;
    expect(notes[0]).toMatchObject({ kind: "offers.interest", from: "Paul", subject: { type: "offer", id: offer.id, title: "Perceuse pour étagères", path: `/n/lilas/o/${offer.id}` }, read: false });
    const seen = (await marie.get(`/api/offers/${offer.id}`)).body.offer;
    expect(seen.conversations.map((c: any) => c.responder.handle)).toEqual(["olivier", "paul"]);
    expect(seen.interested).toBe(2);
    // Nobody else reads them.
    expect((await sophie.get(`/api/offers/${offer.id}`)).body.offer.conversations).toEqual([]);
  });

  it("the author answers; only participants may write", async () => {
    const conversation = (await marie.get(`/api/offers/${offer.id}`)).body.offer.conversations.find((c: any) => c.responder.handle === "paul");
    const path = `/api/offers/${offer.id}/conversations/${conversation.id}/messages`;
    expect((await marie.post(path, { message: "Oui, à 10 h !" })).status).toBe(201);
    expect((await sophie.post(path, { message: "Je m'incruste" })).status).toBe(404);
    expect((await paul.post(path, { message: " " })).body.error).toMatchObject({ field: "message", code: "message_empty" });
    const mine = (await paul.get(`/api/offers/${offer.id}`)).body.offer.conversations[0];
    expect(mine.messages.map((m: any) => [m.fromAuthor, m.body])).toEqual([[false, "Je peux passer samedi ?"], [true, "Oui, à 10 h !"]]);
    expect(await unread(paul)).toBeGreaterThan(0);
    await paul.post("/api/me/notifications/read", {});
    expect(await unread(paul)).toBe(0);
  });

  it("the author agrees with a responder, marks it done; participants are recorded; both thank", async () => {
    const detail = (await marie.get(`/api/offers/${offer.id}`)).body.offer;
    const paulConv = detail.conversations.find((c: any) => c.responder.handle === "paul");
    expect((await paul.post(`/api/offers/${offer.id}/agree`, { conversations: [paulConv.id] })).status).toBe(403);
    expect((await marie.post(`/api/offers/${offer.id}/done`)).body.error.code).toBe("offer_not_agreed");
    expect((await marie.post(`/api/offers/${offer.id}/agree`, { conversations: ["00000000-0000-0000-0000-000000000000"] })).body.error.field).toBe("conversations");
    const agreed = await marie.post(`/api/offers/${offer.id}/agree`, { conversations: [paulConv.id] });
    expect(agreed.body.offer.status).toBe("agreed");
    expect((await paul.get("/api/me/notifications")).body.notifications[0].kind).toBe("offers.agreed");
    const done = await marie.post(`/api/offers/${offer.id}/done`);
    expect(done.body.offer).toMatchObject({ status: "done", participants: [{ handle: "marie" }, { handle: "paul" }] });
    const rows = await t.db.select().from(exchangeParticipantTable).where(eq(exchangeParticipantTable.offerId, offer.id));
    expect(rows).toHaveLength(2);
    expect((await olivier.post(`/api/offers/${offer.id}/thanks`, { note: "Merci" })).body.error.code).toBe("not_exchange_party");
    expect((await paul.post(`/api/offers/${offer.id}/thanks`, { note: "Merci Marie, les étagères tiennent !" })).status).toBe(201);
    expect((await marie.post(`/api/offers/${offer.id}/thanks`, { to: "olivier", note: "Merci" })).body.error.field).toBe("to");
    const thanked = await marie.post(`/api/offers/${offer.id}/thanks`, { to: "paul", note: "Merci d'avoir rendu la perceuse" });
    expect(thanked.body.offer.thanks.map((x: any) => `${x.from.handle}→${x.to.handle}`)).toEqual(["paul→marie", "marie→paul"]);
  });

  it("profiles show current offers and the number of exchanges; the home shows the week and matches", async () => {
    const profile = (await sophie.get("/api/networks/lilas/members/paul/offers")).body;
    expect(profile.exchanges).toBe(1);
    expect(profile.offers.map((o: any) => o.title)).toEqual(["Aller au marché samedi"]);
    expect((await anonymous.get("/api/networks/lilas/members/paul/offers")).body.offers).toEqual([]);
    // Olivier said in the questionnaire he would need a tool loan.
    const [theme] = await t.db.select().from(themeTable).where(eq(themeTable.slug, "pret-de-materiel"));
    const [o] = await t.db.select().from(memberTable).where(eq(memberTable.handle, "sophie"));
    await t.db.insert(questionnaireAnswerTable).values({ memberId: o.id, themeId: theme.id, choice: "need" });
    const home = (await sophie.get("/api/networks/lilas/offers/home")).body;
    expect(home.week.map((w: any) => w.theme.slug)).toContain("loisirs");
    expect(home.matches.length).toBeGreaterThan(0);
    expect(home.matches.every((m: any) => m.theme.slug === "pret-de-materiel" && m.kind === "offer")).toBe(true);
    expect(home.counts.exchanges).toBe(1);
  });
});

describe("expiry", () => {
  it("animators set the period; authors are reminded a week before, then it expires; renewing opens it again", async () => {
    expect((await marie.put("/api/networks/lilas/offer-settings", { expiryDays: 30 })).status).toBe(403);
    expect((await sophie.put("/api/networks/lilas/offer-settings", { expiryDays: 3 })).body.error.field).toBe("expiryDays");
    expect((await sophie.put("/api/networks/lilas/offer-settings", { expiryDays: 30 })).body).toEqual({ expiryDays: 30 });
    const { offer } = (await post(marie, { ...drill, title: "Cric de voiture" })).body;
    expect(Math.round((Date.parse(offer.expiresAt) - Date.parse(offer.createdAt)) / 86_400_000)).toBe(30);
    const publishing = { origin: APP_ORIGIN, outbox: noOfferOutbox };
    const day = 86_400_000;
    await sweepOffers(t.db, publishing, new Date(Date.now() + 25 * day));
    const notes = (await marie.get("/api/me/notifications")).body.notifications;
    expect(notes.some((n: any) => n.kind === "offers.expiring" && n.subject.id === offer.id)).toBe(true);
    await sweepOffers(t.db, publishing, new Date(Date.now() + 31 * day));
    expect((await marie.get(`/api/offers/${offer.id}`)).body.offer.status).toBe("expired");
    expect((await list(marie)).some((o) => o.id === offer.id)).toBe(false);
    const renewed = await marie.post(`/api/offers/${offer.id}/renew`);
    expect(renewed.body.offer.status).toBe("open");
    expect(Date.parse(renewed.body.offer.expiresAt)).toBeGreaterThan(Date.now() + 29 * day);
  });
});

describe("partner networks on this instance", () => {
  it("members of a partner network see its partner and public offers, marked with it; never its network ones", async () => {
    const [lilas] = await t.db.select().from(networkTable).where(eq(networkTable.slug, "lilas"));
    const [voisins] = await t.db.select().from(networkTable).where(eq(networkTable.slug, "voisins"));
    await t.db.insert(partnershipTable).values([
      { networkId: lilas.id, partnerActorId: `${APP_ORIGIN}/n/voisins`, state: "active" },
      { networkId: voisins.id, partnerActorId: `${APP_ORIGIN}/n/lilas`, state: "active" },
    ]);
    const shared = (await post(marie, { ...drill, title: "Remorque de vélo", visibility: "partners" })).body.offer;
    const hidden = (await post(marie, { ...drill, title: "Clé de la cave", visibility: "network" })).body.offer;
    const seen = await list(olivier, "", "voisins");
    const remorque = seen.find((o) => o.id === shared.id);
    expect(remorque).toMatchObject({ network: { slug: "lilas", name: "Les Lilas", remote: false } });
    expect(seen.some((o) => o.id === hidden.id)).toBe(false);
    expect((await list(olivier, "?network=lilas", "voisins")).every((o) => o.network.slug === "lilas")).toBe(true);
    expect((await olivier.get(`/api/offers/${shared.id}`)).status).toBe(200);
    expect((await olivier.get(`/api/offers/${hidden.id}`)).status).toBe(404);
    // He may answer it.
    expect((await olivier.post(`/api/offers/${shared.id}/responses`, { message: "Je peux l'emprunter ?" })).status).toBe(201);
  });
});

describe("the member's data", () => {
  it("the export includes their offers, conversations and thanks; deleting the account removes them", async () => {
    const exported = (await paul.get("/api/me/export")).body;
    expect(exported.offers.offers.map((o: any) => o.title)).toContain("Aller au marché samedi");
    expect(exported.offers.messages.map((m: any) => m.body)).toContain("Je peux passer samedi ?");
    expect(exported.offers.thanks.length).toBe(2);
    expect(exported.offers.exchanges).toHaveLength(1);
    expect(JSON.stringify(exported.offers)).not.toContain("'perceuse'"); // no search vectors
    const [olivierRow] = await t.db.select().from(memberTable).where(eq(memberTable.handle, "olivier"));
    expect((await olivier.delete("/api/me", { password: "olivier has a long password" })).status).toBe(204);
    const left = await t.db.select().from(offerTable).where(eq(offerTable.authorId, olivierRow.id));
    expect(left).toEqual([]);
    expect(JSON.stringify((await marie.get("/api/networks/lilas/offers?status=done")).body)).not.toContain("olivier");
  });
});
