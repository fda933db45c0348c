// GET and POST /oauth/authorize: the member logs in if needed, reads what the
// app asks for, and says yes or no. A yes sends the app back with a one-time code.
import { timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import type { Member } from "../../../db/schema/index.ts";
import { findMemberByHandle } from "../../domain/members.ts";
import { decoyHash, verifyPassword } from "../../domain/passwords.ts";
import { loginFailuresPerAccount, loginFailuresPerAddress } from "../../domain/rate-limits/policies.ts";
import { findSession } from "../../domain/sessions.ts";
import type { Failure } from "../../domain/result.ts";
import { sessionCookie, startSession } from "../../http/auth.ts";
import { clientAddress } from "../../http/client-address.ts";
import { mastodonRouter, type MastodonContext } from "../http.ts";
import { checkAuthorizeRequest, issueCode, outOfBand, type AuthorizeRequest } from "../oauth/grants.ts";
import { codePage, consentPage, errorPage, loginPage, type Lang } from "./page.ts";

const oauthParams = ["response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method", "lang"];

const errorWords: Record<string, { fr: string; en: string }> = {
  invalid_client: { fr: "Cette application n'est pas connue ici.", en: "This app is not known here." },
  invalid_redirect_uri: { fr: "L'adresse de retour n'est pas celle que l'application a déclarée.", en: "The return address is not one the app registered." },
  invalid_scope: { fr: "L'application demande des droits qu'elle n'a pas déclarés.", en: "The app asks for rights it did not register." },
  unsupported_response_type: { fr: "Ce type de demande n'est pas pris en charge.", en: "This kind of request is not supported." },
  invalid_request: { fr: "La demande est incomplète ou mal formée.", en: "The request is incomplete or malformed." },
  no_app_login: {
    fr: "Ce compte est tenu par un parrain ou une marraine : il ne se connecte pas depuis une application.",
    en: "This account is kept by a sponsor: it does not log in from an app.",
  },
};

function langOf(c: Context, lang: string | undefined): Lang {
  if (lang === "fr" || lang === "en") return lang;
  return /^\s*en\b/i.test(c.req.header("Accept-Language") ?? "") ? "en" : "fr";
}

const pick = (source: Record<string, unknown>) =>
  Object.fromEntries(oauthParams.filter((k) => typeof source[k] === "string" && source[k] !== "").map((k) => [k, source[k] as string]));

async function loggedIn(c: MastodonContext) {
  const token = getCookie(c, sessionCookie);
  return token ? await findSession(c.var.deps.db, token) : undefined;
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

function refuse(c: MastodonContext, lang: Lang, failure: Failure, status: 400 | 401 | 403 | 404 = 400) {
  return c.html(errorPage(lang, errorWords[failure.code]?.[lang] ?? failure.message), status === 404 ? 400 : status);
}

/** Back to the app: with the code, or with `error=access_denied` when the member said no. */
function backToApp(c: MastodonContext, request: AuthorizeRequest, values: Record<string, string>) {
  const url = new URL(request.redirectUri);
  for (const [k, v] of Object.entries(values)) url.searchParams.set(k, v);
  if (request.state !== null) url.searchParams.set("state", request.state);
  return c.redirect(url.href, 302);
}

function consent(c: MastodonContext, lang: Lang, request: AuthorizeRequest, member: Member, csrfToken: string, query: Record<string, string>) {
  if (!member.passwordHash) return refuse(c, lang, { kind: "forbidden", code: "no_app_login", message: "no app login" }, 403);
  return c.html(
    consentPage(lang, { appName: request.app.name, website: request.app.website, scopes: request.scopes, member, csrfToken, query }),
    200,
  );
}

export function authorizeRoutes() {
  const app = mastodonRouter();
  app.get("/oauth/authorize", async (c) => {
    const query = pick(c.req.query());
    const lang = langOf(c, query.lang);
    const checked = await checkAuthorizeRequest(c.var.deps.db, query);
    if (!checked.ok) return refuse(c, lang, checked.error);
    const session = c.req.query("force_login") === "true" ? undefined : await loggedIn(c);
    if (!session) return c.html(loginPage(lang, checked.value.app.name, query), 200);
    return consent(c, lang, checked.value, session.member, session.csrfToken, query);
  });

  app.post("/oauth/authorize", async (c) => {
    const form = await c.req.parseBody();
    const query = pick(form);
    const lang = langOf(c, query.lang);
    const db = c.var.deps.db;
    const checked = await checkAuthorizeRequest(db, query);
    if (!checked.ok) return refuse(c, lang, checked.error);
    const request = checked.value;
    if (form.step === "login") return logIn(c, lang, request, query, form);
    const session = await loggedIn(c);
    if (!session) return c.html(loginPage(lang, request.app.name, query), 401);
    // A form from another site cannot know the session's token.
    if (typeof form.csrf !== "string" || !same(form.csrf, session.csrfToken)) {
      return refuse(c, lang, { kind: "forbidden", code: "invalid_request", message: "csrf" }, 403);
    }
    if (!session.member.passwordHash) return refuse(c, lang, { kind: "forbidden", code: "no_app_login", message: "no app login" }, 403);
    if (form.step !== "approve") return backToApp(c, request, { error: "access_denied", error_description: "The member refused" });
    const code = await issueCode(db, request, session.member);
    if (request.redirectUri === outOfBand) return c.html(codePage(lang, code), 200);
    return backToApp(c, request, { code });
  });
  return app;
}

/** The login step, counted like the web app's login (failures per account and per address). */
async function logIn(c: MastodonContext, lang: Lang, request: AuthorizeRequest, query: Record<string, string>, form: Record<string, unknown>) {
  const db = c.var.deps.db;
  const limiter = c.var.deps.rateLimits;
  const handle = typeof form.handle === "string" ? form.handle.trim().toLowerCase().replace(/^@/, "") : "";
  const password = typeof form.password === "string" ? form.password : "";
  const subjects: [typeof loginFailuresPerAccount, string][] = [[loginFailuresPerAddress, clientAddress(c as never)]];
  if (handle) subjects.push([loginFailuresPerAccount, handle]);
  const verdicts = await Promise.all(subjects.map(([limit, subject]) => limiter.take(limit, subject)));
  const refund = () => Promise.all(subjects.map(([limit, subject]) => limiter.refund(limit, subject)));
  if (verdicts.some((v) => !v.allowed)) {
    await refund();
    c.header("Retry-After", String(Math.max(...verdicts.map((v) => v.retryAfterSeconds))));
    return c.html(errorPage(lang, lang === "fr" ? "Trop d'essais : attendez quelques minutes." : "Too many attempts: wait a few minutes."), 429);
  }
  const member = handle ? await findMemberByHandle(db, handle) : undefined;
  // Same work whether or not the handle exists, so timing reveals nothing.
  const valid = await verifyPassword(member?.passwordHash ?? (await decoyHash()), password);
  if (!member?.passwordHash || !valid) return c.html(loginPage(lang, request.app.name, query, true), 401);
  await refund();
  await limiter.reset(loginFailuresPerAccount, handle);
  const csrfToken = await startSession(c as never, member.id);
  return consent(c, lang, request, member, csrfToken, query);
}
