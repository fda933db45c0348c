// POST /oauth/token, POST /oauth/revoke and the server metadata (RFC 8414):
// the machine side of OAuth, answered in OAuth's own error words.
import type { Context } from "hono";
import type { MastodonApp } from "../../db/schema/index.ts";
import { tokenFailuresPerAddress } from "../domain/rate-limits/policies.ts";
import { limitPerAddress, mastodonError, mastodonRouter, params, text } from "./http.ts";
import { authenticateApp, clientToken, exchangeCode, revokeToken, type IssuedToken } from "./oauth/grants.ts";
import { knownScopes } from "./oauth/scopes.ts";

const invalidClient = (c: Context) =>
  mastodonError(c, 401, "invalid_client", "Client authentication failed: unknown client, no client authentication included, or unsupported authentication method");

/** client_id and client_secret from the body, or HTTP Basic as RFC 6749 prefers. */
async function clientOf(c: Context, p: Record<string, unknown>): Promise<MastodonApp | undefined> {
  const basic = /^Basic\s+(\S+)$/i.exec(c.req.header("Authorization") ?? "");
  if (basic) {
    const [id, secret] = Buffer.from(basic[1], "base64").toString().split(":").map((s) => decodeURIComponent(s ?? ""));
    return authenticateApp(c.var.deps.db, id ?? "", secret ?? "");
  }
  return authenticateApp(c.var.deps.db, text(p, "client_id") ?? "", text(p, "client_secret") ?? "");
}

const tokenEntity = (t: IssuedToken) => ({ access_token: t.token, token_type: "Bearer", scope: t.scopes, created_at: Math.floor(t.createdAt.getTime() / 1000) });

export function oauthRoutes() {
  const app = mastodonRouter();
  app.post("/oauth/token", limitPerAddress(tokenFailuresPerAddress, (status) => status >= 400), async (c) => {
    const p = await params(c);
    const client = await clientOf(c, p);
    if (!client) return invalidClient(c);
    const grant = text(p, "grant_type");
    const db = c.var.deps.db;
    if (grant === "authorization_code") {
      const code = text(p, "code");
      if (!code) return mastodonError(c, 400, "invalid_request", "code is missing");
      const issued = await exchangeCode(db, client, code, text(p, "redirect_uri"), text(p, "code_verifier"));
      if (!issued.ok) return mastodonError(c, 400, issued.error.code, issued.error.message);
      return c.json(tokenEntity(issued.value), 200);
    }
    if (grant === "client_credentials") {
      const issued = await clientToken(db, client, p.scope);
      if (!issued.ok) return mastodonError(c, 400, issued.error.code, issued.error.message);
      return c.json(tokenEntity(issued.value), 200);
    }
    return mastodonError(c, 400, "unsupported_grant_type", "grant_type must be authorization_code or client_credentials");
  });
  app.post("/oauth/revoke", async (c) => {
    const p = await params(c);
    const client = await clientOf(c, p);
    if (!client) return invalidClient(c);
    const token = text(p, "token");
    if (!token) return mastodonError(c, 400, "invalid_request", "token is missing");
    await revokeToken(c.var.deps.db, client, token);
    return c.json({}, 200);
  });
  app.get("/.well-known/oauth-authorization-server", (c) => {
    const at = (path: string) => new URL(path, c.var.deps.config.publicUrl).href;
    return c.json({
      issuer: at("/"),
      service_documentation: "https://docs.joinmastodon.org/",
      authorization_endpoint: at("/oauth/authorize"),
      token_endpoint: at("/oauth/token"),
      app_registration_endpoint: at("/api/v1/apps"),
      revocation_endpoint: at("/oauth/revoke"),
      scopes_supported: [...knownScopes],
      response_types_supported: ["code"],
      response_modes_supported: ["query"],
      code_challenge_methods_supported: ["S256"],
      grant_types_supported: ["authorization_code", "client_credentials"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    });
  });
  return app;
}
