// The JSON API under /api, and its OpenAPI document. (/api/v1, /api/v2 and
// /oauth belong to the Mastodon client API, server/mastodon/.)
import { version } from "../version.ts";
import { announcementRoutes } from "./announcements.ts";
import { commonsRoutes } from "./commons.ts";
import { bookingRoutes } from "./bookings.ts";
import { followingRoutes } from "./following.ts";
import { governanceRoutes } from "./governance.ts";
import { deliveryRoutes } from "./deliveries.ts";
import { eventFeedRoutes } from "./event-feeds.ts";
import { eventRoutes } from "./events.ts";
import { instanceRoutes } from "./instance.ts";
import { invitationRoutes } from "./invitations.ts";
import { mediaRoutes } from "./media.ts";
import { meRoutes } from "./me.ts";
import { memberRoutes } from "./members.ts";
import { networkRoutes } from "./networks.ts";
import { notificationRoutes } from "./notifications.ts";
import { partnershipRoutes } from "./partnerships.ts";
import { newRouter } from "./router.ts";
import { sessionRoutes } from "./session.ts";
import { signupRoutes } from "./signup.ts";
import { themeRoutes } from "./themes.ts";
import { offerRoutes } from "./offers.ts";
import { offerExtraRoutes } from "./offer-extras.ts";
import { impactRoutes } from "./impact.ts";
import { printRoutes } from "./print.ts";
import { reportRoutes } from "./reports.ts";
import { moderationRoutes } from "./moderation.ts";
import { taskRoutes } from "./tasks.ts";
import { messageRoutes } from "./messages.ts";
import { passwordResetRoutes } from "./password-resets.ts";
import { mailRoutes } from "./mail.ts";
import { newsletterRoutes } from "./newsletters.ts";
import { mastodonAppRoutes } from "./mastodon-apps.ts";
import { cachedResponse, documentOf, type CachedDocument } from "../http/document-cache.ts";

export function apiRoutes() {
  const api = newRouter();
  api.route("/", instanceRoutes());
  api.route("/", sessionRoutes());
  api.route("/", signupRoutes());
  api.route("/", networkRoutes());
  api.route("/", invitationRoutes());
  api.route("/", memberRoutes());
  api.route("/", meRoutes());
  api.route("/", themeRoutes());
  api.route("/", announcementRoutes());
  api.route("/", followingRoutes());
  api.route("/", partnershipRoutes());
  api.route("/", governanceRoutes());
  api.route("/", deliveryRoutes());
  api.route("/", mediaRoutes());
  api.route("/", notificationRoutes());
  api.route("/", eventRoutes());
  api.route("/", eventFeedRoutes());
  api.route("/", offerExtraRoutes());
  api.route("/", offerRoutes());
  api.route("/", commonsRoutes());
  api.route("/", bookingRoutes());
  api.route("/", impactRoutes());
  api.route("/", reportRoutes());
  api.route("/", moderationRoutes());
  api.route("/", taskRoutes());
  api.route("/", messageRoutes());
  api.route("/", printRoutes());
  api.route("/", passwordResetRoutes());
  api.route("/", mailRoutes());
  api.route("/", newsletterRoutes());
  api.route("/", mastodonAppRoutes());
  // The document is fixed once the routes above are registered: built at the
  // first request, not at each (zod-openapi's doc31 rebuilds it every time).
  const openApiConfig = {
    openapi: "3.1.0",
    info: {
      title: "Maillage API",
      version,
      description:
        "JSON API of a Maillage instance. Cookie sessions; writes with a session cookie must send the X-CSRF-Token header " +
        "given by GET /api/session. Errors: { error: { code, message, field? } }.",
    },
    servers: [{ url: "/api" }],
  };
  // Made, gzipped and tagged once: it changes only with the code.
  let openApiDocument: CachedDocument | undefined;
  api.get("/openapi.json", (c) => {
    openApiDocument ??= documentOf(JSON.stringify(api.getOpenAPI31Document(openApiConfig)), { "content-type": "application/json" });
    return cachedResponse(openApiDocument, c.req.raw);
  });
  return api;
}
