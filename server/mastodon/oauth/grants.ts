// The OAuth grants: apps, one-time codes (PKCE S256) and access tokens.
// Random secrets go to the app once; only their SHA-256 is kept.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { mastodonAppTable, mastodonCodeTable, mastodonTokenTable, memberTable, type MastodonApp, type Member } from "../../../db/schema/index.ts";
import { fail, ok, transact, type Result } from "../../domain/result.ts";
import { parseScopes, withinApp } from "./scopes.ts";

export const codeLifetimeMs = 10 * 60_000;
export const outOfBand = "urn:ietf:wg:oauth:2.0:oob";

const digest = (secret: string) => createHash("sha256").update(secret).digest("base64url");
const secret = () => randomBytes(32).toString("base64url");
const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export interface AppInput {
  name: string;
  redirectUris: string[];
  scopes: string[];
  website: string | null;
}

/** Registers an app; the secret is returned once, never stored in clear. */
export async function registerApp(db: DatabaseLike, input: AppInput): Promise<{ app: MastodonApp; clientSecret: string }> {
  const clientSecret = secret();
  const [app] = await db
    .insert(mastodonAppTable)
    .values({ clientId: secret(), clientSecretHash: digest(clientSecret), name: input.name, website: input.website, redirectUris: input.redirectUris, scopes: input.scopes.join(" ") })
    .returning();
  return { app, clientSecret };
}

export async function findApp(db: DatabaseLike, clientId: string): Promise<MastodonApp | undefined> {
  const [app] = await db.select().from(mastodonAppTable).where(eq(mastodonAppTable.clientId, clientId)).limit(1);
  return app;
}

/** The app, when the client id and secret match. */
export async function authenticateApp(db: DatabaseLike, clientId: string, clientSecret: string): Promise<MastodonApp | undefined> {
  const app = clientId ? await findApp(db, clientId) : undefined;
  return app && same(app.clientSecretHash, digest(clientSecret)) ? app : undefined;
}

export interface AuthorizeRequest {
  app: MastodonApp;
  redirectUri: string;
  scopes: string[];
  codeChallenge: string | null;
  state: string | null;
}

/** Checks an authorize request as the app sent it; the failure's code is an OAuth error name. */
export async function checkAuthorizeRequest(db: DatabaseLike, q: Record<string, string | undefined>): Promise<Result<AuthorizeRequest>> {
  const app = q.client_id ? await findApp(db, q.client_id) : undefined;
  if (!app) return fail("not_found", "invalid_client", "Unknown app (client_id)", "client_id");
  const redirectUri = q.redirect_uri ?? (app.redirectUris.length === 1 ? app.redirectUris[0] : "");
  if (!app.redirectUris.includes(redirectUri)) return fail("invalid", "invalid_redirect_uri", "The redirect URI is not one the app registered", "redirect_uri");
  if ((q.response_type ?? "code") !== "code") return fail("invalid", "unsupported_response_type", "Only response_type=code is supported", "response_type");
  const scopes = parseScopes(q.scope);
  if (!withinApp(app.scopes.split(" "), scopes)) return fail("invalid", "invalid_scope", "The scopes asked are not all among the app's", "scope");
  if (q.code_challenge && (q.code_challenge_method ?? "plain") !== "S256") {
    return fail("invalid", "invalid_request", "Only code_challenge_method=S256 is supported", "code_challenge_method");
  }
  return ok({ app, redirectUri, scopes, codeChallenge: q.code_challenge || null, state: q.state ?? null });
}

/** The member said yes: a code the app exchanges for a token within ten minutes. */
export async function issueCode(db: DatabaseLike, request: AuthorizeRequest, member: Member): Promise<string> {
  const code = secret();
  await db.insert(mastodonCodeTable).values({
    codeHash: digest(code),
    appId: request.app.id,
    memberId: member.id,
    redirectUri: request.redirectUri,
    scopes: request.scopes.join(" "),
    codeChallenge: request.codeChallenge,
    expiresAt: new Date(Date.now() + codeLifetimeMs),
  });
  // Opportunistic clean-up of codes nobody will use.
  await db.delete(mastodonCodeTable).where(lt(mastodonCodeTable.expiresAt, new Date(Date.now() - codeLifetimeMs)));
  return code;
}

export interface IssuedToken {
  token: string;
  scopes: string;
  createdAt: Date;
}

async function issueToken(db: DatabaseLike, appId: string, memberId: string | null, scopes: string, codeHash: string | null): Promise<IssuedToken> {
  const token = secret();
  const [row] = await db.insert(mastodonTokenTable).values({ tokenHash: digest(token), appId, memberId, scopes, codeHash }).returning();
  return { token, scopes, createdAt: row.createdAt };
}

const invalidGrant = (message: string) => fail("invalid", "invalid_grant", message);

/** authorization_code: the code, once, with the same redirect URI and the PKCE verifier if a challenge was given. */
export async function exchangeCode(db: DatabaseLike, app: MastodonApp, code: string, redirectUri: string | undefined, verifier: string | undefined): Promise<Result<IssuedToken>> {
  const codeHash = digest(code);
  const found = await transact<{ reused: boolean; token?: IssuedToken }>(db, async (tx) => {
    const [row] = await tx.select().from(mastodonCodeTable).where(and(eq(mastodonCodeTable.codeHash, codeHash), eq(mastodonCodeTable.appId, app.id))).for("update");
    if (!row) return invalidGrant("The code is unknown or was issued to another app");
    if (row.usedAt) return ok({ reused: true });
    if (row.expiresAt < new Date()) return invalidGrant("The code has expired");
    if (redirectUri !== undefined && redirectUri !== row.redirectUri) return invalidGrant("The redirect URI differs from the one the code was issued for");
    if (row.codeChallenge) {
      const computed = createHash("sha256").update(verifier ?? "").digest("base64url");
      if (!verifier || !same(computed, row.codeChallenge)) return invalidGrant("The PKCE code verifier does not match the challenge");
    }
    await tx.update(mastodonCodeTable).set({ usedAt: new Date() }).where(eq(mastodonCodeTable.codeHash, codeHash));
    return ok({ reused: false, token: await issueToken(tx, app.id, row.memberId, row.scopes, codeHash) });
  });
  if (!found.ok) return found;
  if (found.value.reused) {
    // A code used twice was probably stolen: the token it gave no longer works either.
    await db.delete(mastodonTokenTable).where(eq(mastodonTokenTable.codeHash, codeHash));
    return invalidGrant("The code was already used");
  }
  return ok(found.value.token!);
}

/** client_credentials: a token for the app itself, with no member behind it. */
export async function clientToken(db: DatabaseLike, app: MastodonApp, scope: unknown): Promise<Result<IssuedToken>> {
  const scopes = parseScopes(scope);
  if (!withinApp(app.scopes.split(" "), scopes)) return fail("invalid", "invalid_scope", "The scopes asked are not all among the app's", "scope");
  return ok(await issueToken(db, app.id, null, scopes.join(" "), null));
}

/** NOTIFY channel of a revoked token: its open streams end at once (streaming/sse.ts). */
export const TOKEN_REVOKED_CHANNEL = "maillage_token_revoked";
const revoked = (db: DatabaseLike) => db.execute(sql`select pg_notify(${TOKEN_REVOKED_CHANNEL}, '')`);

/** Revokes a token of this app (unknown ones too, silently, as RFC 7009 says). */
export async function revokeToken(db: DatabaseLike, app: MastodonApp, token: string): Promise<void> {
  const gone = await db
    .delete(mastodonTokenTable)
    .where(and(eq(mastodonTokenTable.tokenHash, digest(token)), eq(mastodonTokenTable.appId, app.id)))
    .returning({ id: mastodonTokenTable.id });
  if (gone.length) await revoked(db);
}

/** Whether a token still stands (not revoked, its member still here). */
export async function tokenStands(db: DatabaseLike, tokenId: string): Promise<boolean> {
  const [row] = await db.select({ id: mastodonTokenTable.id }).from(mastodonTokenTable).where(eq(mastodonTokenTable.id, tokenId)).limit(1);
  return !!row;
}

export interface TokenOwner {
  tokenId: string;
  app: MastodonApp;
  /** Null for an app's own token (client credentials). */
  member: Member | null;
  scopes: string[];
}

/** Who holds a bearer token. A member without a password (sponsored) has no app login. */
export async function findToken(db: DatabaseLike, token: string): Promise<TokenOwner | undefined> {
  const [row] = await db
    .select({ token: mastodonTokenTable, app: mastodonAppTable, member: memberTable })
    .from(mastodonTokenTable)
    .innerJoin(mastodonAppTable, eq(mastodonAppTable.id, mastodonTokenTable.appId))
    .leftJoin(memberTable, eq(memberTable.id, mastodonTokenTable.memberId))
    .where(eq(mastodonTokenTable.tokenHash, digest(token)))
    .limit(1);
  if (!row || (row.member && !row.member.passwordHash)) return undefined;
  return { tokenId: row.token.id, app: row.app, member: row.member, scopes: row.token.scopes.split(" ") };
}

/** The apps a member authorised, one line per token, for their profile page and their export. */
export async function authorisedApps(db: DatabaseLike, member: Member) {
  const rows = await db
    .select({ id: mastodonTokenTable.id, name: mastodonAppTable.name, website: mastodonAppTable.website, scopes: mastodonTokenTable.scopes, createdAt: mastodonTokenTable.createdAt, lastUsedAt: mastodonTokenTable.lastUsedAt })
    .from(mastodonTokenTable)
    .innerJoin(mastodonAppTable, eq(mastodonAppTable.id, mastodonTokenTable.appId))
    .where(eq(mastodonTokenTable.memberId, member.id))
    .orderBy(desc(mastodonTokenTable.createdAt));
  return rows.map((r) => ({ ...r, scopes: r.scopes.split(" ") }));
}

/** The member takes an app's access back (and any code not yet used). */
export async function revokeAuthorisation(db: DatabaseLike, member: Member, tokenId: string): Promise<Result<null>> {
  const removed = await db
    .delete(mastodonTokenTable)
    .where(and(eq(mastodonTokenTable.id, tokenId), eq(mastodonTokenTable.memberId, member.id)))
    .returning({ appId: mastodonTokenTable.appId });
  if (!removed.length) return fail("not_found", "app_not_found", "No such authorised app");
  await revoked(db);
  await db.delete(mastodonCodeTable).where(and(eq(mastodonCodeTable.appId, removed[0].appId), eq(mastodonCodeTable.memberId, member.id)));
  return ok(null);
}

/** Marks a token used, at most once a minute (a write per request would cost more than it tells). */
export async function touchToken(db: DatabaseLike, tokenId: string): Promise<void> {
  const aMinuteAgo = new Date(Date.now() - 60_000);
  await db
    .update(mastodonTokenTable)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(mastodonTokenTable.id, tokenId), or(isNull(mastodonTokenTable.lastUsedAt), lt(mastodonTokenTable.lastUsedAt, aMinuteAgo))));
}

