// The Mastodon client API (issue #15): what Mastodon apps (Tusky, Ivory, Elk,
// Phanpy, …) call, mapped onto the same domain use-cases as the web app. One
// sub-app per resource; this file only composes them, with CORS for the
// API and token endpoints (never the web app's own /api).
import { cors } from "hono/cors";
import { appRoutes } from "./apps.ts";
import { authorizeRoutes } from "./authorize/routes.ts";
import { bearer, mastodonError, mastodonRouter } from "./http.ts";
import { oauthRoutes } from "./oauth-routes.ts";
import { instanceRoutes } from "./instance.ts";
import { timelineRoutes } from "./timelines/routes.ts";
import { accountStatusRoutes } from "./timelines/account.ts";
import { statusRoutes } from "./statuses/routes.ts";
import { reactionRoutes } from "./statuses/reactions.ts";
import { notificationRoutes } from "./notifications/routes.ts";
import { sseRoutes } from "./streaming/sse.ts";
import { mediaRoutes } from "./media.ts";
import { pushRoutes } from "./push/subscriptions.ts";
import { accountRoutes } from "./accounts/routes.ts";
import { searchRoutes } from "./accounts/search.ts";
import { mountDefaultAvatar } from "./avatar.ts";

/** Paths where any origin may call (apps in a browser, like Elk or Phanpy). */
export const openToAnyOrigin = ["/api/v1/*", "/api/v2/*", "/oauth/token", "/oauth/revoke", "/.well-known/oauth-authorization-server"];

export function mastodonApi() {
  const app = mastodonRouter();
  const anyOrigin = cors({ origin: "*", exposeHeaders: ["Link", "Retry-After"], maxAge: 600 });
  for (const path of openToAnyOrigin) app.use(path, anyOrigin);
  app.use("/api/v1/*", bearer);
  app.use("/api/v2/*", bearer);
  for (const routes of [appRoutes, oauthRoutes, authorizeRoutes, instanceRoutes, accountRoutes, accountStatusRoutes, searchRoutes, timelineRoutes, statusRoutes, reactionRoutes, notificationRoutes, sseRoutes, mediaRoutes, pushRoutes]) app.route("/", routes());
  mountDefaultAvatar(app);
  app.all("/api/v1/*", (c) => mastodonError(c, 404, "Record not found"));
  app.all("/api/v2/*", (c) => mastodonError(c, 404, "Record not found"));
  return app;
}
