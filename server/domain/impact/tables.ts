// The figures as tables: what the dashboard shows beside each chart and what
// the CSV export holds, built once so that both say the same thing.
// Pure code (no database): the web client imports it too.
import { tableLabels, type LabelKey, type TableLang } from "./labels.ts";
import type { ImpactFigures, Pair, Totals } from "./shape.ts";

export const tableNames = ["members", "exchanges", "themes", "events", "eventKinds", "commons", "partnerships", "months", "partners"] as const;
export type TableName = (typeof tableNames)[number];

export interface FigureColumn {
  label: string;
  /** A figure of the previous period (shown lighter, beside the current one). */
  previous: boolean;
}

export interface FigureTable {
  name: TableName;
  title: string;
  /** The header of the first column (what each row is). */
  rowHeader: string;
  columns: FigureColumn[];
  rows: { label: string; values: number[] }[];
}

export function impactTables(f: ImpactFigures, lang: TableLang): FigureTable[] {
  const l = (key: LabelKey) => tableLabels[lang][key];
  const span = (p: { from: string; to: string }) => `${p.from} – ${p.to}`;
  const pairColumns = (prefix?: LabelKey): FigureColumn[] => [
    { label: prefix ? `${l(prefix)} (${l("col.period")})` : `${l("col.period")} (${span(f.period)})`, previous: false },
    { label: prefix ? `${l(prefix)} (${l("col.previous")})` : `${l("col.previous")} (${span(f.previous)})`, previous: true },
  ];
  const pairs = (...list: Pair[]) => list.flatMap((p) => [p.current, p.previous]);
  const pairTable = (name: TableName, rows: [LabelKey, Pair][]): FigureTable => ({
    name,
    title: l(`table.${name}` as LabelKey),
    rowHeader: l("col.figure"),
    columns: pairColumns(),
    rows: rows.map(([key, pair]) => ({ label: l(key), values: pairs(pair) })),
  });
  const tables: FigureTable[] = [
    pairTable("members", [
      ["members.total", f.members.total],
      ["members.new", f.members.new],
      ["members.active", f.members.active],
      ["members.sponsored", f.members.sponsored],
      ["households.total", f.households.total],
      ["households.new", f.households.new],
      ["households.active", f.households.active],
    ]),
    pairTable("exchanges", [
      ["offers.offers", f.offers.offers],
      ["offers.requests", f.offers.requests],
      ["offers.answered", f.offers.answered],
      ["exchanges.done", f.exchanges.done],
      ["exchanges.members", f.exchanges.members],
      ["exchanges.thanks", f.exchanges.thanks],
    ]),
    {
      name: "themes",
      title: l("table.themes"),
      rowHeader: l("col.theme"),
      columns: (["measure.offers", "measure.requests", "measure.answered", "measure.exchanges"] as const).flatMap((m) => pairColumns(m)),
      rows: f.themes.map((t) => ({ label: lang === "fr" ? t.theme.labelFr : t.theme.labelEn, values: pairs(t.offers, t.requests, t.answered, t.exchanges) })),
    },
    pairTable("events", [
      ["events.held", f.events.held],
      ["events.going", f.events.going],
      ["events.attended", f.events.attended],
      ["events.withAttendance", f.events.withAttendance],
    ]),
    {
      name: "eventKinds",
      title: l("table.eventKinds"),
      rowHeader: l("col.kind"),
      columns: (["measure.held", "measure.going", "measure.attended"] as const).flatMap((m) => pairColumns(m)),
      rows: f.eventKinds.map((k) => ({ label: l(`kind.${k.kind}` as LabelKey) ?? k.kind, values: pairs(k.held, k.going, k.attended) })),
    },
    pairTable("commons", [
      ["commons.published", f.commons.published],
      ["commons.adopted", f.commons.adopted],
      ["commons.adapted", f.commons.adapted],
      ["commons.materielBooked", f.commons.materielBooked],
      ["commons.lieuBooked", f.commons.lieuBooked],
      ["commons.borrowed", f.commons.borrowed],
    ]),
    pairTable("partnerships", [
      ["partnerships.active", f.partnerships.active],
      ["partnerships.new", f.partnerships.new],
    ]),
    {
      name: "months",
      title: l("table.months"),
      rowHeader: l("col.month"),
      columns: monthMeasures.map((m) => ({ label: l(`measure.${m}`), previous: false })),
      rows: f.months.map((m) => ({ label: m.month, values: monthMeasures.map((key) => m[key]) })),
    },
  ];
  if (f.partners) {
    const row = (label: string, t: Totals) => ({ label, values: totalMeasures.map((key) => t[key]) });
    tables.push({
      name: "partners",
      title: l("table.partners"),
      rowHeader: l("col.network"),
      columns: totalMeasures.map((m) => ({ label: l(`measure.${m}`), previous: false })),
      rows: [...f.partners.shared.map((p) => row(p.network.name, p.totals)), row(l("partners.sum"), f.partners.sum)],
    });
  }
  return tables;
}

const monthMeasures = ["newMembers", "offers", "requests", "exchanges", "events", "going", "attended"] as const;
const totalMeasures = ["members", "households", "newMembers", "activeMembers", "offersPosted", "exchanges", "eventsHeld", "going", "resourcesPublished"] as const;
