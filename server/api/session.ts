import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import type { DatabaseLike } from "../../db/client.ts";
import { membershipTable, networkTable, type Member } from "../../db/schema/index.ts";
import { findMemberByHandle, memberView, sponsoredBy } from "../domain/members.ts";
import { decoyHash, verifyPassword } from "../domain/passwords.ts";
import { closeSession } from "../domain/sessions.ts";
import { currentMember, endSessionCookie, startSession } from "../http/auth.ts";
import { FailureError } from "../http/errors.ts";
import { clientAddress } from "../http/client-address.ts";
import { limitFailures } from "../http/rate-limit.ts";
import type { Limit } from "../domain/rate-limits/limiter.ts";
import { loginFailuresPerAccount, loginFailuresPerAddress } from "../domain/rate-limits/policies.ts";
import { errors, jsonBody, newRouter, ok } from "./router.ts";
import { Handle, Password } from "./schemas.ts";

/** What the web client needs to know about who is logged in. */
export async function sessionPayload(db: DatabaseLike, member: Member, csrfToken: string) {
  const memberships = await db
    .select({ slug: networkTable.slug, name: networkTable.name, role: membershipTable.role })
    .from(membershipTable)
    .innerJoin(networkTable, eq(networkTable.id, membershipTable.networkId))
    .where(eq(membershipTable.memberId, member.id))
    .orderBy(membershipTable.joinedAt);
  const sponsored = await sponsoredBy(db, member.id);
  return {
    member: memberView(member),
    memberships: memberships.map(({ role, ...network }) => ({ network, role })),
    sponsored: sponsored.map((m) => ({ handle: m.handle, displayName: m.displayName })),
    csrfToken,
  };
}

const invalidCredentials = new FailureError({
  kind: "unauthenticated",
  code: "invalid_credentials",
  message: "Wrong handle or password",
});

export function sessionRoutes() {
  const router = newRouter();
  router.on(
    "POST",
    "/session",
    limitFailures({
      subjects: async (c) => {
        const body = await c.req.json().catch(() => null);
        const handle = typeof body?.handle === "string" ? body.handle.trim().toLowerCase() : "";
        const subjects: [Limit, string][] = [[loginFailuresPerAddress, clientAddress(c)]];
        if (handle) subjects.push([loginFailuresPerAccount, handle]);
        return subjects;
      },
      failed: (status) => status === 401,
      resetOnSuccess: [loginFailuresPerAccount],
    }),
  );
  return router
  .openapi(
    createRoute({ method: "get", path: "/session", responses: { 200: ok("The logged-in member"), 401: errors[401] } }),
    async (c) => {
      const member = currentMember(c);
      return c.json(await sessionPayload(c.var.deps.db, member, c.var.session!.csrfToken), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/session",
      summary: "Log in",
      request: jsonBody(z.object({ handle: Handle, password: Password })),
      responses: { 200: ok("Logged in"), 401: ok("Wrong handle or password (never says which)"), 429: ok("Too many attempts") },
    }),
    async (c) => {
      const { handle, password } = c.req.valid("json");
      const member = await findMemberByHandle(c.var.deps.db, handle);
      // Same work whether or not the handle exists, so timing reveals nothing.
      const valid = await verifyPassword(member?.passwordHash ?? (await decoyHash()), password);
      if (!member?.passwordHash || !valid) throw invalidCredentials;
      const csrfToken = await startSession(c, member.id);
      return c.json(await sessionPayload(c.var.deps.db, member, csrfToken), 200);
    },
  )
  .openapi(
    createRoute({ method: "delete", path: "/session", summary: "Log out", responses: { 204: ok("Logged out") } }),
    async (c) => {
      if (c.var.sessionToken) await closeSession(c.var.deps.db, c.var.sessionToken);
      endSessionCookie(c);
      return c.body(null, 204);
    },
  );
}
