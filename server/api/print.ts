// What the printed pages read (animators): the poster's next café and
// animators, the offers sheet and the month's agenda; and, for any member,
// an offer found by the number printed beside it.
import { createRoute, z } from "@hono/zod-openapi";
import { offerByRef } from "../domain/print/lookup.ts";
import { agendaSheet, offersSheet, posterOf } from "../domain/print/sheets.ts";
import { currentMember } from "../http/auth.ts";
import { unwrap } from "../http/errors.ts";
import { errors, newRouter, ok } from "./router.ts";
import { SlugParam } from "./schemas.ts";

const Audience = z.enum(["members", "public"]).optional().openapi({ description: "members (default): what members see; public: public items only, for display in the hall" });

export const printRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/print/poster",
        summary: "The poster's content: the next public café-rencontre and the animators' first names (animators)",
        request: { params: SlugParam },
        responses: { 200: ok("nextCafe, membersOnlyCafe, animators"), ...errors },
      }),
      async (c) => c.json(unwrap(await posterOf(c.var.deps.db, currentMember(c), c.req.valid("param").slug, c.var.deps.config.publicUrl.origin)), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/print/offers",
        summary: "Open offers and requests by theme, each with its reference number, for the printed sheet (animators)",
        request: { params: SlugParam, query: z.object({ audience: Audience }) },
        responses: { 200: ok("themes, count, truncated"), ...errors },
      }),
      async (c) => {
        const audience = c.req.valid("query").audience ?? "members";
        return c.json(unwrap(await offersSheet(c.var.deps.db, currentMember(c), c.req.valid("param").slug, audience, c.var.deps.config.publicUrl.origin)), 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/print/agenda",
        summary: "A month's events for the printed agenda (animators)",
        request: { params: SlugParam, query: z.object({ month: z.string().max(7).optional().openapi({ example: "2026-12" }), audience: Audience }) },
        responses: { 200: ok("month, events"), ...errors },
      }),
      async (c) => {
        const { month, audience } = c.req.valid("query");
        return c.json(unwrap(await agendaSheet(c.var.deps.db, currentMember(c), c.req.valid("param").slug, month, audience ?? "members", c.var.deps.config.publicUrl.origin)), 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/offers/ref/{ref}",
        summary: "The offer with this reference number (printed on the offers sheet), if the viewer may see it",
        request: { params: SlugParam.extend({ ref: z.string().max(20) }) },
        responses: { 200: ok("offer"), ...errors },
      }),
      async (c) => {
        const { slug, ref } = c.req.valid("param");
        return c.json({ offer: unwrap(await offerByRef(c.var.deps.db, c.var.session?.member ?? null, slug, ref, c.var.deps.config.publicUrl.origin)) }, 200);
      },
    );
