// Impact figures: the animation group's dashboard (JSON and CSV), the
// network's public summary, and who else may see the figures.
import { createRoute, z } from "@hono/zod-openapi";
import { impactCsv } from "../domain/impact/csv.ts";
import { impactDashboard, impactSummary } from "../domain/impact/dashboard.ts";
import { readImpactSettings, saveImpactSettings } from "../domain/impact/settings.ts";
import { ImpactFigures, ImpactSettings, ImpactSummary } from "../domain/impact/shape.ts";
import { tableNames } from "../domain/impact/tables.ts";
import { currentMember } from "../http/auth.ts";
import { prefersEnglish, unwrap } from "../http/errors.ts";
import { errors, jsonBody, newRouter } from "./router.ts";
import { SlugParam } from "./schemas.ts";

const Day = z.string().max(10).optional();
const PeriodQuery = z.object({
  from: Day.openapi({ example: "2026-01-01", description: "First day (YYYY-MM-DD, Europe/Paris); 1 January of this year by default" }),
  to: Day.openapi({ example: "2026-12-31", description: "Last day, included; today by default" }),
});
const json = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { "application/json": { schema } } });

export const impactRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/impact",
        summary: "The impact figures of a period, beside the previous one (animators and pilots); counted from what happened",
        description:
          "The previous period has as many months when the period is whole months (a month, a year), else as many days. " +
          "`months` covers at least the last 12 months, for charts. `partners` is set for a regional network (setting showPartners).",
        request: { params: SlugParam, query: PeriodQuery },
        responses: { 200: json("The figures", ImpactFigures), ...errors },
      }),
      async (c) => {
        const figures = unwrap(await impactDashboard(c.var.deps.db, currentMember(c), c.req.valid("param").slug, c.req.valid("query"), c.var.deps.config.publicUrl.origin));
        return c.json(figures, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/impact.csv",
        summary: "The same figures as CSV (UTF-8, comma-separated): every table, or one with `table`",
        request: {
          params: SlugParam,
          query: PeriodQuery.extend({ table: z.enum(tableNames).optional(), lang: z.enum(["fr", "en"]).optional() }),
        },
        responses: { 200: { description: "text/csv", content: { "text/csv": { schema: z.string() } } }, ...errors },
      }),
      async (c) => {
        const { table, lang, ...period } = c.req.valid("query");
        const slug = c.req.valid("param").slug;
        const figures = unwrap(await impactDashboard(c.var.deps.db, currentMember(c), slug, period, c.var.deps.config.publicUrl.origin));
        const name = `impact-${figures.network.slug}-${figures.period.from}-${figures.period.to}${table ? `-${table}` : ""}.csv`;
        return c.body(impactCsv(figures, lang ?? (prefersEnglish(c) ? "en" : "fr"), table), 200, {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="${name}"`,
          "cache-control": "private, no-store",
        });
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/impact/summary",
        summary: "This year's totals so far: anyone when the network publishes them, else its animation group (404)",
        request: { params: SlugParam },
        responses: { 200: json("The totals", ImpactSummary), 404: errors[404] },
      }),
      async (c) => c.json(unwrap(await impactSummary(c.var.deps.db, c.var.session?.member ?? null, c.req.valid("param").slug)), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/impact/settings",
        summary: "Who else sees the figures (animators)",
        request: { params: SlugParam },
        responses: { 200: json("The settings", ImpactSettings), ...errors },
      }),
      async (c) => c.json(unwrap(await readImpactSettings(c.var.deps.db, currentMember(c), c.req.valid("param").slug)), 200),
    )
    .openapi(
      createRoute({
        method: "put",
        path: "/networks/{slug}/impact/settings",
        summary: "Publish the totals, share them with partner networks, or (a regional network) show the partners' (animators)",
        request: { params: SlugParam, ...jsonBody(ImpactSettings.partial().strict()) },
        responses: { 200: json("The settings", ImpactSettings), ...errors },
      }),
      async (c) => c.json(unwrap(await saveImpactSettings(c.var.deps.db, currentMember(c), c.req.valid("param").slug, c.req.valid("json"))), 200),
    );
