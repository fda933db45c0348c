// The yearly activity report (« rapport d'activités »): the year's figures
// and highlights, counted from the rows, with the pilots' own words (an
// introduction, thanks). Saved per year; the animation group reads drafts;
// once published, anyone who may see the network page reads it (totals and
// what they may see of the highlights, never a breakdown by person).
import { and, asc, desc, eq, gte, inArray, lt, ne, sql } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { rowsOf } from "../../../db/search.ts";
import { activityReportTable, eventTable, networkTable, partnershipTable, type Member, type Network, type Visibility } from "../../../db/schema/index.ts";
import { recordAct, selfActor } from "../acts.ts";
import { viewerRole } from "../announcement-views.ts";
import { eventUrl } from "../events/views.ts";
import { fail, ok, transact, type Result } from "../result.ts";
import { atLeast, findNetwork, requireRole } from "../roles.ts";
import { dashboardOf } from "./dashboard.ts";
import { describePartners, partnerName } from "./partners.ts";
import { totalsOf } from "./figures.ts";
import { FIRST_YEAR, parisToday, yearPeriod, type Periods } from "./period.ts";
import type { ImpactFigures, Totals } from "./shape.ts";

export const MAX_REPORT_TEXT = 10_000;

export interface ReportHighlights {
  events: { id: string; url: string; title: string; kind: string; startsAt: string; going: number }[];
  themes: { slug: string; labelFr: string; labelEn: string; exchanges: number }[];
  partners: { name: string; url: string }[];
}

export interface ReportView {
  network: { slug: string; name: string };
  year: number;
  intro: string;
  thanks: string;
  published: boolean;
  saved: boolean;
  updatedAt: string | null;
  /** The animation group's view: every figure. Others: the totals only. */
  figures: ImpactFigures | null;
  totals: Totals;
  highlights: ReportHighlights;
  canEdit: boolean;
}

const notPublished = () => fail("not_found", "report_not_published", "No published report for this year");

export async function readReport(db: DatabaseLike, viewer: Member | null, slug: string, year: number, origin: string, now = new Date()): Promise<Result<ReportView>> {
  const found = await findNetwork(db, slug);
  if (!found.ok) return found;
  const network = found.value;
  const periods = yearPeriod(year, now);
  if (!periods.ok) return periods;
  const role = await viewerRole(db, network.id, viewer);
  const group = atLeast(role, "animator");
  const [row] = await db
    .select()
    .from(activityReportTable)
    .where(and(eq(activityReportTable.networkId, network.id), eq(activityReportTable.year, year)))
    .limit(1);
  if (!group && !row?.published) return notPublished();
  const figures = group ? await dashboardOf(db, network, periods.value, origin, now) : null;
  const totals = (await totalsOf(db, [network.id], periods.value, now)).get(network.id)!;
  const shown: Visibility[] = role !== null ? ["network", "partners", "public"] : ["public"];
  return ok({
    network: { slug: network.slug, name: network.name },
    year,
    intro: row?.intro ?? "",
    thanks: row?.thanks ?? "",
    published: row?.published ?? false,
    saved: row !== undefined,
    updatedAt: row?.updatedAt.toISOString() ?? null,
    figures,
    totals,
    highlights: await highlightsOf(db, network, periods.value, shown, origin, now),
    canEdit: atLeast(role, "pilot"),
  });
}

async function highlightsOf(db: DatabaseLike, network: Network, periods: Periods, shown: Visibility[], origin: string, now: Date): Promise<ReportHighlights> {
  const { start, end } = periods.current;
  const events = await db
    .select({
      id: eventTable.id,
      title: eventTable.title,
      kind: eventTable.kind,
      startsAt: eventTable.startsAt,
      going: sql<number>`(select count(*) from event_participation p where p.event_id = ${eventTable.id} and p.status = 'going')::int`.mapWith(Number),
    })
    .from(eventTable)
    .where(
      and(
        eq(eventTable.networkId, network.id),
        inArray(eventTable.visibility, shown),
        eq(eventTable.cancelled, false),
        // The group's own meetings are not the year's highlights.
        ne(eventTable.kind, "reunion"),
        gte(eventTable.startsAt, start),
        lt(eventTable.startsAt, end < now ? end : now),
      ),
    )
    .orderBy(asc(eventTable.startsAt))
    .limit(60);
  const themes = await db.execute(sql`
    select o.theme_slug as slug, coalesce(t.label_fr, o.theme_slug) as label_fr, coalesce(t.label_en, o.theme_slug) as label_en, count(*)::int as n
    from offer o left join theme t on t.id = o.theme_id
    where o.network_id = ${network.id}::uuid and o.status = 'done' and o.done_at >= ${start.toISOString()}::timestamptz and o.done_at < ${end.toISOString()}::timestamptz
    group by 1, 2, 3 order by n desc, slug limit 3`);
  const partnerships = await db
    .select({ actorId: partnershipTable.partnerActorId })
    .from(partnershipTable)
    .where(and(eq(partnershipTable.networkId, network.id), eq(partnershipTable.state, "active"), gte(partnershipTable.decidedAt, start), lt(partnershipTable.decidedAt, end)))
    .orderBy(desc(partnershipTable.decidedAt));
  const partners = await describePartners(db, partnerships.map((p) => p.actorId), origin);
  const rows = rowsOf<{ slug: string; label_fr: string; label_en: string; n: number }>(themes);
  return {
    events: events.map((e) => ({ id: e.id, url: eventUrl(origin, network.slug, e.id), title: e.title, kind: e.kind, startsAt: e.startsAt.toISOString(), going: e.going })),
    themes: rows.map((t) => ({ slug: t.slug, labelFr: t.label_fr, labelEn: t.label_en, exchanges: Number(t.n) })),
    partners: partners.map((p) => ({ name: partnerName(p), url: p.remote?.url ?? p.actorId })),
  };
}

export interface ReportInput {
  intro?: string;
  thanks?: string;
  published?: boolean;
}

/** The pilots write the report and decide to publish it. */
export async function saveReport(db: DatabaseLike, member: Member, slug: string, year: number, input: ReportInput, now = new Date()): Promise<Result<{ year: number; published: boolean }>> {
  const periods = yearPeriod(year, now);
  if (!periods.ok) return periods;
  for (const field of ["intro", "thanks"] as const) {
    if ((input[field]?.trim().length ?? 0) > MAX_REPORT_TEXT) return fail("invalid", "report_text_too_long", `At most ${MAX_REPORT_TEXT} characters`, field);
  }
  return transact(db, async (tx) => {
    const allowed = await requireRole(tx, slug, member, "pilot");
    if (!allowed.ok) return allowed;
    const networkId = allowed.value.network.id;
    const changes = {
      ...(input.intro !== undefined ? { intro: input.intro.trim() } : {}),
      ...(input.thanks !== undefined ? { thanks: input.thanks.trim() } : {}),
      ...(input.published !== undefined ? { published: input.published } : {}),
      updatedById: member.id,
      updatedAt: now,
    };
    const [row] = await tx
      .insert(activityReportTable)
      .values({ networkId, year, ...changes })
      .onConflictDoUpdate({ target: [activityReportTable.networkId, activityReportTable.year], set: changes })
      .returning();
    await recordAct(tx, selfActor(member), "report.save", { year, published: row.published }, networkId);
    return ok({ year, published: row.published });
  });
}

/** The years with a report: every saved one for the animation group, the published ones for others. */
export async function listReports(db: DatabaseLike, viewer: Member | null, slug: string, now = new Date()): Promise<Result<{ reports: { year: number; published: boolean }[]; years: number[] }>> {
  const found = await findNetwork(db, slug);
  if (!found.ok) return found;
  const group = atLeast(await viewerRole(db, found.value.id, viewer), "animator");
  const saved = await db
    .select({ year: activityReportTable.year, published: activityReportTable.published })
    .from(activityReportTable)
    .where(and(eq(activityReportTable.networkId, found.value.id), group ? undefined : eq(activityReportTable.published, true)))
    .orderBy(desc(activityReportTable.year));
  // The years a report can be written for: since the network began, up to this one.
  const first = Math.max(FIRST_YEAR, found.value.createdAt.getFullYear() - 1);
  const years = group ? Array.from({ length: parisToday(now).year - first + 1 }, (_, i) => parisToday(now).year - i) : [];
  return ok({ reports: saved, years });
}

/** Report texts a member last saved, for the export of their data. */
export async function reportsEditedBy(db: DatabaseLike, member: Member) {
  return db
    .select({ network: networkTable.slug, year: activityReportTable.year, intro: activityReportTable.intro, thanks: activityReportTable.thanks, updatedAt: activityReportTable.updatedAt })
    .from(activityReportTable)
    .innerJoin(networkTable, eq(networkTable.id, activityReportTable.networkId))
    .where(eq(activityReportTable.updatedById, member.id));
}
