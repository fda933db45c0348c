// The composition root of the HTTP side: middleware order matters and is all here.
import { Hono, type Context, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { compress } from "hono/compress";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { sql } from "drizzle-orm";
import { sessionMiddleware } from "./http/auth.ts";
import type { AppDeps, AppEnv } from "./http/context.ts";
import { refuseUnstorableUrl } from "./http/clean-url.ts";
import { failureResponse, onError, retryAfterSeconds } from "./http/errors.ts";
import { federationMiddleware } from "./http/fedify.ts";
import { DocumentCache, GenerationReader } from "./http/document-cache.ts";
import { SessionCache } from "./http/session-cache.ts";
import { fixedSecurityHeaders } from "./http/security-headers.ts";
import { signerHostOf } from "../federation/access.ts";
import { tombstoneFor } from "../federation/tombstones.ts";
import { mountProfileRedirect } from "./http/profile-redirect.ts";
import { partnerMediaReader } from "./http/partner-media.ts";
import { mountMedia } from "./http/media.ts";
import { mountWeb } from "./http/web.ts";
import { maxUploadBytes, uploadPath } from "./http/upload-limits.ts";
import { completedOnDemand } from "./http/lazy-app.ts";
import { flushCompileCacheSoon } from "./compile-cache.ts";
import { DatabaseCounterStore } from "./domain/rate-limits/database-store.ts";
import { RateLimiter } from "./domain/rate-limits/limiter.ts";
import { postingLimits } from "./http/posting-limits.ts";
import { suspensionGuard } from "./http/suspension-guard.ts";
import { mastodonPaths } from "./mastodon/paths.ts";

export const maxBodyBytes = 1024 * 1024;

export function createApp(given: AppDeps) {
  // One source of the document generation for both caches: concurrent requests share its reads.
  const generations = given.documentGeneration ?? new GenerationReader(given.db);
  const deps = {
    ...given,
    rateLimits: given.rateLimits ?? new RateLimiter(new DatabaseCounterStore(given.db)),
    generations,
    responses: new DocumentCache(given.db, generations),
    sessions: new SessionCache(),
  };
  const { federation } = deps;
  const headers = (contentSecurityPolicy: NonNullable<Parameters<typeof secureHeaders>[0]>["contentSecurityPolicy"]) =>
    secureHeaders({ crossOriginResourcePolicy: false, crossOriginEmbedderPolicy: false, contentSecurityPolicy });
  const pageHeaders = headers({
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    // Defence in depth for the remote HTML we show (already sanitised).
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", "data:", "https:"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    frameAncestors: ["'none'"],
    formAction: ["'self'"],
  });
  // An uploaded file opened directly runs nothing, whatever it holds.
  const fileHeaders = headers({ defaultSrc: ["'none'"], sandbox: [] });
  // The OAuth consent form sends the browser on to the app's own address (often
  // a custom scheme such as tusky://), which form-action 'self' would stop.
  const consentHeaders = headers({ defaultSrc: ["'none'"], styleSrc: ["'unsafe-inline'"], baseUri: ["'none'"], frameAncestors: ["'none'"] });
  // Kept ActivityPub documents carry the page headers in their answer (security-headers.ts).
  const fixedPageHeaders = fixedSecurityHeaders(pageHeaders);
  // JSON, ActivityPub documents and pages leave gzipped (assets are already, by the build).
  // A kept document's answer is final (gzipped once when asked, security headers
  // included): compress() would only turn its plain header object into Fetch Headers to look.
  const compressor = compress();
  const limitTo = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: (c) =>
        failureResponse(c, { kind: "too_large", code: "payload_too_large", message: `The request body is larger than ${maxSize / 1024 / 1024} MiB` }),
    });
  const [apiLimit, uploadLimit] = [limitTo(maxBodyBytes), limitTo(maxUploadBytes)];
  // A GET or HEAD without Content-Length or Transfer-Encoding has no body (HTTP/1.1;
  // Fetch forbids one): bodyLimit would still build a Fetch Request to look (~15 µs).
  const bodiless = (c: Context) =>
    (c.req.method === "GET" || c.req.method === "HEAD") && c.req.header("content-length") === undefined && c.req.header("transfer-encoding") === undefined;
  const fed =
    federation &&
    federationMiddleware(federation, {
      contextData: () => ({ db: deps.db }),
      // The same path under the public origin (ids) or the one asked.
      cache: new DocumentCache(deps.db, generations),
      signerHost: (request) => signerHostOf(federation.createContext(request, { db: deps.db })),
      securityHeaders: fixedPageHeaders.fixed,
      gone: (url) => tombstoneFor(deps.db, [...new Set([new URL(url.pathname, deps.config.publicUrl).href, new URL(url.pathname, url.origin).href])]),
    });

  // The routes, composed again once the client APIs are loaded (lazy-app.ts).
  const build = (apis: ClientApis | undefined, load: MiddlewareHandler<AppEnv>) => {
    const app = new Hono<AppEnv>();
    app.onError(onError);
    if (!apis) for (const path of [...mastodonPaths, "/api/*"]) app.use(path, load);
    app.use(requestId());
    app.use(async (c, next) => {
      c.set("deps", deps);
      await next();
    });
    app.use((c, next) =>
      c.req.path.startsWith("/media/") ? fileHeaders(c, next) : c.req.path === "/oauth/authorize" ? consentHeaders(c, next) : fixedPageHeaders.middleware(c, next),
    );
    app.use(async (c, next) => {
      await next();
      if (!c.get("securityHeadersSet")) await compressor(c, async () => {});
    });
    app.use((c, next) => (bodiless(c) ? next() : uploadPath.test(c.req.path) ? uploadLimit(c, next) : apiLimit(c, next)));
    app.use(refuseUnstorableUrl);
    // For a proxy or an orchestrator: 503 while the database cannot be reached.
    app.get("/healthz", async (c) => {
      if (await databaseAnswers(deps)) return c.json({ status: "ok", database: "reachable", kind: deps.dbKind });
      c.header("Retry-After", String(retryAfterSeconds));
      return c.json({ status: "degraded", database: "unreachable", kind: deps.dbKind }, 503);
    });
    // Mastodon apps' API and OAuth (server/mastodon/): its own auth (bearer tokens), errors and CORS.
    if (apis) app.route("/", apis.mastodon);
    // The JSON API never speaks ActivityPub: it skips Fedify's routing.
    if (fed) app.use((c, next) => (c.req.path.startsWith("/api/") ? next() : fed(c, next)));
    app.use("/api/*", sessionMiddleware);
    app.use("/api/*", suspensionGuard);
    app.use("/api/*", postingLimits);
    if (apis) app.route("/api", apis.json);
    app.all("/api/*", (c) => failureResponse(c, { kind: "not_found", code: "not_found", message: `No API route ${c.req.method} ${c.req.path}` }));
    mountMedia(app, partnerMediaReader);
    mountProfileRedirect(app);
    mountWeb(app, deps.config.webDist);
    return app;
  };
  return completedOnDemand(loadClientApis, build);
}

/** The JSON API (server/api) and the Mastodon client API (server/mastodon): ~200 modules a server that only federates never needs. */
interface ClientApis {
  json: Hono<AppEnv>;
  mastodon: ReturnType<typeof import("./mastodon/index.ts").mastodonApi>;
}

async function loadClientApis(): Promise<ClientApis> {
  const [{ apiRoutes }, { mastodonApi }] = await Promise.all([import("./api/index.ts"), import("./mastodon/index.ts")]);
  // Their modules in the compile cache too, for the next start's first request.
  flushCompileCacheSoon();
  return { json: apiRoutes(), mastodon: mastodonApi() };
}

/** Whether the database answers a trivial query within two seconds. */
async function databaseAnswers(deps: Pick<AppDeps, "db">): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), 2000)));
  const query = deps.db.execute(sql`select 1`).then(() => true, () => false);
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
