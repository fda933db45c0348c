import { createRoute, z } from "@hono/zod-openapi";
import { questionnaireChoices } from "../../db/schema/index.ts";
import { deleteAccount, exportData, updateProfile } from "../domain/account.ts";
import { memberView } from "../domain/members.ts";
import { pendingEmailOf } from "../domain/recovery/email-address.ts";
import { questionnaireOf, saveQuestionnaire } from "../domain/themes.ts";
import { currentActor, endSessionCookie } from "../http/auth.ts";
import { unwrap } from "../http/errors.ts";
import { profileUpdatesOf } from "./federation-ports.ts";
import { errors, jsonBody, newRouter, ok, patchBody } from "./router.ts";
import { DisplayName, Email, Locale } from "./schemas.ts";

// Every route here acts for the logged-in member, or for the sponsored member
// named in X-Acting-For; acts are recorded "by X for Y".
const actingFor = { headers: z.object({ "x-acting-for": z.string().optional() }) };

export const meRoutes = () =>
  newRouter()
    .openapi(
      createRoute({ method: "get", path: "/me", summary: "My profile (or that of the member I act for)", request: actingFor, responses: { 200: ok("The profile"), ...errors } }),
      async (c) => {
        const { member } = await currentActor(c);
        return c.json({ member: { ...memberView(member), pendingEmail: await pendingEmailOf(c.var.deps.db, member.id) } }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "patch",
        path: "/me",
        summary: "Edit my profile",
        request: { ...actingFor, ...patchBody(z.object({ displayName: DisplayName.optional(), email: Email, locale: Locale.optional(), bio: z.string().max(1000).optional() })) },
        responses: { 200: ok("Updated"), ...errors },
      }),
      async (c) => {
        const member = unwrap(await updateProfile(c.var.deps.db, await currentActor(c), c.req.valid("json"), profileUpdatesOf(c)));
        // A new address shows as pending until its confirmation link is clicked.
        return c.json({ member: { ...memberView(member), pendingEmail: await pendingEmailOf(c.var.deps.db, member.id) } }, 200);
      },
    )
    .openapi(
      createRoute({ method: "get", path: "/me/questionnaire", request: actingFor, responses: { 200: ok("My answers, theme by theme"), ...errors } }),
      async (c) => {
        const actor = await currentActor(c);
        return c.json({ answers: await questionnaireOf(c.var.deps.db, actor.member) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "put",
        path: "/me/questionnaire",
        summary: "Say, theme by theme, what I could offer or would like",
        request: { ...actingFor, ...jsonBody(z.object({ answers: z.array(z.object({ theme: z.string().max(64), choice: z.enum(questionnaireChoices) })).max(200) })) },
        responses: { 200: ok("Saved"), ...errors },
      }),
      async (c) => {
        const answers = unwrap(await saveQuestionnaire(c.var.deps.db, await currentActor(c), c.req.valid("json").answers));
        return c.json({ answers }, 200);
      },
    )
    .openapi(
      createRoute({ method: "get", path: "/me/export", summary: "Download all my data (JSON)", request: actingFor, responses: { 200: ok("A JSON file"), ...errors } }),
      async (c) => {
        const actor = await currentActor(c);
        const data = await exportData(c.var.deps.db, actor.member);
        c.header("Content-Disposition", `attachment; filename="maillage-${actor.member.handle}.json"`);
        return c.json(data, 200);
      },
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/me",
        summary: "Delete my account and my data",
        request: { ...actingFor, ...jsonBody(z.object({ password: z.string().max(1024).optional() })) },
        responses: { 204: ok("Deleted"), ...errors },
      }),
      async (c) => {
        const actor = await currentActor(c);
        unwrap(await deleteAccount(c.var.deps.db, actor, c.req.valid("json").password));
        if (actor.member.id === actor.by.id) endSessionCookie(c);
        return c.body(null, 204);
      },
    );
