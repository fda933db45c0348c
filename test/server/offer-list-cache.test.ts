// The offers list and search come from a per-viewer cache of their JSON
// (server/http/api-response-cache.ts), yet every change shows at once: new,
// edited and withdrawn offers, blocks, memberships, partnerships, themes, an
// offer's expiry; two viewers never share an answer; and a change made through
// another app on the same database is seen at once.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/client.ts";
import { membershipTable, memberTable, networkTable, partnershipTable, themeTable } from "../../db/schema/index.ts";
import { createApp } from "../../server/app.ts";
import { loadConfig } from "../../server/config.ts";
import { DocumentCache } from "../../server/http/document-cache.ts";
import { sweepOffers } from "../../server/domain/offers/expiry.ts";
import { noOfferOutbox } from "../../server/domain/offers/offers.ts";
import { adminAccount, Client, createTestApp, joinWith, withNetwork, type TestApp } from "../helpers/app.ts";
import { createTestDatabaseServer } from "../helpers/db.ts";

const LIST = "/api/networks/lilas/offers";

/** The titles a client sees, and whether the answer was built (false: from the cache). */
async function seen(client: Client, query = "") {
  const put = vi.spyOn(DocumentCache.prototype, "put");
  try {
    const res = await client.get(`${LIST}${query}`);
    expect(res.status).toBe(200);
    const titles: string[] = res.body.offers.map((o: { title: string }) => o.title).sort();
    return { titles, built: put.mock.calls.length > 0, body: res.body, etag: res.headers.get("etag") };
  } finally {
    put.mockRestore();
  }
}

const post = async (client: Client, title: string, visibility = "network") => {
  const res = await client.post(LIST, { kind: "offer", theme: "pret-de-materiel", title, visibility });
  expect(res.status).toBe(201);
  return res.body.offer as { id: string; expiresAt: string };
};

describe("one app", () => {
  let t: TestApp;
  let admin: Client;
  let marie: Client;
  let paul: Client;
  let visitor: Client;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await withNetwork(t);
    [marie, paul] = [await joinWith(t, admin, "marie"), await joinWith(t, admin, "paul")];
    visitor = t.client();
    await post(marie, "Perceuse de Marie");
    await post(paul, "Vélo de Paul");
  });
  afterAll(() => t.close());
  afterEach(() => vi.useRealTimers());

  it("serves a list again without building it, with an ETag and 304; a search too", async () => {
    const first = await seen(marie);
    expect(first.titles).toEqual(["Perceuse de Marie", "Vélo de Paul"]);
    const again = await seen(marie);
    expect(again.built).toBe(false);
    expect(again.body).toEqual(first.body);
    expect(again.etag).toBe(first.etag);
    expect((await marie.get(LIST, { "if-none-match": first.etag! })).status).toBe(304);
    expect((await seen(marie, "?q=perceuse")).titles).toEqual(["Perceuse de Marie"]);
    expect((await seen(marie, "?q=perceuse")).built).toBe(false);
    expect((await seen(marie, "?q=velo")).titles).toEqual(["Vélo de Paul"]);
  });

  it("shows a new, an edited and a withdrawn offer at once, in the list and in search", async () => {
    await seen(marie);
    await seen(marie, "?q=scie");
    const saw = await post(paul, "Scie sauteuse");
    expect((await seen(marie)).titles).toContain("Scie sauteuse");
    expect((await seen(marie, "?q=scie")).titles).toEqual(["Scie sauteuse"]);
    expect((await paul.patch(`/api/offers/${saw.id}`, { title: "Scie circulaire" })).status).toBe(200);
    expect((await seen(marie)).titles).toContain("Scie circulaire");
    expect((await seen(marie, "?q=scie")).titles).toEqual(["Scie circulaire"]);
    expect((await paul.post(`/api/offers/${saw.id}/withdraw`)).status).toBe(200);
    expect((await seen(marie)).titles).not.toContain("Scie circulaire");
    expect((await seen(marie, "?q=scie")).titles).toEqual([]);
  });

  it("gives two viewers with different blocks different answers, and a new block shows at once", async () => {
    const zoe = await joinWith(t, admin, "zoe");
    await post(zoe, "Livres de Zoé");
    const everything = ["Livres de Zoé", "Perceuse de Marie", "Vélo de Paul"];
    for (const client of [zoe, marie, paul]) expect((await seen(client)).titles).toEqual(everything);
    expect((await zoe.post("/api/me/blocks", { handle: "paul" })).status).toBe(201);
    expect((await seen(zoe)).titles).toEqual(["Livres de Zoé", "Perceuse de Marie"]);
    expect((await seen(zoe, "?q=velo")).titles).toEqual([]);
    expect((await seen(paul)).titles).toEqual(["Perceuse de Marie", "Vélo de Paul"]);
    expect((await seen(marie)).titles).toEqual(everything);
  });

  it("follows a membership ending, a theme renamed and a partnership ended", async () => {
    const publicOne = await post(marie, "Escabeau public", "public");
    await post(marie, "Tondeuse des partenaires", "partners");
    // Paul leaves the network: he sees what a visitor sees.
    expect((await seen(paul)).titles).toContain("Perceuse de Marie");
    const [paulRow] = await t.handle.db.select().from(memberTable).where(eq(memberTable.handle, "paul"));
    await t.handle.db.delete(membershipTable).where(eq(membershipTable.memberId, paulRow.id));
    expect((await seen(paul)).titles).toEqual(["Escabeau public"]);

    const label = async (client: Client) => (await seen(client)).body.offers.find((o: { id: string }) => o.id === publicOne.id).theme.labelFr;
    expect(await label(visitor)).not.toBe("Outils à prêter");
    await t.handle.db.update(themeTable).set({ labelFr: "Outils à prêter" }).where(and(eq(themeTable.slug, "pret-de-materiel"), isNull(themeTable.networkId)));
    expect(await label(visitor)).toBe("Outils à prêter");

    // A member of a partner network on this instance sees the partners' offers, until the partnership ends.
    expect((await admin.post("/api/networks", { slug: "roses", name: "Les Roses" })).status).toBe(201);
    const rose = await joinWith(t, admin, "rose", "roses");
    const [lilas] = await t.handle.db.select().from(networkTable).where(eq(networkTable.slug, "lilas"));
    await t.handle.db.insert(partnershipTable).values({ networkId: lilas.id, partnerActorId: `${t.config.publicUrl.origin}/n/roses`, state: "active" });
    expect((await seen(rose)).titles).toEqual(["Escabeau public", "Tondeuse des partenaires"]);
    await t.handle.db.update(partnershipTable).set({ state: "ended" }).where(eq(partnershipTable.networkId, lilas.id));
    expect((await seen(rose)).titles).toEqual(["Escabeau public"]);
  });

  it("keeps no answer past the first expiry it lists; the expired offer then leaves", async () => {
    const before = await seen(visitor);
    expect(before.titles).toEqual(["Escabeau public"]);
    expect((await seen(visitor)).built).toBe(false);
    const expiry = Date.parse(before.body.offers[0].expiresAt);
    vi.useFakeTimers({ toFake: ["Date"], now: expiry + 1000 });
    expect((await seen(visitor)).built).toBe(true);
    await sweepOffers(t.handle.db, { origin: t.config.publicUrl.origin, outbox: noOfferOutbox }, new Date());
    expect((await seen(visitor)).titles).toEqual([]);
  });
});

describe("two apps on one database", () => {
  let server: Awaited<ReturnType<typeof createTestDatabaseServer>>;
  const handles: DatabaseHandle[] = [];
  let one: Client;
  let other: Client;

  const appOn = async () => {
    const handle = await openDatabase({ url: server.url });
    handles.push(handle);
    const config = loadConfig({ PUBLIC_URL: "https://maillage.test", DATA_DIR: mkdtempSync(join(tmpdir(), "maillage-app-")), WEB_DIST: join(tmpdir(), "maillage-no-web") });
    return new Client(createApp({ db: handle.db, dbKind: handle.kind, config }));
  };

  beforeAll(async () => {
    server = await createTestDatabaseServer();
    const admin = await appOn();
    await admin.post("/api/setup", adminAccount);
    expect((await admin.post("/api/networks", { slug: "lilas", name: "Les Lilas" })).status).toBe(201);
    // The same admin, logged in through each app.
    [one, other] = [await appOn(), await appOn()];
    for (const client of [one, other]) expect((await client.post("/api/session", { handle: adminAccount.handle, password: adminAccount.password })).status).toBe(200);
  });
  afterAll(async () => {
    for (const handle of handles) await handle.close();
    await server.close();
  });

  it("shows through one app, at once, an offer posted through the other", async () => {
    expect((await seen(one)).titles).toEqual([]);
    expect((await seen(one)).built).toBe(false);
    await post(other, "Perceuse d'ailleurs");
    expect((await seen(one)).titles).toEqual(["Perceuse d'ailleurs"]);
    expect((await seen(one, "?q=perceuse")).titles).toEqual(["Perceuse d'ailleurs"]);
  });
});
