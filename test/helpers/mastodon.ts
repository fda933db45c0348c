// A Maillage app served on a loopback address for masto.js (which needs a URL),
// and the OAuth dance a member does in their browser: log in, authorise.
import { createHash, randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { createOAuthAPIClient, createRestAPIClient, type mastodon } from "masto";
import { createNodeServer } from "../../server/http/node-server.ts";
import { attachStreaming } from "../../server/mastodon/streaming/websocket.ts";
import { createTestApp, type TestApp } from "./app.ts";

const loopback = `${process.env.MAILLAGE_TEST_LOOPBACK ?? "127.0.0"}.1`;

export interface ServedApp extends TestApp {
  url: string;
  /** The WebSocket side of /api/v1/streaming (its clients: who is connected). */
  streaming: ReturnType<typeof attachStreaming>;
  stop(): Promise<void>;
}

export async function serveTestApp(env: Record<string, string> = {}): Promise<ServedApp> {
  const t = await createTestApp(env);
  const server = createNodeServer(t.app.fetch);
  await new Promise<void>((resolve) => server.listen(0, loopback, resolve));
  const url = `http://${loopback}:${(server.address() as AddressInfo).port}`;
  const streaming = attachStreaming(server, t.app.fetch, url);
  return {
    ...t,
    url,
    streaming,
    stop: async () => {
      for (const ws of streaming.clients) ws.terminate();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await t.close();
    },
  };
}

export const redirectUri = "fr.maillage.test://oauth";

export interface RegisteredApp {
  clientId: string;
  clientSecret: string;
}

export async function registerApp(url: string, scopes = "read write follow push"): Promise<RegisteredApp> {
  const rest = createRestAPIClient({ url });
  const app = await rest.v1.apps.create({ clientName: "Tusky de test", redirectUris: redirectUri, scopes, website: "https://tusky.example" });
  return { clientId: app.clientId!, clientSecret: app.clientSecret! };
}

export const pkce = () => {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
};

/** A browser's visit to /oauth/authorize: the page, its cookie and the hidden CSRF field. */
export async function visit(url: string, path: string, init: RequestInit & { cookie?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("cookie", init.cookie);
  const res = await fetch(new URL(path, url), { ...init, headers, redirect: "manual" });
  const html = await res.text();
  const cookie = res.headers.get("set-cookie")?.split(";")[0] ?? init.cookie;
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  return { res, html, cookie, csrf };
}

export const form = (fields: Record<string, string>) => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
});

/** The whole flow as a member with a password does it; returns an API client holding the token. */
export async function logInWithApp(url: string, app: RegisteredApp, handle: string, password: string, scope = "read write follow push") {
  const { verifier, challenge } = pkce();
  const query = { response_type: "code", client_id: app.clientId, redirect_uri: redirectUri, scope, state: "xyz", code_challenge: challenge, code_challenge_method: "S256" };
  const login = await visit(url, "/oauth/authorize", form({ ...query, step: "login", handle, password }));
  if (login.res.status !== 200 || !login.csrf) throw new Error(`login: ${login.res.status} ${login.html.slice(0, 300)}`);
  const approved = await visit(url, "/oauth/authorize", { ...form({ ...query, step: "approve", csrf: login.csrf }), cookie: login.cookie });
  const location = new URL(approved.res.headers.get("location") ?? "");
  const code = location.searchParams.get("code");
  if (!code) throw new Error(`no code: ${approved.res.status} ${approved.html.slice(0, 300)}`);
  const oauth = createOAuthAPIClient({ url });
  const token = await oauth.token.create({
    grantType: "authorization_code",
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    redirectUri,
    code,
    codeVerifier: verifier,
  } as Parameters<typeof oauth.token.create>[0]);
  return { token: token.accessToken, rest: createRestAPIClient({ url, accessToken: token.accessToken }) as mastodon.rest.Client };
}
