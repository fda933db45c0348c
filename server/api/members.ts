import { createRoute, z } from "@hono/zod-openapi";
import { addSponsor, changeRole, createSponsoredMember, listMembers, memberView } from "../domain/members.ts";
import { HOUSEHOLD_MAX, setHousehold } from "../domain/households.ts";
import { currentMember } from "../http/auth.ts";
import { unwrap } from "../http/errors.ts";
import { errors, jsonBody, newRouter, ok } from "./router.ts";
import { DisplayName, Handle, Role, SlugParam } from "./schemas.ts";

export const memberRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/members",
        summary: "Members of a network, with roles and sponsors (members only)",
        request: { params: SlugParam },
        responses: { 200: ok("The members"), ...errors },
      }),
      async (c) => {
        const members = unwrap(await listMembers(c.var.deps.db, currentMember(c), c.req.valid("param").slug));
        return c.json({ members }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "patch",
        path: "/networks/{slug}/members/{handle}",
        summary: "Change a member's role (animators; pilots for pilots)",
        request: { params: SlugParam.extend({ handle: Handle }), ...jsonBody(z.object({ role: Role })) },
        responses: { 200: ok("Changed"), ...errors },
      }),
      async (c) => {
        const { slug, handle } = c.req.valid("param");
        const member = unwrap(await changeRole(c.var.deps.db, currentMember(c), slug, handle, c.req.valid("json").role));
        return c.json({ member }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "put",
        path: "/networks/{slug}/members/{handle}/household",
        summary: "Say which household (foyer) a member lives in, for the impact figures (animators; null: none given)",
        request: {
          params: SlugParam.extend({ handle: Handle }),
          ...jsonBody(z.object({ household: z.string().max(4 * HOUSEHOLD_MAX).nullable().describe("A label of the animators' choosing; the same label is the same household") })),
        },
        responses: { 200: ok("Set"), ...errors },
      }),
      async (c) => {
        const { slug, handle } = c.req.valid("param");
        const member = unwrap(await setHousehold(c.var.deps.db, currentMember(c), slug, handle, c.req.valid("json").household));
        return c.json({ member }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/networks/{slug}/sponsored",
        summary: "Create a sponsored member, without email or password (animators)",
        request: { params: SlugParam, ...jsonBody(z.object({ handle: Handle, displayName: DisplayName, sponsor: Handle })) },
        responses: { 201: ok("Created"), 409: ok("Handle taken"), ...errors },
      }),
      async (c) => {
        const member = unwrap(await createSponsoredMember(c.var.deps.db, currentMember(c), c.req.valid("param").slug, c.req.valid("json")));
        return c.json({ member: memberView(member) }, 201);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/networks/{slug}/sponsorships",
        summary: "Add a sponsor to a sponsored member (animators)",
        request: { params: SlugParam, ...jsonBody(z.object({ sponsored: Handle, sponsor: Handle })) },
        responses: { 204: ok("Added"), ...errors },
      }),
      async (c) => {
        const { sponsored, sponsor } = c.req.valid("json");
        unwrap(await addSponsor(c.var.deps.db, currentMember(c), c.req.valid("param").slug, sponsored, sponsor));
        return c.body(null, 204);
      },
    );
