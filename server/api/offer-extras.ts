// Around offers: the network home's summary, a member's offers on their
// profile, the network's expiry setting, and the in-app notifications.
import { createRoute, z } from "@hono/zod-openapi";
import { expiryDaysOf, setExpiryDays } from "../domain/offers.ts";
import { listNotifications, markRead, unreadCount } from "../domain/offer-notifications.ts";
import { memberOffers, offersHome } from "../domain/offer-summaries.ts";
import { requireRole } from "../domain/roles.ts";
import { currentActor, currentMember } from "../http/auth.ts";
import { unwrap } from "../http/errors.ts";
import { errors, jsonBody, newRouter, ok } from "./router.ts";
import { Handle, SlugParam } from "./schemas.ts";

export const offerExtraRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/offers/home",
        summary: "What is new this week by theme, what matches the member's questionnaire, and the network's open offers and exchanges",
        request: { params: SlugParam },
        responses: { 200: ok("The summary"), 404: errors[404] },
      }),
      async (c) => {
        const home = unwrap(await offersHome(c.var.deps.db, c.var.session?.member ?? null, c.req.valid("param").slug, c.var.deps.config.publicUrl.origin));
        return c.json(home, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/members/{handle}/offers",
        summary: "A member's current offers and requests, and how many exchanges they took part in",
        request: { params: SlugParam.extend({ handle: Handle }) },
        responses: { 200: ok("The offers and the count"), 404: errors[404] },
      }),
      async (c) => {
        const { slug, handle } = c.req.valid("param");
        const result = unwrap(await memberOffers(c.var.deps.db, c.var.session?.member ?? null, slug, handle, c.var.deps.config.publicUrl.origin));
        return c.json(result, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/offer-settings",
        summary: "The network's offer settings (members)",
        request: { params: SlugParam },
        responses: { 200: ok("expiryDays"), ...errors },
      }),
      async (c) => {
        const { network } = unwrap(await requireRole(c.var.deps.db, c.req.valid("param").slug, currentMember(c), "member"));
        return c.json({ expiryDays: await expiryDaysOf(c.var.deps.db, network.id) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "put",
        path: "/networks/{slug}/offer-settings",
        summary: "Set how many days an offer stays before it expires (animators; 90 by default)",
        request: { params: SlugParam, ...jsonBody(z.object({ expiryDays: z.number().int() })) },
        responses: { 200: ok("Saved"), ...errors },
      }),
      async (c) => {
        const saved = unwrap(await setExpiryDays(c.var.deps.db, await currentActor(c), c.req.valid("param").slug, c.req.valid("json").expiryDays));
        return c.json(saved, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/me/offer-notifications",
        summary: "My notifications about offers (newest first, 50) and how many are unread",
        responses: { 200: ok("The notifications"), 401: errors[401] },
      }),
      async (c) => {
        const member = currentMember(c);
        const { db, config } = c.var.deps;
        return c.json({ unread: await unreadCount(db, member), notifications: await listNotifications(db, member, config.publicUrl.origin) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/me/offer-notifications/read",
        summary: "Mark notifications read (the given ids, or all)",
        request: jsonBody(z.object({ ids: z.array(z.string().uuid()).max(100).optional() })),
        responses: { 204: ok("Marked"), 401: errors[401] },
      }),
      async (c) => {
        await markRead(c.var.deps.db, currentMember(c), c.req.valid("json").ids);
        return c.body(null, 204);
      },
    );
