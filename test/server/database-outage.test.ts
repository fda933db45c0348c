// Database trouble: while the database cannot be reached, requests answer 503
// with Retry-After and the JSON error, /healthz says so, and all recovers by
// itself once it is back. The app reaches its database through a TCP relay
// that the test cuts and restores.
import { connect, createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { mkdtempSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/client.ts";
import { createApp } from "../../server/app.ts";
import { loadConfig } from "../../server/config.ts";
import { adminAccount, Client } from "../helpers/app.ts";
import { createTestDatabaseServer } from "../helpers/db.ts";

/** Relays TCP connections to `target`; `cut()` drops them all and stops listening (refused) until `restore()`. */
async function relay(target: URL) {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => {});
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  const url = new URL(target);
  url.port = String(port);
  return {
    url: url.href,
    cut: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
    restore: () => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let database: Awaited<ReturnType<typeof createTestDatabaseServer>>;
let link: Awaited<ReturnType<typeof relay>>;
let handle: DatabaseHandle;
let client: Client;

beforeAll(async () => {
  database = await createTestDatabaseServer();
  link = await relay(new URL(database.url));
  handle = await openDatabase({ url: link.url });
  const config = loadConfig({ PUBLIC_URL: "https://maillage.test", DATA_DIR: mkdtempSync(join(tmpdir(), "maillage-outage-")), WEB_DIST: join(tmpdir(), "maillage-no-web") });
  const app = createApp({ db: handle.db, dbKind: handle.kind, config });
  client = new Client(app);
  expect((await client.post("/api/setup", adminAccount)).status).toBe(201);
  expect((await client.post("/api/networks", { slug: "lilas", name: "Les Lilas" })).status).toBe(201);
});
afterAll(async () => {
  await handle?.close().catch(() => {});
  await link?.close().catch(() => {});
  await database?.close();
});

describe("database outage", () => {
  it("answers as usual while the database is there", async () => {
    expect((await client.get("/api/networks/lilas")).status).toBe(200);
    const health = await client.get("/healthz");
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: "ok", database: "reachable" });
  });

  it("lost connections and an unreachable database: 503 with Retry-After and the JSON error, /healthz degraded", async () => {
    await link.cut();
    for (let i = 0; i < 3; i++) {
      for (const [method, path] of [["GET", "/api/networks/lilas"], ["GET", "/api/session"], ["PATCH", "/api/me"]] as const) {
        const res = await client.request(method, path, method === "PATCH" ? { bio: "x" } : undefined);
        expect(res.status, `${method} ${path}: ${res.text}`).toBe(503);
        expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(res.body.error).toMatchObject({ code: "database_unavailable", message: expect.any(String) });
      }
    }
    const health = await client.get("/healthz");
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: "degraded", database: "unreachable" });
  });

  it("recovers by itself once the database is back", async () => {
    await link.restore();
    const deadline = Date.now() + 10_000;
    let status = 0;
    while (Date.now() < deadline && (status = (await client.get("/api/networks/lilas")).status) !== 200) await sleep(200);
    expect(status).toBe(200);
    expect((await client.get("/healthz")).status).toBe(200);
    expect((await client.patch("/api/me", { bio: "De retour" })).status).toBe(200);
  });
});
