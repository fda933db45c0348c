// A network's newsletter: animators write, preview, test and send it; sent
// issues are archived for the members (or everyone, if public).
import { createRoute, z } from "@hono/zod-openapi";
import { publishIssue } from "../domain/newsletters/announcement.ts";
import { newsletterBlocks } from "../domain/newsletters/blocks.ts";
import { createIssue, getIssue, getIssueFor, listIssues, printList, sendIssue, sendTest, updateIssue } from "../domain/newsletters/issues.ts";
import { requireRole } from "../domain/roles.ts";
import { renderLayout } from "../domain/mail/layout.ts";
import { currentMember } from "../http/auth.ts";
import { unwrap } from "../http/errors.ts";
import { publishingOf } from "./federation-ports.ts";
import { errors, jsonBody, newRouter, ok, patchBody } from "./router.ts";
import { SlugParam } from "./schemas.ts";

const IssueFields = z.object({
  subject: z.string().max(200),
  body: z.string().max(50_000).optional(),
  visibility: z.enum(["members", "public"]).optional(),
});
const IssueParam = SlugParam.extend({ id: z.uuid() });
const AnnounceFields = z.object({
  // Default: where the issue is archived (public, or the network's members).
  visibility: z.enum(["network", "public"]).optional(),
});

export const newsletterRoutes = () =>
  newRouter()
    .openapi(
      createRoute({ method: "get", path: "/networks/{slug}/newsletters", summary: "Newsletter issues (animators: all; members: sent; visitors: sent public ones)", request: { params: SlugParam }, responses: { 200: ok("The issues"), ...errors } }),
      async (c) => c.json(unwrap(await listIssues(c.var.deps.db, c.var.session?.member ?? null, c.req.valid("param").slug)), 200),
    )
    .openapi(
      createRoute({ method: "post", path: "/networks/{slug}/newsletters", summary: "Write a new issue (animators)", request: { params: SlugParam, ...jsonBody(IssueFields) }, responses: { 201: ok("The draft"), ...errors } }),
      async (c) => c.json({ issue: unwrap(await createIssue(c.var.deps.db, currentMember(c), c.req.valid("param").slug, c.req.valid("json"))) }, 201),
    )
    .openapi(
      createRoute({ method: "get", path: "/networks/{slug}/newsletters/blocks", summary: "Ready Markdown blocks filled from the network (animators)", request: { params: SlugParam }, responses: { 200: ok("The blocks"), ...errors } }),
      async (c) => {
        const { network } = unwrap(await requireRole(c.var.deps.db, c.req.valid("param").slug, currentMember(c), "animator"));
        return c.json({ blocks: await newsletterBlocks(c.var.deps.db, network, c.var.deps.config.publicUrl.origin) }, 200);
      },
    )
    .openapi(
      createRoute({ method: "get", path: "/networks/{slug}/newsletters/print-list", summary: "Members without email, by sponsor, for the printed version (animators)", request: { params: SlugParam }, responses: { 200: ok("The list"), ...errors } }),
      async (c) => c.json({ groups: unwrap(await printList(c.var.deps.db, currentMember(c), c.req.valid("param").slug)) }, 200),
    )
    .openapi(
      createRoute({ method: "get", path: "/networks/{slug}/newsletters/{id}", summary: "One issue (canWrite: the viewer is an animator)", request: { params: IssueParam }, responses: { 200: ok("The issue"), ...errors } }),
      async (c) => {
        const { slug, id } = c.req.valid("param");
        return c.json(unwrap(await getIssueFor(c.var.deps.db, c.var.session?.member ?? null, slug, id)), 200);
      },
    )
    .openapi(
      createRoute({ method: "patch", path: "/networks/{slug}/newsletters/{id}", summary: "Edit a draft (or where a sent issue is archived)", request: { params: IssueParam, ...patchBody(IssueFields.partial()) }, responses: { 200: ok("The issue"), 409: ok("Already sent"), ...errors } }),
      async (c) => {
        const { slug, id } = c.req.valid("param");
        return c.json({ issue: unwrap(await updateIssue(c.var.deps.db, currentMember(c), slug, id, c.req.valid("json"))) }, 200);
      },
    )
    .openapi(
      createRoute({ method: "get", path: "/networks/{slug}/newsletters/{id}/preview", summary: "The email as members will get it (HTML and text)", request: { params: IssueParam }, responses: { 200: ok("The rendered email"), ...errors } }),
      async (c) => {
        const { slug, id } = c.req.valid("param");
        const member = currentMember(c);
        const { network } = unwrap(await requireRole(c.var.deps.db, slug, member, "animator"));
        const issue = unwrap(await getIssue(c.var.deps.db, member, slug, id));
        const locale = member.locale === "en" ? "en" : "fr";
        const origin = c.var.deps.config.publicUrl.origin;
        const { html, text } = renderLayout(
          { subject: issue.subject, paragraphs: [], body: { html: issue.html, text: issue.body } },
          { locale, networkName: network.name, preferencesUrl: `${origin}/me/email`, unsubscribeUrl: `${origin}/unsubscribe/…`, reason: locale === "fr" ? `Vous recevez la lettre d'information de ${network.name} comme membre du réseau.` : `You receive the newsletter of ${network.name} as a member.` },
        );
        return c.json({ subject: issue.subject, html, text }, 200);
      },
    )
    .openapi(
      createRoute({ method: "post", path: "/networks/{slug}/newsletters/{id}/test", summary: "Send the issue to myself", request: { params: IssueParam }, responses: { 202: ok("Enqueued"), ...errors } }),
      async (c) => {
        const { slug, id } = c.req.valid("param");
        return c.json(unwrap(await sendTest(c.var.deps.db, currentMember(c), slug, id)), 202);
      },
    )
    .openapi(
      createRoute({ method: "post", path: "/networks/{slug}/newsletters/{id}/send", summary: "Send to every member with an address who has not opted out (once)", request: { params: IssueParam }, responses: { 202: ok("Enqueued; the worker sends at the configured rate"), 409: ok("Already sent"), ...errors } }),
      async (c) => {
        const { slug, id } = c.req.valid("param");
        return c.json({ issue: unwrap(await sendIssue(c.var.deps.db, currentMember(c), slug, id)) }, 202);
      },
    )
    .openapi(
      createRoute({ method: "post", path: "/networks/{slug}/newsletters/{id}/announcement", summary: "Publish a sent issue as an announcement in the network's name (once; a public one federates)", request: { params: IssueParam, ...jsonBody(AnnounceFields) }, responses: { 201: ok("The announcement"), 409: ok("Not sent, or already published"), ...errors } }),
      async (c) => {
        const { slug, id } = c.req.valid("param");
        const announcement = unwrap(await publishIssue(c.var.deps.db, currentMember(c), slug, id, c.req.valid("json").visibility, publishingOf(c)));
        return c.json({ announcement }, 201);
      },
    );
