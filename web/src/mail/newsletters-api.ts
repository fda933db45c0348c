// The newsletter's API (the server's own types).
import { apiRequest } from "../api.ts";
import type { IssueView } from "../../../server/domain/newsletters/issues.ts";
import type { Block } from "../../../server/domain/newsletters/blocks.ts";
import type { AnnouncementView } from "../../../server/domain/announcement-views.ts";

export type { Block, IssueView };
export interface IssueFields {
  subject?: string;
  body?: string;
  visibility?: "members" | "public";
}

const base = (slug: string) => `/networks/${encodeURIComponent(slug)}/newsletters`;

export const newslettersApi = {
  list: (slug: string) => apiRequest<{ issues: IssueView[]; canWrite: boolean }>("GET", base(slug), { asSelf: true }),
  get: (slug: string, id: string) => apiRequest<{ issue: IssueView; canWrite: boolean }>("GET", `${base(slug)}/${id}`, { asSelf: true }),
  blocks: (slug: string) => apiRequest<{ blocks: Block[] }>("GET", `${base(slug)}/blocks`, { asSelf: true }),
  create: (slug: string, body: IssueFields) => apiRequest<{ issue: IssueView }>("POST", base(slug), { body, asSelf: true }),
  update: (slug: string, id: string, body: IssueFields) => apiRequest<{ issue: IssueView }>("PATCH", `${base(slug)}/${id}`, { body, asSelf: true }),
  preview: (slug: string, id: string) => apiRequest<{ subject: string; html: string; text: string }>("GET", `${base(slug)}/${id}/preview`, { asSelf: true }),
  test: (slug: string, id: string) => apiRequest<{ to: string }>("POST", `${base(slug)}/${id}/test`, { asSelf: true }),
  send: (slug: string, id: string) => apiRequest<{ issue: IssueView }>("POST", `${base(slug)}/${id}/send`, { asSelf: true }),
  announce: (slug: string, id: string, visibility: "network" | "public") =>
    apiRequest<{ announcement: AnnouncementView }>("POST", `${base(slug)}/${id}/announcement`, { body: { visibility }, asSelf: true }),
  printList: (slug: string) => apiRequest<{ groups: { sponsor: string | null; members: string[] }[] }>("GET", `${base(slug)}/print-list`, { asSelf: true }),
};
