// Moderation: members report; the animators of a network (the admin for the
// instance) work through the queue and the log; an author asks for a review
// of their hidden item.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { reportSubjects } from "../../db/schema/index.ts";
import { actOnReport, askForReview, reportActions, unhide } from "../domain/moderation/actions.ts";
import { moderationLog, moderationQueue } from "../domain/moderation/queue.ts";
import { fileReport, myReports } from "../domain/moderation/reports.ts";
import { moderationSettings, setModerationSettings } from "../domain/moderation/settings.ts";
import { currentMember } from "../http/auth.ts";
import type { AppEnv } from "../http/context.ts";
import { unwrap } from "../http/errors.ts";
import { moderationPortsOf } from "./moderation-ports.ts";
import { errors, jsonBody, newRouter, ok } from "./router.ts";
import { SlugParam } from "./schemas.ts";

const ReportBody = z
  .object({
    subjectType: z.enum(reportSubjects).openapi({ description: "What is reported" }),
    subjectId: z.string().min(1).max(2048).openapi({ description: "Its id (a member's handle, a remote account's or post's IRI)" }),
    // Checked by the domain, so that an unknown reason or a long comment is named in our words.
    reason: z.string().max(64).openapi({ description: "promotion, pressure, incivility, spam, illegal or other", example: "incivility" }),
    comment: z.string().max(100_000).optional().openapi({ description: "At most 2,000 characters" }),
    forward: z.boolean().optional().openapi({ description: "For an account or post from another server: forward the report there (without your name)" }),
    network: z.string().max(64).optional().openapi({ description: "For a member or something from elsewhere: which of your networks handles it" }),
  })
  .strict();

const ActionBody = z
  .object({
    action: z.enum(reportActions),
    reason: z.string().max(100_000).optional().openapi({ description: "Why (the member reads it for hide, warn, suspend, remove); at most 2,000 characters" }),
    until: z.string().max(64).optional().openapi({ description: "suspend: the end, an ISO date-time in the future" }),
    scope: z.enum(["account", "server"]).optional().openapi({ description: "block_remote: the account only, or its whole server" }),
    withdraw: z.boolean().optional().openapi({ description: "suspend: also withdraw their posts (here and from followers elsewhere) until the suspension ends" }),
  })
  .strict();

const ReportIdParam = SlugParam.extend({ id: z.string().max(64) });
const HiddenParam = z.object({ type: z.string().max(32), id: z.string().max(64) });
const QueueQuery = z.object({ status: z.enum(["open", "closed"]).optional() });
const LogQuery = z.object({ before: z.iso.datetime({ offset: true }).optional() });

const ports = (c: Context<AppEnv>) => moderationPortsOf(c);
const db = (c: Context<AppEnv>) => c.var.deps.db;

export const moderationRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: "post",
        path: "/reports",
        summary: "Report something you can see (an offer, an announcement, an event, a resource, a message, a post from elsewhere, a member, a remote account)",
        request: jsonBody(ReportBody),
        responses: { 200: ok("You had already reported it: your report"), 201: ok("Acknowledged: your report"), ...errors },
      }),
      async (c) => {
        const body = c.req.valid("json");
        const { report, created } = unwrap(await fileReport(db(c), currentMember(c), body as Parameters<typeof fileReport>[2], c.var.deps.config.publicUrl.origin, ports(c).outbox));
        return c.json({ report }, created ? 201 : 200);
      },
    )
    .openapi(
      createRoute({ method: "get", path: "/me/reports", summary: "The reports I made and their outcome", responses: { 200: ok("reports"), 401: errors[401] } }),
      async (c) => c.json({ reports: await myReports(db(c), currentMember(c)) }, 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/hidden/{type}/{id}/review",
        summary: "Ask the animators to look again at my hidden item",
        request: { params: HiddenParam, ...jsonBody(z.object({ note: z.string().max(100_000).optional() }).strict()) },
        responses: { 200: ok("Asked"), ...errors },
      }),
      async (c) => {
        const { type, id } = c.req.valid("param");
        return c.json(unwrap(await askForReview(db(c), currentMember(c), type, id, c.req.valid("json").note ?? "")), 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/moderation",
        summary: "The moderation queue (animators): open (or closed) reports with the item as reported and earlier reports on the same person; reviews asked for",
        request: { params: SlugParam, query: QueueQuery },
        responses: { 200: ok("reports, reviews"), ...errors },
      }),
      async (c) => c.json(unwrap(await moderationQueue(db(c), currentMember(c), c.req.valid("param").slug, c.req.valid("query").status)), 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/networks/{slug}/moderation/reports/{id}/actions",
        summary: "Act on a report (animators): dismiss, hide, warn, suspend, remove, block_remote, request_domain_block, forward",
        request: { params: ReportIdParam, ...jsonBody(ActionBody) },
        responses: { 200: ok("The report, closed"), ...errors },
      }),
      async (c) => {
        const { slug, id } = c.req.valid("param");
        return c.json(unwrap(await actOnReport(db(c), currentMember(c), slug, id, c.req.valid("json"), ports(c))), 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/networks/{slug}/moderation/hidden/{type}/{id}/unhide",
        summary: "Show a hidden item again (animators)",
        request: { params: SlugParam.extend(HiddenParam.shape), ...jsonBody(z.object({ reason: z.string().max(2000).optional() }).strict()) },
        responses: { 200: ok("Shown again"), ...errors },
      }),
      async (c) => {
        const { slug, type, id } = c.req.valid("param");
        unwrap(await unhide(db(c), currentMember(c), slug, type, id, c.req.valid("json").reason ?? "", ports(c)));
        return c.json({ ok: true }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/moderation/log",
        summary: "The moderation log (animation group, pilots, admin): who did what, when, why",
        request: { params: SlugParam, query: LogQuery },
        responses: { 200: ok("entries"), ...errors },
      }),
      async (c) => {
        const before = c.req.valid("query").before;
        return c.json(unwrap(await moderationLog(db(c), currentMember(c), c.req.valid("param").slug, before ? new Date(before) : undefined)), 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/moderation/settings",
        summary: "The network's moderation settings (animators): whether a new member's first offer waits for approval",
        request: { params: SlugParam },
        responses: { 200: ok("holdFirstPosts"), ...errors },
      }),
      async (c) => c.json(unwrap(await moderationSettings(db(c), currentMember(c), c.req.valid("param").slug)), 200),
    )
    .openapi(
      createRoute({
        method: "put",
        path: "/networks/{slug}/moderation/settings",
        summary: "Change the network's moderation settings (animators); written to the log",
        request: { params: SlugParam, ...jsonBody(z.object({ holdFirstPosts: z.boolean() }).strict()) },
        responses: { 200: ok("holdFirstPosts"), ...errors },
      }),
      async (c) => c.json(unwrap(await setModerationSettings(db(c), currentMember(c), c.req.valid("param").slug, c.req.valid("json"))), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/moderation",
        summary: "The instance's moderation queue (admin): reports that concern no single network",
        request: { query: QueueQuery },
        responses: { 200: ok("reports"), ...errors },
      }),
      async (c) => c.json(unwrap(await moderationQueue(db(c), currentMember(c), null, c.req.valid("query").status)), 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/moderation/reports/{id}/actions",
        summary: "Act on a report of the instance's queue (admin)",
        request: { params: z.object({ id: z.string().max(64) }), ...jsonBody(ActionBody) },
        responses: { 200: ok("The report, closed"), ...errors },
      }),
      async (c) => c.json(unwrap(await actOnReport(db(c), currentMember(c), null, c.req.valid("param").id, c.req.valid("json"), ports(c))), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/moderation/log",
        summary: "The instance's moderation log (admin)",
        request: { query: LogQuery },
        responses: { 200: ok("entries"), ...errors },
      }),
      async (c) => {
        const before = c.req.valid("query").before;
        return c.json(unwrap(await moderationLog(db(c), currentMember(c), null, before ? new Date(before) : undefined)), 200);
      },
    );
