// Cookie sessions, CSRF protection and "acting for" a sponsored member.
import { timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Member } from "../../db/schema/index.ts";
import type { Actor } from "../domain/acts.ts";
import { actingFor } from "../domain/members.ts";
import { openSession, sessionLifetimeDays } from "../domain/sessions.ts";
import { requestGeneration } from "./session-cache.ts";
import type { AppEnv } from "./context.ts";
import { FailureError, unwrap } from "./errors.ts";

export const sessionCookie = "maillage_session";
const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

const sameToken = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Loads the session from its cookie. Cookie-authenticated writes must carry
 * the session's CSRF token in `X-CSRF-Token` (a header a cross-site form cannot set).
 */
export const sessionMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = getCookie(c, sessionCookie) ?? null;
  const session = token ? await c.var.deps.sessions.find(c.var.deps.db, token, requestGeneration(c)) : undefined;
  c.set("session", session ?? null);
  c.set("sessionToken", session ? token : null);
  if (session && !safeMethods.has(c.req.method)) {
    const sent = c.req.header("X-CSRF-Token") ?? "";
    if (!sameToken(sent, session.csrfToken)) {
      throw new FailureError({ kind: "forbidden", code: "csrf_failed", message: "Missing or wrong X-CSRF-Token header" });
    }
  }
  await next();
};

export function currentMember(c: Context<AppEnv>): Member {
  const session = c.var.session;
  if (!session) throw new FailureError({ kind: "unauthenticated", code: "unauthenticated", message: "Log in first" });
  return session.member;
}

/** The member the request acts for: oneself, or a sponsored member named in `X-Acting-For`. */
export async function currentActor(c: Context<AppEnv>): Promise<Actor> {
  const by = currentMember(c);
  const member = unwrap(await actingFor(c.var.deps.db, by, c.req.header("X-Acting-For")));
  return { member, by };
}

/**
 * Who reads: the sponsored member a sponsor names in `X-Acting-For` (so the
 * page of what they posted for a neighbour shows it as the neighbour's), else
 * oneself; null for a visitor.
 */
export async function currentViewer(c: Context<AppEnv>): Promise<Member | null> {
  return c.var.session ? (await currentActor(c)).member : null;
}

export async function startSession(c: Context<AppEnv>, memberId: string): Promise<string> {
  const { token, csrfToken } = await openSession(c.var.deps.db, memberId);
  setCookie(c, sessionCookie, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: c.var.deps.config.publicUrl.protocol === "https:",
    path: "/",
    maxAge: sessionLifetimeDays * 86_400,
  });
  return csrfToken;
}

export function endSessionCookie(c: Context<AppEnv>) {
  deleteCookie(c, sessionCookie, { path: "/" });
}
