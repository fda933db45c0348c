// The impact dashboard and the public summary: who may see which figures.
// The animation group (animators, pilots) sees everything; anyone sees the
// totals when the network makes them public; a regional network sees the
// totals of the partners that share theirs, each marked by network.
import { and, eq, inArray } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { impactSettingsTable, partnershipTable, type Member, type Network } from "../../../db/schema/index.ts";
import { viewerRole } from "../announcement-views.ts";
import { fail, ok, type Result } from "../result.ts";
import { atLeast, findNetwork, requireRole } from "../roles.ts";
import { figuresOf, sumTotals, totalsOf } from "./figures.ts";
import { parisToday, parsePeriod, type Periods } from "./period.ts";
import { describePartners, partnerName } from "./partners.ts";
import { settingsOf } from "./settings.ts";
import type { ImpactFigures, ImpactSummary } from "./shape.ts";

export interface PeriodInput {
  from?: string;
  to?: string;
}

export async function impactDashboard(
  db: DatabaseLike,
  member: Member,
  slug: string,
  input: PeriodInput,
  origin: string,
  now = new Date(),
): Promise<Result<ImpactFigures>> {
  const allowed = await requireRole(db, slug, member, "animator");
  if (!allowed.ok) return allowed;
  const periods = parsePeriod(input, now);
  if (!periods.ok) return periods;
  return ok(await dashboardOf(db, allowed.value.network, periods.value, origin, now));
}

/** The figures of a period, with the partners' totals for a regional network. */
export async function dashboardOf(db: DatabaseLike, network: Network, periods: Periods, origin: string, now = new Date()): Promise<ImpactFigures> {
  const [figures, settings] = await Promise.all([figuresOf(db, network, periods, origin, now), settingsOf(db, network.id)]);
  return { ...figures, partners: settings.showPartners ? await partnersOf(db, network, periods, origin, now) : null };
}

/** The active partners: those of this instance that share their totals, and the others (named, not counted). */
async function partnersOf(db: DatabaseLike, network: Network, periods: Periods, origin: string, now: Date): Promise<ImpactFigures["partners"]> {
  const rows = await db
    .select({ actorId: partnershipTable.partnerActorId })
    .from(partnershipTable)
    .where(and(eq(partnershipTable.networkId, network.id), eq(partnershipTable.state, "active")));
  const partners = await describePartners(db, rows.map((r) => r.actorId), origin);
  const localIds = partners.flatMap((p) => (p.network ? [p.network.id] : []));
  const shares = localIds.length
    ? await db.select().from(impactSettingsTable).where(and(inArray(impactSettingsTable.networkId, localIds), eq(impactSettingsTable.shareWithPartners, true)))
    : [];
  const sharing = partners
    .flatMap((p) => (p.network && shares.some((s) => s.networkId === p.network!.id) ? [p.network] : []))
    .sort((a, b) => a.name.localeCompare(b.name, "fr"));
  const totals = await totalsOf(db, sharing.map((n) => n.id), periods, now);
  const shared = sharing.map((n) => ({ network: { slug: n.slug, name: n.name }, totals: totals.get(n.id)! }));
  return {
    shared,
    sum: sumTotals(shared.map((s) => s.totals)),
    notSharing: partners.filter((p) => !sharing.includes(p.network!)).map((p) => ({ name: partnerName(p), local: p.network !== null })),
  };
}

/**
 * This year's totals so far, for the network page: public when the network
 * says so, always for its animation group. Totals only: nobody's doings.
 */
export async function impactSummary(db: DatabaseLike, viewer: Member | null, slug: string, now = new Date()): Promise<Result<ImpactSummary>> {
  const found = await findNetwork(db, slug);
  if (!found.ok) return found;
  const network = found.value;
  const settings = await settingsOf(db, network.id);
  if (!settings.publicSummary && !atLeast(await viewerRole(db, network.id, viewer), "animator")) {
    return fail("not_found", "impact_not_public", "This network does not publish its figures");
  }
  const today = parisToday(now);
  const periods = parsePeriod({ from: today.with({ month: 1, day: 1 }).toString(), to: today.toString() }, now);
  if (!periods.ok) return periods;
  const totals = (await totalsOf(db, [network.id], periods.value, now)).get(network.id)!;
  return ok({ network: { slug: network.slug, name: network.name }, public: settings.publicSummary, period: { from: periods.value.current.from, to: periods.value.current.to }, totals });
}
