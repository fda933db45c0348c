import { createRoute, z } from "@hono/zod-openapi";
import { inspectInvitation } from "../domain/invitations.ts";
import { joinWithInvitation, signUp } from "../domain/signup.ts";
import { currentActor, startSession } from "../http/auth.ts";
import { unwrap } from "../http/errors.ts";
import { clientAddress } from "../http/client-address.ts";
import { limitFailures } from "../http/rate-limit.ts";
import { invitationFailuresPerAddress } from "../domain/rate-limits/policies.ts";
import { errors, jsonBody, newRouter, ok } from "./router.ts";
import { AccountInput } from "./schemas.ts";
import { sessionPayload } from "./session.ts";

const Code = z.string().trim().min(1).max(64).openapi({ example: "7K2M-Q9XD-4HTP-WB3N" });

export function signupRoutes() {
  const router = newRouter();
  // One budget for both: looking codes up and redeeming them; only unknown,
  // used or expired codes count (a café signing up twenty neighbours is fine).
  const limit = limitFailures({ subjects: (c) => [[invitationFailuresPerAddress, clientAddress(c)]], failed: (status) => status === 404 || status === 410 });
  router.on("GET", "/invitations/*", limit);
  router.on("POST", "/signup", limit);
  router.on("POST", "/invitations/*", limit);
  return router
    .openapi(
      createRoute({
        method: "get",
        path: "/invitations/{code}",
        summary: "What an invitation leads to, before signing up",
        request: { params: z.object({ code: Code }) },
        responses: { 200: ok("The network and role"), 404: ok("Unknown code"), 410: ok("Used, expired or revoked"), 429: ok("Too many attempts") },
      }),
      async (c) => {
        const { invitation, network } = unwrap(await inspectInvitation(c.var.deps.db, c.req.valid("param").code));
        const { slug, name, description, area, rules } = network;
        return c.json({ network: { slug, name, description, area, rules }, role: invitation.role }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/signup",
        summary: "Join a network with an invitation",
        request: jsonBody(AccountInput.extend({ code: Code, acceptPrinciples: z.boolean() })),
        responses: { 201: ok("Member created and logged in"), 409: ok("Handle taken or invitation just used"), 410: ok("Invitation expired or revoked"), ...errors },
      }),
      async (c) => {
        const { member } = unwrap(await signUp(c.var.deps.db, c.req.valid("json")));
        const csrfToken = await startSession(c, member.id);
        return c.json(await sessionPayload(c.var.deps.db, member, csrfToken), 201);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/invitations/{code}/accept",
        summary: "Join another network with an invitation, as a logged-in member",
        request: { params: z.object({ code: Code }) },
        responses: { 200: ok("Joined: the new session payload"), 409: ok("Already a member"), 410: ok("Invitation used, expired or revoked"), ...errors },
      }),
      async (c) => {
        const { db } = c.var.deps;
        const actor = await currentActor(c);
        unwrap(await joinWithInvitation(db, actor, c.req.valid("param").code));
        return c.json(await sessionPayload(db, actor.by, c.var.session!.csrfToken), 200);
      },
    );
}
