// Partnerships between networks (animators ask, accept, decline, end) and the
// public list of a network's partners.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { partnershipPort } from "../../federation/partnerships.ts";
import { decidePartnership, listPartners, listPartnerships, requestPartnership } from "../domain/partnerships.ts";
import { currentMember } from "../http/auth.ts";
import type { AppEnv } from "../http/context.ts";
import { unwrap } from "../http/errors.ts";
import { errors, jsonBody, newRouter, ok } from "./router.ts";
import { SlugParam } from "./schemas.ts";

const port = (c: Context<AppEnv>) => partnershipPort(c.var.deps.config.publicUrl, c.var.deps.db, c.var.deps.federation);

const PartnershipParam = SlugParam.extend({ id: z.string().min(1).max(64) });
const PartnershipInput = z.object({
  partner: z.string().trim().min(1).max(500).openapi({ example: "@les-tilleuls@autre.example" }),
  message: z.string().max(2000).optional(),
});

const decision = (action: "accept" | "decline") =>
  createRoute({
    method: "post",
    path: `/networks/{slug}/partnerships/{id}/${action}`,
    summary: `${action === "accept" ? "Accept" : "Decline"} a partnership request (animators, incoming only)`,
    request: { params: PartnershipParam },
    responses: { 200: ok("Decided"), 409: ok("Not an incoming request"), ...errors },
  });

export const partnershipRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/partners",
        summary: "Active partner networks (public)",
        request: { params: SlugParam },
        responses: { 200: ok("The partners"), 404: errors[404] },
      }),
      async (c) => {
        const partners = unwrap(await listPartners(c.var.deps.db, port(c), c.req.valid("param").slug));
        return c.json({ partners }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/partnerships",
        summary: "Partnerships and requests, both ways (animators)",
        request: { params: SlugParam },
        responses: { 200: ok("The partnerships"), ...errors },
      }),
      async (c) => {
        const partnerships = unwrap(await listPartnerships(c.var.deps.db, port(c), currentMember(c), c.req.valid("param").slug));
        return c.json({ partnerships }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/networks/{slug}/partnerships",
        summary: "Ask a network (here: slug; elsewhere: @slug@host or URL) to become partners (animators)",
        request: { params: SlugParam, ...jsonBody(PartnershipInput) },
        responses: { 201: ok("Requested"), 409: ok("Already partners or asked"), ...errors },
      }),
      async (c) => {
        const { slug } = c.req.valid("param");
        const partnership = unwrap(await requestPartnership(c.var.deps.db, port(c), currentMember(c), slug, c.req.valid("json")));
        return c.json({ partnership }, 201);
      },
    )
    .openapi(decision("accept"), async (c) => {
      const { slug, id } = c.req.valid("param");
      const partnership = unwrap(await decidePartnership(c.var.deps.db, port(c), currentMember(c), slug, id, "accept"));
      return c.json({ partnership }, 200);
    })
    .openapi(decision("decline"), async (c) => {
      const { slug, id } = c.req.valid("param");
      const partnership = unwrap(await decidePartnership(c.var.deps.db, port(c), currentMember(c), slug, id, "decline"));
      return c.json({ partnership }, 200);
    })
    .openapi(
      createRoute({
        method: "delete",
        path: "/networks/{slug}/partnerships/{id}",
        summary: "End a partnership, or withdraw a request (animators of either side)",
        request: { params: PartnershipParam },
        responses: { 204: ok("Ended"), 409: ok("Not active"), ...errors },
      }),
      async (c) => {
        const { slug, id } = c.req.valid("param");
        unwrap(await decidePartnership(c.var.deps.db, port(c), currentMember(c), slug, id, "end"));
        return c.body(null, 204);
      },
    );
