// The impact API: figures (the server's own types), CSV links, settings,
// the public summary and the yearly reports.
import { apiRequest } from "../api.ts";
import type { ReportView } from "../../../server/domain/impact/report.ts";
import type { ImpactFigures, ImpactSettingsView, ImpactSummary } from "../../../server/domain/impact/shape.ts";
import type { TableName } from "../../../server/domain/impact/tables.ts";

export type { ImpactFigures, ImpactSettingsView, ImpactSummary, ReportView };

const enc = encodeURIComponent;
const query = (params: Record<string, string | undefined>) => {
  const q = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();
  return q ? `?${q}` : "";
};

export const impactApi = {
  figures: (slug: string, from?: string, to?: string) => apiRequest<ImpactFigures>("GET", `/networks/${enc(slug)}/impact${query({ from, to })}`),
  /** A link the browser downloads (same-origin, the session cookie goes with it). */
  csvUrl: (slug: string, from: string, to: string, lang: string, table?: TableName) => `/api/networks/${enc(slug)}/impact.csv${query({ from, to, lang, table })}`,
  settings: (slug: string) => apiRequest<ImpactSettingsView>("GET", `/networks/${enc(slug)}/impact/settings`),
  saveSettings: (slug: string, body: Partial<ImpactSettingsView>) => apiRequest<ImpactSettingsView>("PUT", `/networks/${enc(slug)}/impact/settings`, { body }),
  summary: (slug: string) => apiRequest<ImpactSummary>("GET", `/networks/${enc(slug)}/impact/summary`),
  reports: (slug: string) => apiRequest<{ reports: { year: number; published: boolean }[]; years: number[] }>("GET", `/networks/${enc(slug)}/reports`),
  report: (slug: string, year: number) => apiRequest<ReportView>("GET", `/networks/${enc(slug)}/reports/${year}`),
  saveReport: (slug: string, year: number, body: { intro?: string; thanks?: string; published?: boolean }) =>
    apiRequest<{ year: number; published: boolean }>("PUT", `/networks/${enc(slug)}/reports/${year}`, { body }),
};
