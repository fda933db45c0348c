// The figures as CSV (RFC 4180, UTF-8 with a byte order mark so that
// spreadsheets read the accents): every table one after the other, or one.
import type { TableLang } from "./labels.ts";
import type { ImpactFigures } from "./shape.ts";
import { impactTables, type FigureTable, type TableName } from "./tables.ts";

/** Quotes when needed; a text that a spreadsheet would run as a formula is kept as text. */
export function csvCell(value: string | number): string {
  if (typeof value === "number") return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const line = (cells: (string | number)[]) => cells.map(csvCell).join(",");

function tableCsv(table: FigureTable): string[] {
  return [line([table.rowHeader, ...table.columns.map((c) => c.label)]), ...table.rows.map((r) => line([r.label, ...r.values]))];
}

export function impactCsv(figures: ImpactFigures, lang: TableLang, only?: TableName): string {
  const tables = impactTables(figures, lang).filter((t) => !only || t.name === only);
  const lines = only ? tables.flatMap(tableCsv) : tables.flatMap((t, i) => [...(i ? [""] : []), line([t.title]), ...tableCsv(t)]);
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
