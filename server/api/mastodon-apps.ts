// The Mastodon apps a member let into their account, seen and taken back from
// their profile in the web app (the apps themselves use server/mastodon/).
import { createRoute, z } from "@hono/zod-openapi";
import { authorisedApps, revokeAuthorisation } from "../mastodon/oauth/grants.ts";
import { currentMember } from "../http/auth.ts";
import { unwrap } from "../http/errors.ts";
import { errors, newRouter, ok } from "./router.ts";

export const mastodonAppRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/me/apps",
        summary: "The Mastodon apps I authorised",
        responses: { 200: ok("{ apps: [{ id, name, website, scopes, createdAt, lastUsedAt }] }"), 401: errors[401] },
      }),
      async (c) => c.json({ apps: await authorisedApps(c.var.deps.db, currentMember(c)) }, 200),
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/me/apps/{id}",
        summary: "Take an app's access back",
        request: { params: z.object({ id: z.uuid() }) },
        responses: { 204: ok("Revoked"), ...errors },
      }),
      async (c) => {
        unwrap(await revokeAuthorisation(c.var.deps.db, currentMember(c), c.req.valid("param").id));
        return c.body(null, 204);
      },
    );
