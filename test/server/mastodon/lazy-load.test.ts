// The Mastodon API is imported at its first request (server/http/lazy-app.ts):
// every route must lie under the paths the app hands to it, and a fresh
// server's very first Mastodon request may be an app's WebSocket stream.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createStreamingAPIClient } from "masto";
import { memberTable } from "../../../db/schema/index.ts";
import { mastodonApi } from "../../../server/mastodon/index.ts";
import { mastodonPaths } from "../../../server/mastodon/paths.ts";
import { checkAuthorizeRequest, exchangeCode, issueCode, registerApp } from "../../../server/mastodon/oauth/grants.ts";
import { unwrap } from "../../../server/http/errors.ts";
import { joinWith, withNetwork, type Client } from "../../helpers/app.ts";
import { redirectUri, serveTestApp, type ServedApp } from "../../helpers/mastodon.ts";

const covered = (path: string) => mastodonPaths.some((p) => (p.endsWith("/*") ? path.startsWith(p.slice(0, -1)) : path === p));

describe("the Mastodon API's paths", () => {
  it("cover every route and middleware of the API", () => {
    const outside = mastodonApi()
      .routes.map((r) => `${r.method} ${r.path}`)
      .filter((route) => !covered(route.split(" ")[1]));
    expect(outside).toEqual([]);
  });

  it("hand what they do not serve on to the rest of the app, for GET and HEAD alike", async () => {
    const t = await serveTestApp();
    try {
      for (const path of ["/oauth/nothing-here", "/mastodon/nothing-here", "/api/nothing-here"]) {
        const get = await fetch(new URL(path, t.url));
        const head = await fetch(new URL(path, t.url), { method: "HEAD" });
        expect([path, head.status, head.headers.get("content-type")]).toEqual([path, get.status, get.headers.get("content-type")]);
      }
      expect((await (await fetch(new URL("/api/nothing-here", t.url))).json()).error.code).toBe("not_found");
      // What the app's middleware set before them stays on their answers (the request id).
      for (const path of ["/api/instance", "/api/v1/instance"]) expect((await fetch(new URL(path, t.url))).headers.get("x-request-id")).toBeTruthy();
    } finally {
      await t.stop();
    }
  });
});

describe("a fresh server", () => {
  let t: ServedApp;
  let admin: Client;
  beforeAll(async () => {
    t = await serveTestApp();
    admin = await withNetwork(t);
    await joinWith(t, admin, "marie");
  });
  afterAll(() => t.stop());

  it("streams a notification to an app whose first request is the WebSocket upgrade", async () => {
    // A token made without the Mastodon API, so that the upgrade is its first use.
    const { app } = await registerApp(t.handle.db, { name: "Tusky", redirectUris: [redirectUri], scopes: ["read", "write"], website: null });
    const [marie] = await t.handle.db.select().from(memberTable).where(eq(memberTable.handle, "marie"));
    const request = unwrap(await checkAuthorizeRequest(t.handle.db, { client_id: app.clientId, scope: "read write", response_type: "code" }));
    const code = await issueCode(t.handle.db, request, marie);
    const { token } = unwrap(await exchangeCode(t.handle.db, app, code, undefined, undefined));

    const streaming = createStreamingAPIClient({ streamingApiUrl: t.url.replace(/^http/, "ws"), accessToken: token, retry: false });
    const subscription = streaming.user.notification.subscribe();
    const first = (async () => {
      for await (const event of subscription) if (event.event === "notification") return event.payload;
    })();
    await expect.poll(() => t.streaming.clients.size, { timeout: 10_000 }).toBeGreaterThan(0);
    const web = t.client();
    await web.post("/api/session", { handle: "marie", password: "marie has a long password" });
    const offer = await web.post("/api/networks/lilas/offers", { kind: "offer", title: "Escabeau à prêter", theme: "pret-de-materiel" });
    expect(offer.status).toBe(201);
    const paul = await joinWith(t, admin, "paul");
    expect((await paul.post(`/api/offers/${offer.body.offer.id}/responses`, { message: "L'escabeau, jeudi ?" })).status).toBeLessThan(300);
    expect((await first)?.type).toBe("mention");
    subscription.unsubscribe();
    streaming.close();
  });
});
