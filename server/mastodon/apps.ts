// POST /api/v1/apps and GET /api/v1/apps/verify_credentials: how a Mastodon
// app introduces itself before it asks a member to log in.
import type { MastodonApp } from "../../db/schema/index.ts";
import { appRegistrationsPerAddress } from "../domain/rate-limits/policies.ts";
import { invalid, limitPerAddress, mastodonRouter, params, text } from "./http.ts";
import { outOfBand, registerApp } from "./oauth/grants.ts";
import { parseScopes, unknownScope } from "./oauth/scopes.ts";
import { vapidKeys } from "./push/vapid.ts";

/** The Application entity (docs.joinmastodon.org/entities/Application); secrets only at registration. */
export function applicationEntity(app: MastodonApp, vapidKey: string, secret?: string) {
  const base = {
    id: app.id,
    name: app.name,
    website: app.website,
    scopes: app.scopes.split(" "),
    redirect_uri: app.redirectUris.join("\n"),
    redirect_uris: app.redirectUris,
    vapid_key: vapidKey,
  };
  return secret === undefined ? base : { ...base, client_id: app.clientId, client_secret: secret, client_secret_expires_at: 0 };
}

// Schemes that would run code in the member's browser instead of reaching the app.
const refusedSchemes = new Set(["javascript:", "data:", "vbscript:", "file:"]);

function redirectUrisOf(raw: unknown): string[] {
  const list = (Array.isArray(raw) ? raw : typeof raw === "string" ? raw.split(/\s+/) : []).filter((u): u is string => typeof u === "string" && u !== "");
  if (!list.length) throw invalid("redirect_uris must name at least one URI");
  for (const uri of list) {
    if (uri === outOfBand) continue;
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      throw invalid(`redirect_uris: ${uri.slice(0, 100)} is not an absolute URI`);
    }
    if (refusedSchemes.has(url.protocol) || url.hash) throw invalid(`redirect_uris: ${uri.slice(0, 100)} cannot be used to return to an app`);
  }
  return [...new Set(list)];
}

export function appRoutes() {
  const app = mastodonRouter();
  app.post("/api/v1/apps", limitPerAddress(appRegistrationsPerAddress), async (c) => {
    const p = await params(c);
    const name = text(p, "client_name")?.trim();
    if (!name) throw invalid("client_name can't be blank");
    if (name.length > 200) throw invalid("client_name is too long (at most 200 characters)");
    const website = text(p, "website")?.trim() || null;
    if (website && !/^https?:\/\//i.test(website)) throw invalid("website must be an http(s) URL");
    const scopes = parseScopes(p.scopes);
    const unknown = unknownScope(scopes);
    if (unknown) throw invalid(`scopes: ${unknown.slice(0, 60)} is not a known scope`);
    const { app: registered, clientSecret } = await registerApp(c.var.deps.db, { name, website, redirectUris: redirectUrisOf(p.redirect_uris), scopes });
    return c.json(applicationEntity(registered, (await vapidKeys(c.var.deps.db)).publicKey, clientSecret), 200);
  });
  app.get("/api/v1/apps/verify_credentials", async (c) => {
    const token = c.var.token;
    if (!token) return c.json({ error: "The access token is invalid" }, 401);
    return c.json(applicationEntity(token.app, (await vapidKeys(c.var.deps.db)).publicKey), 200);
  });
  return app;
}
