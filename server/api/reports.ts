// The yearly activity report: read (the animation group, or anyone once
// published), written and published by the pilots.
import { createRoute, z } from "@hono/zod-openapi";
import { listReports, MAX_REPORT_TEXT, readReport, saveReport } from "../domain/impact/report.ts";
import { currentMember } from "../http/auth.ts";
import { unwrap } from "../http/errors.ts";
import { errors, jsonBody, newRouter, ok } from "./router.ts";
import { SlugParam } from "./schemas.ts";

const YearParam = SlugParam.extend({ year: z.coerce.number().int().openapi({ example: 2026 }) });

export const reportRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/reports",
        summary: "The years with a report: all saved ones for the animation group (and the years one can be written for), published ones for others",
        request: { params: SlugParam },
        responses: { 200: ok("reports, years"), 404: errors[404] },
      }),
      async (c) => c.json(unwrap(await listReports(c.var.deps.db, c.var.session?.member ?? null, c.req.valid("param").slug)), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/reports/{year}",
        summary: "A year's activity report: the pilots' words, the highlights, and the figures (every figure for the animation group, the totals for others)",
        request: { params: YearParam },
        responses: { 200: ok("The report"), ...errors },
      }),
      async (c) => {
        const { slug, year } = c.req.valid("param");
        return c.json(unwrap(await readReport(c.var.deps.db, c.var.session?.member ?? null, slug, year, c.var.deps.config.publicUrl.origin)), 200);
      },
    )
    .openapi(
      createRoute({
        method: "put",
        path: "/networks/{slug}/reports/{year}",
        summary: `Save the report's introduction and thanks (Markdown, up to ${MAX_REPORT_TEXT} characters each) and whether it is published (pilots)`,
        request: {
          params: YearParam,
          ...jsonBody(z.object({ intro: z.string().max(100_000).optional(), thanks: z.string().max(100_000).optional(), published: z.boolean().optional() }).strict()),
        },
        responses: { 200: ok("Saved"), ...errors },
      }),
      async (c) => {
        const { slug, year } = c.req.valid("param");
        return c.json(unwrap(await saveReport(c.var.deps.db, currentMember(c), slug, year, c.req.valid("json"))), 200);
      },
    );
