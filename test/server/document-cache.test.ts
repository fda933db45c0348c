// ActivityPub documents come from a cache of their serialised form (ETag,
// 304), yet a change shows at once, and partners-only objects keep their
// authorisation check: a kept copy never reaches a non-partner.
import { gunzipSync } from "node:zlib";
import { signRequest } from "@fedify/fedify";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { networkTable, partnershipTable, remoteActorTable } from "../../db/schema/index.ts";
import { joinWith, withNetwork, type Client } from "../helpers/app.ts";
import { APP_ORIGIN, createFederatedTestApp, type FederatedTestApp } from "../helpers/federated-app.ts";
import { signedPost, type RemoteActorKeys } from "../federation/support/fake-fediverse.ts";

const AP = "application/activity+json";
let t: FederatedTestApp;
let sophie: Client;
let alice: RemoteActorKeys;
let partner: RemoteActorKeys;
let stranger: RemoteActorKeys;

const get = async (path: string, headers: Record<string, string> = {}) =>
  await t.app.request(new URL(path, APP_ORIGIN).href, { headers: { accept: AP, ...headers } });
const signedGet = async (url: string, signer: RemoteActorKeys) =>
  await t.app.request(await signRequest(new Request(url, { headers: { accept: AP } }), signer.privateKey, new URL(signer.keyId)));

/** Whether Fedify built the answer (true) or the cache gave it (false). */
async function built<T>(request: () => Promise<T>): Promise<{ result: T; built: boolean }> {
  const spy = vi.spyOn(t.federation, "fetch");
  try {
    const result = await request();
    return { result, built: spy.mock.calls.length > 0 };
  } finally {
    spy.mockRestore();
  }
}

beforeAll(async () => {
  t = await createFederatedTestApp();
  const admin = await withNetwork(t);
  sophie = await joinWith(t, admin, "sophie", "lilas", "animator");
  await t.seedKeysOf("network", "lilas");
  alice = await t.remote.addActor({ id: "https://mastodon.example/users/alice" });
  partner = await t.remote.addActor({ id: "https://ailleurs.example/n/fontaine", type: "Group", sharedInbox: null });
  stranger = await t.remote.addActor({ id: "https://elsewhere.example/users/eve" });
  const [lilas] = await t.db.select().from(networkTable);
  await t.db.insert(remoteActorTable).values({ id: partner.id, type: "Group", host: "ailleurs.example", inbox: partner.inbox });
  await t.db.insert(partnershipTable).values({ networkId: lilas.id, partnerActorId: partner.id, state: "active" });
});
afterAll(() => t.close());

describe("a cached actor document", () => {
  it("is served again without being built, with an ETag and 304, and a rename shows at once", async () => {
    const first = await get("/n/lilas");
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^".+"$/);
    const again = await built(() => get("/n/lilas"));
    expect(again.built).toBe(false);
    expect(again.result.headers.get("etag")).toBe(etag);
    expect(await again.result.json()).toEqual(await first.json());
    const notModified = await get("/n/lilas", { "if-none-match": etag });
    expect(notModified.status).toBe(304);

    expect((await sophie.patch("/api/networks/lilas", { name: "Les Lilas en fleurs" })).status).toBe(200);
    const renamed = await get("/n/lilas", { "if-none-match": etag });
    expect(renamed.status).toBe(200);
    expect(renamed.headers.get("etag")).not.toBe(etag);
    expect(await renamed.json()).toMatchObject({ name: "Les Lilas en fleurs" });
  });

  it("goes gzipped to a client that accepts it, made once, with a weak ETag that 304s", async () => {
    const plain = await (await get("/n/lilas")).text();
    for (let i = 0; i < 2; i++) {
      const res = await get("/n/lilas", { "accept-encoding": "br;q=0, gzip, deflate" });
      expect(res.headers.get("content-encoding")).toBe("gzip");
      expect(res.headers.get("vary")).toMatch(/Accept-Encoding/i);
      expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString("utf8")).toBe(plain);
      const etag = res.headers.get("etag")!;
      expect(etag).toMatch(/^W\/"/);
      expect((await get("/n/lilas", { "accept-encoding": "gzip", "if-none-match": etag })).status).toBe(304);
    }
    const refused = await get("/n/lilas", { "accept-encoding": "gzip;q=0" });
    expect(refused.headers.get("content-encoding")).toBeNull();
    expect(await refused.text()).toBe(plain);
  });

  it("keeps the security headers every page has, on its answer, its gzipped answer and its 304", async () => {
    const page = await t.app.request(new URL("/api/session", APP_ORIGIN).href);
    const security = ["content-security-policy", "x-content-type-options", "x-frame-options", "strict-transport-security", "referrer-policy"];
    const expected = Object.fromEntries(security.map((name) => [name, page.headers.get(name)]));
    expect(expected["x-content-type-options"]).toBe("nosniff");
    expect(expected["content-security-policy"]).toContain("default-src 'self'");
    const first = await get("/n/lilas");
    const kept = await built(() => get("/n/lilas"));
    const gzipped = await get("/n/lilas", { "accept-encoding": "gzip" });
    const notModified = await get("/n/lilas", { "if-none-match": first.headers.get("etag")! });
    expect(kept.built).toBe(false);
    expect(notModified.status).toBe(304);
    for (const response of [first, kept.result, gzipped, notModified]) {
      expect(Object.fromEntries(security.map((name) => [name, response.headers.get(name)]))).toEqual(expected);
    }
  });

  it("WebFinger and NodeInfo are kept too", async () => {
    const webfinger = `/.well-known/webfinger?resource=acct:lilas@${new URL(APP_ORIGIN).host}`;
    expect((await get(webfinger)).status).toBe(200);
    expect((await built(() => get(webfinger))).built).toBe(false);
    expect((await get("/nodeinfo/2.1")).status).toBe(200);
    expect((await built(() => get("/nodeinfo/2.1"))).built).toBe(false);
  });
});

describe("cached collections", () => {
  it("a new post shows in the outbox page as soon as the worker has published it", async () => {
    const before = await (await get("/n/lilas/outbox?cursor=0")).json();
    const post = await sophie.post("/api/networks/lilas/announcements", { content: "Troc de graines samedi", visibility: "public", asNetwork: true });
    expect(post.status).toBe(201);
    // Published (and listed) by the worker's job, in one transaction (federation/publish-jobs.ts).
    await t.drain();
    const after = await (await get("/n/lilas/outbox?cursor=0")).json();
    expect(after.orderedItems.length).toBe((before.orderedItems ?? []).length + 1);
    expect(JSON.stringify(after)).toContain(post.body.announcement.id);
  });

  it("a new follower shows in the followers page at once", async () => {
    const before = await (await get("/n/lilas/followers?cursor=0")).json();
    expect(JSON.stringify(before)).not.toContain(alice.id);
    const follow = { "@context": "https://www.w3.org/ns/activitystreams", id: `${alice.id}#follow`, type: "Follow", actor: alice.id, object: `${APP_ORIGIN}/n/lilas` };
    expect((await t.app.request(await signedPost(`${APP_ORIGIN}/n/lilas/inbox`, follow, alice))).status).toBe(202);
    await t.drain();
    const after = await (await get("/n/lilas/followers?cursor=0")).json();
    expect(JSON.stringify(after)).toContain(alice.id);
  });
});

describe("a cached partners-only object", () => {
  it("is served from the cache to the partner only; a non-partner or anonymous client gets 401", async () => {
    const post = await sophie.post("/api/networks/lilas/announcements", { content: "Pour nos partenaires", visibility: "partners", asNetwork: true });
    expect(post.status).toBe(201);
    const url = post.body.announcement.url as string;
    expect((await signedGet(url, partner)).status).toBe(200);
    const kept = await built(() => signedGet(url, partner));
    expect(kept.built).toBe(false);
    expect(await kept.result.json()).toMatchObject({ id: url, to: partner.id });

    expect((await signedGet(url, stranger)).status).toBe(401);
    expect((await get(url)).status).toBe(401);
    // A forged signature naming the partner's key is refused too.
    const forged = await signRequest(new Request(url, { headers: { accept: AP } }), stranger.privateKey, new URL(partner.keyId));
    expect((await t.app.request(forged)).status).toBe(401);

    // The partnership ends: the partner's kept copy is gone at once.
    await t.db.update(partnershipTable).set({ state: "ended" }).where(eq(partnershipTable.partnerActorId, partner.id));
    expect((await signedGet(url, partner)).status).toBe(401);
  });
});
