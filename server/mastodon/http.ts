// What every Mastodon route shares: the bearer token, scope checks, Mastodon's
// error shape `{ "error": "..." }`, parameters from query, JSON or forms, and
// rate limits answered in that shape.
import { Hono, type Context, type MiddlewareHandler } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Member } from "../../db/schema/index.ts";
import type { AppEnv } from "../http/context.ts";
import { clientAddress } from "../http/client-address.ts";
import { FailureError, onError } from "../http/errors.ts";
import type { Limit } from "../domain/rate-limits/limiter.ts";
import type { Failure } from "../domain/result.ts";
import { findToken, touchToken, type TokenOwner } from "./oauth/grants.ts";
import { covers } from "./oauth/scopes.ts";

export type MastodonEnv = AppEnv & { Variables: AppEnv["Variables"] & { token: TokenOwner | null } };
export type MastodonContext = Context<MastodonEnv>;

/** Mastodon's statuses: a value the app sent that does not fit is 422 there. */
const statusOf: Record<Failure["kind"], ContentfulStatusCode> = {
  invalid: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 422,
  gone: 410,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

/** Thrown anywhere under server/mastodon; answered as `{ error }` with the status given. */
export class MastodonError extends Error {
  readonly status: ContentfulStatusCode;
  readonly description: string | undefined;
  constructor(status: ContentfulStatusCode, error: string, description?: string) {
    super(error);
    this.status = status;
    this.description = description;
  }
}

export const notFound = () => new MastodonError(404, "Record not found");
export const invalid = (message: string) => new MastodonError(422, `Validation failed: ${message}`);

export const mastodonError = (c: Context, status: ContentfulStatusCode, error: string, description?: string) =>
  c.json(description === undefined ? { error } : { error, error_description: description }, status);

/** A domain failure in Mastodon's words and statuses. */
export const fromFailure = (failure: Failure) => new MastodonError(statusOf[failure.kind], failure.kind === "not_found" ? "Record not found" : failure.message);

export function unwrapOr404<T>(result: { ok: true; value: T } | { ok: false; error: Failure }): T {
  if (!result.ok) throw fromFailure(result.error);
  return result.value;
}

/** A sub-app whose errors (ours, the domain's, unexpected ones) all leave in Mastodon's shape. */
export function mastodonRouter() {
  const app = new Hono<MastodonEnv>();
  app.onError(async (err, c) => {
    if (err instanceof MastodonError) return mastodonError(c, err.status, err.message, err.description);
    if (err instanceof FailureError) return mastodonError(c, err.status === 400 ? 422 : err.status, err.failure.message);
    // Unexpected: the app-wide handler logs it and picks the status; we keep only the words.
    const res = onError(err, c);
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    return mastodonError(c, res.status as ContentfulStatusCode, body?.error?.message ?? "Something went wrong");
  });
  return app;
}

/** Reads the bearer token, if any; a token that is unknown or revoked is refused at once. */
export const bearer: MiddlewareHandler<MastodonEnv> = async (c, next) => {
  const header = c.req.header("Authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const token = match?.[1] ?? c.req.query("access_token");
  if (!token) {
    c.set("token", null);
    return next();
  }
  const owner = await findToken(c.var.deps.db, token);
  if (!owner) return mastodonError(c, 401, "The access token is invalid");
  c.set("token", owner);
  await touchToken(c.var.deps.db, owner.tokenId);
  await next();
};

/** Needs a token granting one of `scopes` (e.g. `read:statuses`); 401 without a token, 403 outside them. */
export function scope(...scopes: string[]): MiddlewareHandler<MastodonEnv> {
  return async (c, next) => {
    const token = c.var.token;
    if (!token) return mastodonError(c, 401, "The access token is invalid");
    if (!scopes.some((s) => covers(token.scopes, s))) return mastodonError(c, 403, "This action is outside the authorized scopes");
    await next();
  };
}

/** The member behind the token; an app's own token (client credentials) has none. */
export function userOf(c: MastodonContext): Member {
  const member = c.var.token?.member;
  if (!member) throw new MastodonError(422, "This method requires an authenticated user");
  return member;
}

/** The reader, if a member's token came: public reads work without one, as in Mastodon. */
export const viewerOf = (c: MastodonContext): Member | null => c.var.token?.member ?? null;

/** Parameters from the query and the body, whichever form the app sent (JSON, urlencoded, multipart). */
export async function params(c: Context): Promise<Record<string, unknown>> {
  const merged: Record<string, unknown> = { ...c.req.query() };
  if (c.req.method === "GET" || c.req.method === "HEAD") return merged;
  const type = c.req.header("Content-Type") ?? "";
  if (type.includes("json")) {
    const body = await c.req.json().catch(() => {
      throw new MastodonError(400, "The JSON body could not be read");
    });
    if (body && typeof body === "object" && !Array.isArray(body)) Object.assign(merged, body);
  } else if (type.includes("form")) {
    const form = await c.req.parseBody({ all: true });
    for (const [key, value] of Object.entries(form)) merged[key.replace(/\[\]$/, "")] = value;
  }
  return merged;
}

/** A string parameter, or undefined; anything else is the app's mistake (422). */
export function text(p: Record<string, unknown>, name: string): string | undefined {
  const value = p[name];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value !== "string") throw invalid(`${name} must be a string`);
  return value;
}

/** Counts each request in `limit` per client address; over it, 429 with Retry-After. */
export function limitPerAddress(limit: Limit, counts: (status: number) => boolean = () => true): MiddlewareHandler<MastodonEnv> {
  return async (c, next) => {
    const limiter = c.var.deps.rateLimits;
    const subject = clientAddress(c as never);
    const verdict = await limiter.take(limit, subject);
    if (!verdict.allowed) {
      await limiter.refund(limit, subject);
      c.header("Retry-After", String(verdict.retryAfterSeconds));
      return mastodonError(c, 429, "Too many requests");
    }
    await next();
    if (!counts(c.res.status)) await limiter.refund(limit, subject);
  };
}
