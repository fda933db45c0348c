// Sessions are kept in memory by each app (server/http/session-cache.ts), yet
// a log-out, a deleted account or a changed profile made through another app
// on the same database takes effect at once, and a session still ends when
// its time is up.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/client.ts";
import { createApp } from "../../server/app.ts";
import { loadConfig } from "../../server/config.ts";
import { sessionLifetimeDays } from "../../server/domain/sessions.ts";
import { adminAccount, Client } from "../helpers/app.ts";
import { createTestDatabaseServer } from "../helpers/db.ts";

let server: Awaited<ReturnType<typeof createTestDatabaseServer>>;
const handles: DatabaseHandle[] = [];
let one: ReturnType<typeof createApp>;
let other: ReturnType<typeof createApp>;

const appOn = async () => {
  const handle = await openDatabase({ url: server.url });
  handles.push(handle);
  const config = loadConfig({ PUBLIC_URL: "https://maillage.test", DATA_DIR: mkdtempSync(join(tmpdir(), "maillage-app-")), WEB_DIST: join(tmpdir(), "maillage-no-web") });
  return createApp({ db: handle.db, dbKind: handle.kind, config });
};

/** A member logged in through `one`, and the same browser (cookie) talking to `other`. */
async function loggedInOnBoth(handle: string) {
  const here = new Client(one);
  const invitation = await admin.post("/api/networks/lilas/invitations", { role: "member" });
  const signup = await here.post("/api/signup", { code: invitation.body.invitation.code, acceptPrinciples: true, handle, displayName: handle, password: `${handle} has a long password` });
  expect(signup.status).toBe(201);
  const there = new Client(other);
  [there.cookie, there.csrfToken] = [here.cookie, here.csrfToken];
  for (const client of [here, there, here, there]) expect((await client.get("/api/session")).status).toBe(200);
  return { here, there };
}

let admin: Client;
beforeAll(async () => {
  server = await createTestDatabaseServer();
  [one, other] = [await appOn(), await appOn()];
  admin = new Client(one);
  await admin.post("/api/setup", adminAccount);
  expect((await admin.post("/api/networks", { slug: "lilas", name: "Les Lilas" })).status).toBe(201);
});
afterAll(async () => {
  for (const handle of handles) await handle.close();
  await server.close();
});
afterEach(() => vi.useRealTimers());

describe("a session kept in memory", () => {
  it("ends everywhere at once when its member logs out through one app", async () => {
    const { here, there } = await loggedInOnBoth("marie");
    const cookie = here.cookie;
    expect((await here.delete("/api/session")).status).toBe(204);
    there.cookie = cookie;
    expect((await there.get("/api/session")).status).toBe(401);
    expect((await there.get("/api/me")).status).toBe(401);
  });

  it("ends everywhere at once when its member deletes the account", async () => {
    const { here, there } = await loggedInOnBoth("paul");
    expect((await here.delete("/api/me", { password: "paul has a long password" })).status).toBe(204);
    expect((await there.get("/api/session")).status).toBe(401);
  });

  it("shows a profile changed through the other app at once", async () => {
    const { here, there } = await loggedInOnBoth("zoe");
    expect((await here.patch("/api/me", { displayName: "Zoé Martin" })).status).toBe(200);
    expect((await there.get("/api/session")).body).toMatchObject({ member: { displayName: "Zoé Martin" } });
  });

  it("ends when its time is up", async () => {
    const { here } = await loggedInOnBoth("lea");
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + sessionLifetimeDays * 86_400_000 + 60_000 });
    expect((await here.get("/api/session")).status).toBe(401);
  });
});
