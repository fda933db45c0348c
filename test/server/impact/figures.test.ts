// The impact figures on a small fixed network life (seed.ts): exact counts
// for 2025 beside 2024, month by month, and a regional network adding up the
// partners that share their figures (one refuses, one is elsewhere).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.ts";
import { dashboardOf } from "../../../server/domain/impact/dashboard.ts";
import { parsePeriod } from "../../../server/domain/impact/period.ts";
import type { ImpactFigures } from "../../../server/domain/impact/shape.ts";
import { createTestDatabase } from "../../helpers/db.ts";
import { NOW, ORIGIN, seedImpact, type Seeded } from "./seed.ts";

let handle: DatabaseHandle;
let seeded: Seeded;
let lilas: ImpactFigures;

const year2025 = () => {
  const periods = parsePeriod({ from: "2025-01-01", to: "2025-12-31" }, NOW);
  if (!periods.ok) throw new Error(periods.error.message);
  return periods.value;
};

beforeAll(async () => {
  handle = await createTestDatabase();
  seeded = await seedImpact(handle.db);
  lilas = await dashboardOf(handle.db, seeded.lilas, year2025(), ORIGIN, NOW);
});
afterAll(() => handle?.close());

const pair = (current: number, previous: number) => ({ current, previous });

describe("a network's figures for 2025, beside 2024", () => {
  it("compares with the whole previous year", () => {
    expect(lilas.period).toEqual({ from: "2025-01-01", to: "2025-12-31" });
    expect(lilas.previous).toEqual({ from: "2024-01-01", to: "2024-12-31" });
  });

  it("counts members: at the end of each year, new, active, sponsored", () => {
    expect(lilas.members).toEqual({ total: pair(6, 2), new: pair(4, 2), active: pair(5, 2), sponsored: pair(1, 0) });
  });

  it("counts households: one per label (whatever its case), one per member without a label", () => {
    // 2025: « A 3 » (Anna 2024, Bruno), « Famille Blanc » (Chloé, Dédé), Emile, Fanny; 2024: « A 3 », Emile.
    // New: those whose first member joined in the year; active: those with an active member (Fanny was not).
    expect(lilas.households).toEqual({ total: pair(4, 2), new: pair(2, 2), active: pair(3, 2) });
  });

  it("counts offers and requests posted and answered, exchanges, who took part and thanks", () => {
    expect(lilas.offers).toEqual({ offers: pair(2, 1), requests: pair(1, 1), answered: pair(2, 1) });
    // Emile's drill was offered in December 2024 and lent in January 2025: an exchange of 2025.
    expect(lilas.exchanges).toEqual({ done: pair(3, 0), members: pair(5, 0), thanks: pair(1, 0) });
  });

  it("breaks offers and exchanges down by theme, in the themes' order", () => {
    const rows = lilas.themes.map((t) => [t.theme.slug, t.offers, t.requests, t.answered, t.exchanges]);
    expect(rows).toEqual([
      ["conseils", pair(0, 0), pair(0, 1), pair(0, 0), pair(0, 0)],
      ["coups-de-main", pair(0, 0), pair(1, 0), pair(0, 0), pair(0, 0)],
      ["pret-de-materiel", pair(1, 1), pair(0, 0), pair(1, 1), pair(2, 0)],
      ["don", pair(1, 0), pair(0, 0), pair(1, 0), pair(1, 0)],
    ]);
    expect(lilas.themes[2].theme).toEqual({ slug: "pret-de-materiel", labelFr: "Prêt de matériel", labelEn: "Tool and equipment loans" });
  });

  it("counts events held (not cancelled, not to come), answers and who was ticked present", () => {
    expect(lilas.events).toEqual({ held: pair(2, 1), going: pair(4, 1), attended: pair(2, 0), withAttendance: pair(1, 0) });
    expect(lilas.eventKinds).toEqual([
      { kind: "cafe", held: pair(1, 1), going: pair(3, 1), attended: pair(2, 0) },
      { kind: "atelier", held: pair(1, 0), going: pair(1, 0), attended: pair(0, 0) },
    ]);
  });

  it("counts the library, what partners took from it, bookings and partnerships", () => {
    expect(lilas.commons).toEqual({
      published: pair(2, 1),
      adopted: pair(1, 0),
      adapted: pair(1, 0),
      materielBooked: pair(1, 0),
      lieuBooked: pair(0, 1),
      borrowed: pair(1, 0),
    });
    expect(lilas.partnerships).toEqual({ active: pair(2, 0), new: pair(2, 0) });
  });

  it("gives the twelve months of 2025 for the charts", () => {
    expect(lilas.months.map((m) => m.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, "0")}`));
    const month = (m: string) => lilas.months.find((x) => x.month === m);
    expect(month("2025-01")).toEqual({ month: "2025-01", newMembers: 0, offers: 0, requests: 0, exchanges: 1, events: 0, going: 0, attended: 0 });
    expect(month("2025-02")).toEqual({ month: "2025-02", newMembers: 1, offers: 0, requests: 0, exchanges: 0, events: 1, going: 3, attended: 2 });
    expect(month("2025-06")).toEqual({ month: "2025-06", newMembers: 2, offers: 0, requests: 0, exchanges: 0, events: 0, going: 0, attended: 0 });
    expect(month("2025-08")).toEqual({ month: "2025-08", newMembers: 0, offers: 1, requests: 0, exchanges: 1, events: 0, going: 0, attended: 0 });
    expect(lilas.months.reduce((n, m) => n + m.offers + m.requests, 0)).toBe(3);
  });

  it("shows no partners' figures to a network that is not regional", () => {
    expect(lilas.partners).toBeNull();
  });
});

describe("other periods", () => {
  it("from the 1st: compared with as many months before; other spans with as many days before", async () => {
    const march = parsePeriod({ from: "2025-03-01", to: "2025-03-31" }, NOW);
    expect(march.ok && [march.value.previous.from, march.value.previous.to]).toEqual(["2025-02-01", "2025-02-28"]);
    const days = parsePeriod({ from: "2025-03-10", to: "2025-03-19" }, NOW);
    expect(days.ok && [days.value.previous.from, days.value.previous.to]).toEqual(["2025-02-28", "2025-03-09"]);
    const soFar = parsePeriod({ from: "2025-12-01", to: "2025-12-04" }, NOW);
    expect(soFar.ok && [soFar.value.previous.from, soFar.value.previous.to]).toEqual(["2025-11-01", "2025-11-04"]);
    const twoMonths = parsePeriod({ from: "2025-01-01", to: "2025-02-28" }, NOW);
    expect(twoMonths.ok && [twoMonths.value.previous.from, twoMonths.value.previous.to]).toEqual(["2024-11-01", "2024-12-31"]);
    if (!march.ok) return;
    const f = await dashboardOf(handle.db, seeded.lilas, march.value, ORIGIN, NOW);
    expect(f.offers.offers).toEqual(pair(1, 0));
    expect(f.exchanges.done).toEqual(pair(1, 0));
    expect(f.members.new).toEqual(pair(0, 1));
    expect(f.events.held).toEqual(pair(0, 1));
  });

  it("refuses a period that ends before it starts, a year out of range or a date that is not one, naming the field", () => {
    const field = (input: { from?: string; to?: string }) => {
      const r = parsePeriod(input, NOW);
      return r.ok ? null : [r.error.code, r.error.field];
    };
    expect(field({ from: "2025-05-01", to: "2025-04-30" })).toEqual(["period_reversed", "to"]);
    expect(field({ from: "1999-12-31" })).toEqual(["year_out_of_range", "from"]);
    expect(field({ from: "2025-01-01", to: "2031-01-01" })).toEqual(["year_out_of_range", "to"]);
    expect(field({ from: "2025-02-30" })).toEqual(["invalid_date", "from"]);
    expect(field({ to: "demain" })).toEqual(["invalid_date", "to"]);
  });
});

describe("a regional network", () => {
  it("adds up the totals of the partners that share theirs, marked by network, and names the others", async () => {
    const coop = await dashboardOf(handle.db, seeded.coop, year2025(), ORIGIN, NOW);
    const lilasTotals = { members: 6, households: 4, newMembers: 4, activeMembers: 5, offersPosted: 3, exchanges: 3, eventsHeld: 2, going: 4, resourcesPublished: 2 };
    const tilleulsTotals = { members: 2, households: 2, newMembers: 1, activeMembers: 1, offersPosted: 1, exchanges: 0, eventsHeld: 1, going: 1, resourcesPublished: 1 };
    expect(coop.partners).toEqual({
      shared: [
        { network: { slug: "lilas", name: "Les Lilas" }, totals: lilasTotals },
        { network: { slug: "tilleuls", name: "Les Tilleuls" }, totals: tilleulsTotals },
      ],
      sum: { members: 8, households: 6, newMembers: 5, activeMembers: 6, offersPosted: 4, exchanges: 3, eventsHeld: 3, going: 5, resourcesPublished: 3 },
      notSharing: [
        { name: "Les Érables", local: true },
        { name: "La Fontaine", local: false },
      ],
    });
    // Its own figures are its own: the regional network itself has one member.
    expect(coop.members.total).toEqual(pair(1, 1));
  });
});
