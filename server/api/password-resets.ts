// Password recovery: by a link sent by email, or by a printed code made by an
// animator or a sponsor. The request always answers the same, in about the
// same time, whether or not the account exists or has an address.
import { createRoute, z } from "@hono/zod-openapi";
import { makeResetCode, requestPasswordReset, resetPassword } from "../domain/recovery/resets.ts";
import { resetRequestsPerAddress, resetRequestsPerLogin, resetTokenFailuresPerAddress } from "../domain/rate-limits/policies.ts";
import { currentMember, startSession } from "../http/auth.ts";
import { clientAddress } from "../http/client-address.ts";
import { FailureError, unwrap } from "../http/errors.ts";
import { limitFailures } from "../http/rate-limit.ts";
import { errors, jsonBody, newRouter, ok } from "./router.ts";
import { Handle, Password, SlugParam } from "./schemas.ts";
import { sessionPayload } from "./session.ts";

/** The answer never comes sooner: the work done for an existing account hides in it. */
const answerFloorMs = 300;

export function passwordResetRoutes() {
  const router = newRouter();
  router.on(
    "POST",
    "/password-resets/:token",
    limitFailures({ subjects: (c) => [[resetTokenFailuresPerAddress, clientAddress(c)]], failed: (status) => status === 404 || status === 410 }),
  );
  return router
    .openapi(
      createRoute({
        method: "post",
        path: "/password-resets",
        summary: "Ask for a password-reset link by email (handle or email address)",
        request: jsonBody(z.object({ login: z.string().trim().min(1).max(254) })),
        responses: { 202: ok("Always the same answer: an email went out if the account has an address"), 429: ok("Too many requests"), ...errors },
      }),
      async (c) => {
        const started = Date.now();
        const { login } = c.req.valid("json");
        const limiter = c.var.deps.rateLimits;
        const verdicts = [await limiter.take(resetRequestsPerAddress, clientAddress(c)), await limiter.take(resetRequestsPerLogin, login.toLowerCase())];
        const refused = verdicts.filter((v) => !v.allowed);
        if (refused.length) {
          c.header("Retry-After", String(Math.max(...refused.map((v) => v.retryAfterSeconds))));
          throw new FailureError({ kind: "rate_limited", code: "rate_limited", message: "Too many attempts; wait a few minutes and try again" });
        }
        await requestPasswordReset(c.var.deps.db, login);
        const wait = answerFloorMs - (Date.now() - started);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        return c.json({ status: "requested" }, 202);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/password-resets/{token}",
        summary: "Choose a new password with a reset link's token or a printed code; closes every session, then logs in",
        request: { params: z.object({ token: z.string().min(1).max(128) }), ...jsonBody(z.object({ password: Password })) },
        responses: { 200: ok("New password set; logged in"), 410: ok("Token used or expired"), ...errors },
      }),
      async (c) => {
        const member = unwrap(await resetPassword(c.var.deps.db, c.req.valid("param").token, c.req.valid("json").password));
        const csrfToken = await startSession(c, member.id);
        return c.json(await sessionPayload(c.var.deps.db, member, csrfToken), 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/networks/{slug}/members/{handle}/reset-code",
        summary: "Make a printed one-time password code (48 hours) for a member (animators, or their sponsor)",
        request: { params: SlugParam.extend({ handle: Handle }) },
        responses: { 201: ok("The code, shown once"), ...errors },
      }),
      async (c) => {
        const { slug, handle } = c.req.valid("param");
        const made = unwrap(await makeResetCode(c.var.deps.db, currentMember(c), slug, handle));
        return c.json({ ...made, expiresAt: made.expiresAt.toISOString(), resetPath: "/reset" }, 201);
      },
    );
}
