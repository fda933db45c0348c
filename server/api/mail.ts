// A member's email: their address (confirmed by a link), what they receive,
// and the one-click unsubscribe mail clients POST to (RFC 8058).
import { createRoute, z } from "@hono/zod-openapi";
import { mailCategories, mailModes } from "../../db/schema/index.ts";
import { changeEmail, confirmEmail, pendingEmailOf } from "../domain/recovery/email-address.ts";
import { preferencesOf, setPreferences, unsubscribe } from "../domain/mail/preferences.ts";
import { readUnsubscribeToken } from "../domain/mail/unsubscribe.ts";
import { resetTokenFailuresPerAddress } from "../domain/rate-limits/policies.ts";
import { currentActor } from "../http/auth.ts";
import { clientAddress } from "../http/client-address.ts";
import { FailureError, unwrap } from "../http/errors.ts";
import { limitFailures } from "../http/rate-limit.ts";
import { errors, jsonBody, newRouter, ok, patchBody } from "./router.ts";

const actingFor = { headers: z.object({ "x-acting-for": z.string().optional() }) };
const Mode = z.enum(mailModes);
const PreferenceFields = z.object({
  ...Object.fromEntries(mailCategories.map((c) => [c, Mode.optional()])) as Record<(typeof mailCategories)[number], z.ZodOptional<typeof Mode>>,
  viaSponsor: z.boolean().optional(),
});

export function mailRoutes() {
  const router = newRouter();
  router.on(
    "POST",
    "/email-confirmations/:token",
    limitFailures({ subjects: (c) => [[resetTokenFailuresPerAddress, clientAddress(c)]], failed: (status) => status === 404 || status === 410 }),
  );
  return router
    .openapi(
      createRoute({ method: "get", path: "/me/email", summary: "My address, the one waiting for confirmation, and which emails I receive", request: actingFor, responses: { 200: ok("Address and preferences"), ...errors } }),
      async (c) => {
        const { member } = await currentActor(c);
        const db = c.var.deps.db;
        return c.json({ email: member.email, pendingEmail: await pendingEmailOf(db, member.id), preferences: await preferencesOf(db, member.id) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "put",
        path: "/me/email",
        summary: "Change my address (used once confirmed by the link sent to it) or remove it (null)",
        request: { ...actingFor, ...jsonBody(z.object({ email: z.email().max(254).nullable() })) },
        responses: { 200: ok("Changed, or confirmation sent"), ...errors },
      }),
      async (c) => {
        const actor = await currentActor(c);
        const member = unwrap(await changeEmail(c.var.deps.db, actor, c.req.valid("json").email));
        return c.json({ email: member.email, pendingEmail: await pendingEmailOf(c.var.deps.db, member.id) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "patch",
        path: "/me/email/preferences",
        summary: "Choose, per kind, at once / daily / weekly / none; and whether my sponsor receives my emails",
        request: { ...actingFor, ...patchBody(PreferenceFields) },
        responses: { 200: ok("The preferences"), ...errors },
      }),
      async (c) => {
        const preferences = unwrap(await setPreferences(c.var.deps.db, await currentActor(c), c.req.valid("json")));
        return c.json({ preferences }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/email-confirmations/{token}",
        summary: "Confirm an address with the link's token",
        request: { params: z.object({ token: z.string().min(1).max(128) }) },
        responses: { 200: ok("Confirmed"), 410: ok("Used or expired"), ...errors },
      }),
      async (c) => {
        const member = unwrap(await confirmEmail(c.var.deps.db, c.req.valid("param").token));
        return c.json({ email: member.email, handle: member.handle }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/mail/unsubscribe/{token}",
        summary: "One-click unsubscribe (RFC 8058): the List-Unsubscribe link, POSTed by a mail client or the web page",
        request: { params: z.object({ token: z.string().min(1).max(200) }) },
        responses: { 200: ok("Unsubscribed"), ...errors },
      }),
      async (c) => {
        const read = readUnsubscribeToken(c.var.deps.config.secretKey, c.req.valid("param").token);
        if (!read) throw new FailureError({ kind: "not_found", code: "unsubscribe_unknown", message: "This unsubscribe link is not valid", field: "token" });
        await unsubscribe(c.var.deps.db, read.memberId, read.scope);
        return c.json({ unsubscribed: read.scope }, 200);
      },
    );
}
