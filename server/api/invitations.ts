import { createRoute, z } from "@hono/zod-openapi";
import type { Invitation } from "../../db/schema/index.ts";
import { createInvitation, invitationStatus, listInvitations, revokeInvitation } from "../domain/invitations.ts";
import { currentMember } from "../http/auth.ts";
import { unwrap } from "../http/errors.ts";
import { errors, jsonBody, newRouter, ok } from "./router.ts";
import { Role, SlugParam } from "./schemas.ts";

export const signupUrl = (publicUrl: URL, code: string) => new URL(`/invitation/${code}`, publicUrl).href;

const invitationView = (i: Invitation, publicUrl: URL) => ({
  id: i.id,
  code: i.code,
  url: signupUrl(publicUrl, i.code),
  role: i.role,
  maxUses: i.maxUses,
  uses: i.uses,
  expiresAt: i.expiresAt,
  note: i.note,
  createdAt: i.createdAt,
  status: invitationStatus(i),
});

const InvitationRequest = z.object({
  role: Role.default("member"),
  maxUses: z.number().int().min(1).max(500).default(1),
  expiresInDays: z.number().int().min(1).max(365).default(14),
  note: z.string().max(200).optional(),
});

export const invitationRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/invitations",
        summary: "Invitations of a network (animators)",
        request: { params: SlugParam },
        responses: { 200: ok("The invitations, newest first"), ...errors },
      }),
      async (c) => {
        const invitations = unwrap(await listInvitations(c.var.deps.db, currentMember(c), c.req.valid("param").slug));
        return c.json({ invitations: invitations.map((i) => invitationView(i, c.var.deps.config.publicUrl)) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/networks/{slug}/invitations",
        summary: "Create an invitation (animators)",
        request: { params: SlugParam, ...jsonBody(InvitationRequest) },
        responses: { 201: ok("Created: the code and signup URL"), ...errors },
      }),
      async (c) => {
        const invitation = unwrap(await createInvitation(c.var.deps.db, currentMember(c), c.req.valid("param").slug, c.req.valid("json")));
        return c.json({ invitation: invitationView(invitation, c.var.deps.config.publicUrl) }, 201);
      },
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/networks/{slug}/invitations/{id}",
        summary: "Revoke an invitation (animators)",
        request: { params: SlugParam.extend({ id: z.uuid() }) },
        responses: { 204: ok("Revoked"), ...errors },
      }),
      async (c) => {
        const { slug, id } = c.req.valid("param");
        unwrap(await revokeInvitation(c.var.deps.db, currentMember(c), slug, id));
        return c.body(null, 204);
      },
    );
