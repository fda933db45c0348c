// Login rate limits, over real sockets: failures count, per account and per
// address; the address comes from X-Forwarded-For only behind a proxy that
// TRUST_PROXY names; counters are shared by every app on the database (or in
// Redis with REDIS_URL).
import type { Server } from "node:http";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/client.ts";
import { createApp } from "../../server/app.ts";
import { loadConfig } from "../../server/config.ts";
import { RateLimiter } from "../../server/domain/rate-limits/limiter.ts";
import { RedisCounterStore } from "../../server/domain/rate-limits/redis-store.ts";
import { createNodeServer, listen } from "../../server/http/node-server.ts";
import { adminAccount, Client, joinWith, type TestApp } from "../helpers/app.ts";
import { createTestDatabaseServer } from "../helpers/db.ts";

let database: Awaited<ReturnType<typeof createTestDatabaseServer>>;
const handles: DatabaseHandle[] = [];
const servers: Server[] = [];
const run = randomBytes(3).toString("hex");
// Unique per run: Redis is shared with whatever else runs on this machine.
const marie = { handle: `marie${run}`, password: `marie${run} has a long password` };
const paul = { handle: `paul${run}`, password: `paul${run} has a long password` };

/** An app on its own connection to the shared database, served on a real socket. */
async function instance(env: Record<string, string> = {}, rateLimits?: RateLimiter) {
  const handle = await openDatabase({ url: database.url });
  handles.push(handle);
  const config = loadConfig({ PUBLIC_URL: "https://maillage.test", DATA_DIR: mkdtempSync(join(tmpdir(), "maillage-rl-")), WEB_DIST: join(tmpdir(), "maillage-no-web"), ...env });
  const app = createApp({ db: handle.db, dbKind: handle.kind, config, rateLimits });
  const server = createNodeServer(app.fetch);
  servers.push(server);
  await listen(server, 0, "127.0.0.1");
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    app,
    login: async (who: { handle: string; password: string }, forwardedFor?: string) => {
      const res = await fetch(`${url}/api/session`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) },
        body: JSON.stringify(who),
      });
      const body = await res.json();
      return { status: res.status, body, retryAfter: res.headers.get("retry-after") };
    },
  };
}
const wrong = (who: { handle: string }) => ({ handle: who.handle, password: "not the password" });

beforeAll(async () => {
  database = await createTestDatabaseServer();
  const setup = await instance();
  const admin = new Client(setup.app);
  expect((await admin.post("/api/setup", adminAccount)).status).toBe(201);
  expect((await admin.post("/api/networks", { slug: "lilas", name: "Les Lilas" })).status).toBe(201);
  // joinWith signs up through this app (its password is "HANDLE has a long password").
  const t = { client: () => new Client(setup.app) } as unknown as TestApp;
  for (const who of [marie, paul]) await joinWith(t, admin, who.handle);
});
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
  for (const handle of handles) await handle.close();
  await database?.close();
});

describe("login limits", () => {
  it("successful logins are not counted: twelve in a row from one address all succeed", async () => {
    const app = await instance();
    for (let i = 0; i < 12; i++) expect((await app.login(marie)).status).toBe(200);
  });

  it("after ten wrong passwords from an address, the right password of another account is still accepted there", async () => {
    const app = await instance({ TRUST_PROXY: "loopback" });
    const cafe = "198.51.100.7";
    for (let i = 0; i < 10; i++) expect((await app.login(wrong(paul), cafe)).status).toBe(401);
    const locked = await app.login(paul, cafe);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe("rate_limited");
    expect(Number(locked.retryAfter)).toBeGreaterThan(0);
    expect((await app.login(marie, cafe)).status).toBe(200);
  });

  it("an account's failures count from any address; its right password resets them", async () => {
    const app = await instance({ TRUST_PROXY: "loopback" });
    const someone = { handle: marie.handle, password: marie.password };
    for (let i = 0; i < 9; i++) expect((await app.login(wrong(someone), `203.0.113.${i + 1}`)).status).toBe(401);
    expect((await app.login(someone, "203.0.113.50")).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await app.login(wrong(someone), `203.0.113.${i + 100}`)).status).toBe(401);
    expect((await app.login(someone, "203.0.113.200")).status).toBe(429);
  });

  it("behind a trusted proxy, each forwarded address has its own allowance", async () => {
    const app = await instance({ TRUST_PROXY: "127.0.0.1/8" });
    const guesser = "192.0.2.66";
    for (let i = 0; i < 50; i++) expect((await app.login({ handle: `nobody${i}`, password: "guess" }, guesser)).status).toBe(401);
    expect((await app.login({ handle: "nobody-else", password: "guess" }, guesser)).status).toBe(429);
    expect((await app.login({ handle: "nobody-else", password: "guess" }, "192.0.2.67")).status).toBe(401);
  });

  it("from a peer that is not a trusted proxy, X-Forwarded-For is ignored: new addresses in it do not help", async () => {
    const app = await instance();
    for (let i = 0; i < 50; i++) {
      const res = await app.login({ handle: `someone${i}`, password: "guess" }, `192.0.2.${i + 1}`);
      expect(res.status).toBe(401);
    }
    expect((await app.login({ handle: "someone-new", password: "guess" }, "192.0.2.250")).status).toBe(429);
  });
});

describe("shared counters", () => {
  async function sharedBetween(a: Awaited<ReturnType<typeof instance>>, b: Awaited<ReturnType<typeof instance>>) {
    const target = { handle: `shared${randomBytes(3).toString("hex")}`, password: "whatever" };
    for (let i = 0; i < 10; i++) expect((await (i % 2 ? a : b).login(target, `198.18.0.${i + 1}`)).status).toBe(401);
    expect((await a.login(target, "198.18.1.1")).status).toBe(429);
    expect((await b.login(target, "198.18.1.2")).status).toBe(429);
  }

  it("two app instances on one database share the counts", async () => {
    await sharedBetween(await instance({ TRUST_PROXY: "loopback" }), await instance({ TRUST_PROXY: "loopback" }));
  });

  it("with Redis, two app instances share the counts there", async () => {
    const stores = [new RedisCounterStore("redis://127.0.0.1:6379"), new RedisCounterStore("redis://127.0.0.1:6379")];
    try {
      const [a, b] = await Promise.all(stores.map((store) => instance({ TRUST_PROXY: "loopback" }, new RateLimiter(store))));
      await sharedBetween(a, b);
    } finally {
      for (const store of stores) await store.close();
    }
  });

  it("Redis unreachable: 503 with Retry-After, not a hang and not a 500", async () => {
    const store = new RedisCounterStore("redis://127.0.0.1:1");
    try {
      const app = await instance({}, new RateLimiter(store));
      const started = Date.now();
      const res = await app.login(marie);
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe("service_unavailable");
      expect(Number(res.retryAfter)).toBeGreaterThan(0);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await store.close();
    }
  });
});
