// The composition root of the HTTP side: middleware order matters and is all here.
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import { apiRoutes } from "./api/index.ts";
import { sessionMiddleware } from "./http/auth.ts";
import type { AppDeps, AppEnv } from "./http/context.ts";
import { failureResponse, onError } from "./http/errors.ts";
import { federationMiddleware } from "./http/fedify.ts";
import { mountProfileRedirect } from "./http/profile-redirect.ts";
import { mountWeb } from "./http/web.ts";

export const maxBodyBytes = 1024 * 1024;

export function createApp(deps: AppDeps) {
  const { federation } = deps;
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.use(async (c, next) => {
    c.set("deps", deps);
    await next();
  });
  app.use(
    secureHeaders({
      crossOriginResourcePolicy: false,
      crossOriginEmbedderPolicy: false,
      // Defence in depth for the remote HTML we show (already sanitised).
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "https:"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    }),
  );
  app.use(
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) => failureResponse(c, { kind: "invalid", code: "payload_too_large", message: "The request body is larger than 1 MiB" }, 413),
    }),
  );
  app.get("/healthz", (c) => c.json({ status: "ok", database: deps.dbKind }));
  // The JSON API never speaks ActivityPub: it skips Fedify's routing.
  if (federation) {
    const fed = federationMiddleware(federation, () => ({ db: deps.db }));
    app.use((c, next) => (c.req.path.startsWith("/api/") ? next() : fed(c, next)));
  }
  app.use("/api/*", sessionMiddleware);
  app.route("/api", apiRoutes());
  app.all("/api/*", (c) => failureResponse(c, { kind: "not_found", code: "not_found", message: `No API route ${c.req.method} ${c.req.path}` }));
  mountProfileRedirect(app);
  mountWeb(app, deps.config.webDist);
  return app;
}
