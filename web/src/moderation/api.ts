// Moderation's API (the server's own types): reports, the queue, the log, reviews.
import { apiRequest } from "../api.ts";
import type { ReportReason, ReportSubject } from "../../../db/schema/moderation.ts";
import type { ActionInput } from "../../../server/domain/moderation/actions.ts";
import type { QueueReport as ServerQueueReport, ReviewView as ServerReviewView } from "../../../server/domain/moderation/queue.ts";
import type { MyReportView as ServerMyReportView, ReportInput } from "../../../server/domain/moderation/reports.ts";
import type { hiddenNote } from "../../../server/domain/moderation/hidden-info.ts";

/** What JSON makes of the server's types: dates arrive as strings. */
type Json<T> = T extends Date ? string : T extends (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;
export type QueueReport = Json<ServerQueueReport>;
export type ReviewView = Json<ServerReviewView>;
export type MyReportView = Json<ServerMyReportView>;
/** On a hidden item's page, for its author and the animators: why it is hidden. */
export type HiddenState = Json<Awaited<ReturnType<typeof hiddenNote>>>["hidden"];
export type { ActionInput, ReportInput, ReportReason, ReportSubject };
export const reportReasons: ReportReason[] = ["promotion", "pressure", "incivility", "spam", "illegal", "other"];

export interface LogEntry {
  id: string;
  action: string;
  by: string;
  subject: { type: string; id: string };
  target: string;
  reason: string;
  until: string | null;
  createdAt: string;
}

const enc = encodeURIComponent;
/** A network's queue, or the instance's (slug null: the admin's). */
const base = (slug: string | null) => (slug ? `/networks/${enc(slug)}/moderation` : "/moderation");

export const moderationApi = {
  report: (body: ReportInput) => apiRequest<{ report: MyReportView }>("POST", "/reports", { body }),
  mine: () => apiRequest<{ reports: MyReportView[] }>("GET", "/me/reports"),
  askReview: (type: string, id: string, note: string) => apiRequest<{ reviewRequestedAt: string }>("POST", `/hidden/${enc(type)}/${enc(id)}/review`, { body: { note } }),
  queue: (slug: string | null, status: "open" | "closed" = "open") => apiRequest<{ reports: QueueReport[]; reviews: ReviewView[] }>("GET", `${base(slug)}?status=${status}`),
  act: (slug: string | null, id: string, body: ActionInput) => apiRequest<unknown>("POST", `${base(slug)}/reports/${enc(id)}/actions`, { body }),
  unhide: (slug: string, type: string, id: string, reason: string) => apiRequest<unknown>("POST", `${base(slug)}/hidden/${enc(type)}/${enc(id)}/unhide`, { body: { reason } }),
  settings: (slug: string) => apiRequest<{ holdFirstPosts: boolean }>("GET", `${base(slug)}/settings`),
  setSettings: (slug: string, holdFirstPosts: boolean) => apiRequest<{ holdFirstPosts: boolean }>("PUT", `${base(slug)}/settings`, { body: { holdFirstPosts } }),
  log: (slug: string | null) => apiRequest<{ entries: LogEntry[] }>("GET", `${base(slug)}/log`),
};
