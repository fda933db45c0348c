// Logging into Maillage from a Mastodon app (issue #15, item 1): the OAuth flow
// as masto.js and real apps do it, and every way it must refuse.
import { createOAuthAPIClient, createRestAPIClient } from "masto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mastodonCodeTable } from "../../../db/schema/index.ts";
import { adminAccount, joinWith, withNetwork, type Client } from "../../helpers/app.ts";
import { form, logInWithApp, pkce, redirectUri, registerApp, serveTestApp, visit, type RegisteredApp, type ServedApp } from "../../helpers/mastodon.ts";

let t: ServedApp;
let admin: Client;
let app: RegisteredApp;
const password = "marie has a long password";

beforeAll(async () => {
  t = await serveTestApp();
  admin = await withNetwork(t);
  await joinWith(t, admin, "marie");
  app = await registerApp(t.url);
});
afterAll(() => t.stop());

const tokenRequest = (fields: Record<string, string>) => fetch(new URL("/oauth/token", t.url), form(fields));

/** Up to the code, as the member's browser sees it. */
async function codeFor(query: Record<string, string>) {
  const login = await visit(t.url, "/oauth/authorize", form({ ...query, step: "login", handle: "marie", password }));
  const approved = await visit(t.url, "/oauth/authorize", { ...form({ ...query, step: "approve", csrf: login.csrf! }), cookie: login.cookie });
  return new URL(approved.res.headers.get("location")!).searchParams.get("code")!;
}

describe("logging in from a Mastodon app", () => {
  it("shows a French login page, then « Autoriser cette application » with the scopes in plain words", async () => {
    const query = new URLSearchParams({ response_type: "code", client_id: app.clientId, redirect_uri: redirectUri, scope: "read write:statuses" });
    const page = await visit(t.url, `/oauth/authorize?${query}`);
    expect(page.res.status).toBe(200);
    expect(page.html).toContain("Connectez-vous pour continuer");
    expect(page.html).toContain("Tusky de test");
    const login = await visit(t.url, "/oauth/authorize", form({ ...Object.fromEntries(query), step: "login", handle: "marie", password }));
    expect(login.html).toContain("Autoriser cette application");
    expect(login.html).toContain("lire votre profil, vos fils, vos notifications et vos conversations");
    expect(login.html).toContain("modifier les publications");
    // Already logged in: straight to the question, in English for who asks.
    const again = await visit(t.url, `/oauth/authorize?${query}&lang=en`, { cookie: login.cookie });
    expect(again.html).toContain("Authorise this application");
  });

  it("gives a token for a PKCE code, with which the app reads who logged in", async () => {
    const { rest, token } = await logInWithApp(t.url, app, "marie", password);
    const me = await rest.v1.apps.verifyCredentials();
    expect(me.name).toBe("Tusky de test");
    expect(token.length).toBeGreaterThan(30);
  });

  it("sends the state back, and access_denied when the member refuses", async () => {
    const query = { response_type: "code", client_id: app.clientId, redirect_uri: redirectUri, state: "s-42" };
    const login = await visit(t.url, "/oauth/authorize", form({ ...query, step: "login", handle: "marie", password }));
    const denied = await visit(t.url, "/oauth/authorize", { ...form({ ...query, step: "deny", csrf: login.csrf! }), cookie: login.cookie });
    const back = new URL(denied.res.headers.get("location")!);
    expect(back.protocol).toBe("fr.maillage.test:");
    expect(back.searchParams.get("error")).toBe("access_denied");
    expect(back.searchParams.get("state")).toBe("s-42");
  });

  it("lists the authorised apps in the member's profile, and takes one back", async () => {
    const { rest } = await logInWithApp(t.url, app, "marie", password);
    const web = t.client();
    await web.post("/api/session", { handle: "marie", password });
    const listed = await web.get("/api/me/apps");
    expect(listed.body.apps.map((a: { name: string }) => a.name)).toContain("Tusky de test");
    const exported = await web.get("/api/me/export");
    expect(exported.text).toContain("Tusky de test");
    for (const a of listed.body.apps) expect((await web.delete(`/api/me/apps/${a.id}`)).status).toBe(204);
    await expect(rest.v1.apps.verifyCredentials()).rejects.toMatchObject({ statusCode: 401 });
    expect((await web.get("/api/me/apps")).body.apps).toEqual([]);
    expect((await web.delete(`/api/me/apps/${listed.body.apps[0].id}`)).status).toBe(404);
  });

  it("gives an app its own token (client credentials), and revokes tokens", async () => {
    const oauth = createOAuthAPIClient({ url: t.url });
    const token = await oauth.token.create({ grantType: "client_credentials", clientId: app.clientId, clientSecret: app.clientSecret, redirectUri, scope: "read" });
    const rest = createRestAPIClient({ url: t.url, accessToken: token.accessToken });
    expect((await rest.v1.apps.verifyCredentials()).name).toBe("Tusky de test");
    await oauth.revoke({ clientId: app.clientId, clientSecret: app.clientSecret, token: token.accessToken });
    await expect(rest.v1.apps.verifyCredentials()).rejects.toMatchObject({ statusCode: 401 });
  });

  it("describes itself at /.well-known/oauth-authorization-server", async () => {
    const res = await fetch(new URL("/.well-known/oauth-authorization-server", t.url));
    const body = await res.json();
    expect(body.authorization_endpoint).toBe("https://maillage.test/oauth/authorize");
    expect(body.code_challenge_methods_supported).toEqual(["S256"]);
    expect(body.scopes_supported).toContain("read:statuses");
  });
});

describe("what the OAuth endpoints refuse", () => {
  const base = () => ({ response_type: "code", client_id: app.clientId, redirect_uri: redirectUri });

  it("an unknown app or a redirect URI the app did not register: a page saying so, no redirect", async () => {
    const unknown = await visit(t.url, `/oauth/authorize?${new URLSearchParams({ ...base(), client_id: "nope" })}`);
    expect(unknown.res.status).toBe(400);
    expect(unknown.html).toContain("Cette application n&#39;est pas connue ici.");
    const elsewhere = await visit(t.url, `/oauth/authorize?${new URLSearchParams({ ...base(), redirect_uri: "https://evil.example/cb" })}`);
    expect(elsewhere.res.status).toBe(400);
    expect(elsewhere.res.headers.get("location")).toBeNull();
    const scope = await visit(t.url, `/oauth/authorize?${new URLSearchParams({ ...base(), scope: "admin:read" })}`);
    expect(scope.res.status).toBe(400);
  });

  it("a wrong password, and a sponsored member, who has no app login", async () => {
    const wrong = await visit(t.url, "/oauth/authorize", form({ ...base(), step: "login", handle: "marie", password: "not it at all" }));
    expect(wrong.res.status).toBe(401);
    expect(wrong.html).toContain("Identifiant ou mot de passe incorrect.");
    expect((await admin.post("/api/networks/lilas/sponsored", { handle: "jeanne", displayName: "Jeanne", sponsor: "marie" })).status).toBe(201);
    const sponsored = await visit(t.url, "/oauth/authorize", form({ ...base(), step: "login", handle: "jeanne", password: "" }));
    expect(sponsored.res.status).toBe(401);
  });

  it("an approval without the session's CSRF token", async () => {
    const login = await visit(t.url, "/oauth/authorize", form({ ...base(), step: "login", handle: "marie", password }));
    const forged = await visit(t.url, "/oauth/authorize", { ...form({ ...base(), step: "approve", csrf: "forged" }), cookie: login.cookie });
    expect(forged.res.status).toBe(403);
    expect(forged.res.headers.get("location")).toBeNull();
  });

  it("a wrong secret, a reused code (which also revokes its token), a PKCE mismatch, an expired code", async () => {
    const { verifier, challenge } = pkce();
    const query = { ...base(), code_challenge: challenge, code_challenge_method: "S256" };
    const fields = (code: string, extra: Record<string, string> = {}) => ({
      grant_type: "authorization_code", client_id: app.clientId, client_secret: app.clientSecret, redirect_uri: redirectUri, code, code_verifier: verifier, ...extra,
    });

    const code = await codeFor(query);
    const wrongSecret = await tokenRequest(fields(code, { client_secret: "guess" }));
    expect(wrongSecret.status).toBe(401);
    expect((await wrongSecret.json()).error).toBe("invalid_client");

    const mismatch = await tokenRequest(fields(code, { code_verifier: "x".repeat(43) }));
    expect(mismatch.status).toBe(400);
    expect(await mismatch.json()).toMatchObject({ error: "invalid_grant" });

    const first = await tokenRequest(fields(code));
    expect(first.status).toBe(200);
    const { access_token } = await first.json();
    const rest = createRestAPIClient({ url: t.url, accessToken: access_token });
    expect((await rest.v1.apps.verifyCredentials()).name).toBe("Tusky de test");
    const reused = await tokenRequest(fields(code));
    expect(reused.status).toBe(400);
    expect((await reused.json()).error).toBe("invalid_grant");
    await expect(rest.v1.apps.verifyCredentials()).rejects.toMatchObject({ statusCode: 401 });

    const late = await codeFor(query);
    await t.handle.db.update(mastodonCodeTable).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(mastodonCodeTable.appId, (await t.handle.db.select().from(mastodonCodeTable).limit(1))[0].appId));
    const expired = await tokenRequest(fields(late));
    expect(expired.status).toBe(400);
    expect(await expired.json()).toMatchObject({ error: "invalid_grant", error_description: "The code has expired" });

    const grant = await tokenRequest({ grant_type: "password", client_id: app.clientId, client_secret: app.clientSecret });
    expect(grant.status).toBe(400);
    expect((await grant.json()).error).toBe("unsupported_grant_type");
  });

  it("apps registered with bad values: 422 naming the field", async () => {
    const post = (body: unknown) => fetch(new URL("/api/v1/apps", t.url), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const noName = await post({ redirect_uris: redirectUri });
    expect(noName.status).toBe(422);
    expect((await noName.json()).error).toMatch(/client_name/);
    expect((await post({ client_name: "x", redirect_uris: "javascript:alert(1)" })).status).toBe(422);
    expect((await post({ client_name: "x", redirect_uris: redirectUri, scopes: "read admin:write" })).status).toBe(422);
    expect((await post({ client_name: ["x"], redirect_uris: redirectUri })).status).toBe(422);
    expect((await fetch(new URL("/api/v1/apps", t.url), { method: "POST", headers: { "content-type": "application/json" }, body: "{" })).status).toBe(400);
  });

  it("an unknown token: 401 in Mastodon's shape", async () => {
    const res = await fetch(new URL("/api/v1/apps/verify_credentials", t.url), { headers: { authorization: "Bearer nope" } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "The access token is invalid" });
  });

  it("CORS for any origin on /api/v1 and /oauth/token, never on the web app's /api", async () => {
    const preflight = (path: string) =>
      fetch(new URL(path, t.url), { method: "OPTIONS", headers: { origin: "https://elk.example", "access-control-request-method": "POST" } });
    expect((await preflight("/api/v1/apps")).headers.get("access-control-allow-origin")).toBe("*");
    expect((await preflight("/oauth/token")).headers.get("access-control-allow-origin")).toBe("*");
    expect((await preflight("/api/session")).headers.get("access-control-allow-origin")).toBeNull();
    const get = await fetch(new URL("/api/instance", t.url), { headers: { origin: "https://elk.example" } });
    expect(get.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("deleting the account removes its tokens", async () => {
    const { rest } = await logInWithApp(t.url, app, "camille", adminAccount.password);
    expect((await rest.v1.apps.verifyCredentials()).name).toBe("Tusky de test");
    const other = await joinWith(t, admin, "paul");
    const paul = await logInWithApp(t.url, app, "paul", "paul has a long password");
    expect((await other.delete("/api/me", { password: "paul has a long password" })).status).toBe(204);
    await expect(paul.rest.v1.apps.verifyCredentials()).rejects.toMatchObject({ statusCode: 401 });
  });
});
