import { createRoute } from "@hono/zod-openapi";
import { hasAdmin, createInstanceAdmin } from "../domain/signup.ts";
import { startSession } from "../http/auth.ts";
import { unwrap } from "../http/errors.ts";
import { errors, jsonBody, newRouter, ok } from "./router.ts";
import { AccountInput } from "./schemas.ts";
import { sessionPayload } from "./session.ts";
import { version } from "../version.ts";
import { outboxCounts } from "../domain/mail/worker.ts";

export const instanceRoutes = () =>
  newRouter()
  .openapi(
    createRoute({ method: "get", path: "/instance", responses: { 200: ok("Instance name and whether it still needs its admin") } }),
    async (c) => {
      // The admin is told when emails only go to .eml files (no SMTP_URL).
      const admin = c.var.session?.member.isAdmin ? { mail: { smtp: Boolean(c.var.deps.config.mail.smtpUrl), ...(await outboxCounts(c.var.deps.db)) } } : {};
      return c.json({ name: c.var.deps.config.publicUrl.host, needsSetup: !(await hasAdmin(c.var.deps.db)), version, ...admin });
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/setup",
      summary: "Create the instance admin (first visit only)",
      request: jsonBody(AccountInput),
      responses: { 201: ok("Admin created and logged in"), 409: ok("Already set up"), ...errors },
    }),
    async (c) => {
      const member = unwrap(await createInstanceAdmin(c.var.deps.db, c.req.valid("json")));
      const csrfToken = await startSession(c, member.id);
      return c.json(await sessionPayload(c.var.deps.db, member, csrfToken), 201);
    },
  );

