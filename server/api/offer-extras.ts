// Around offers: the network home's summary, a member's offers on their
// profile, and the network's expiry setting.
import { createRoute, z } from "@hono/zod-openapi";
import { expiryDaysOf, setExpiryDays } from "../domain/offers/offers.ts";
import { memberOffers, offersHome } from "../domain/offers/summaries.ts";
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
    );
