// Status ids: time first, so ids sort like Mastodon's (apps compare them to
// find gaps and page), then the kind of item and its own id.
import type { ItemKind } from "../entities/status.ts";

const pattern = /^(\d{13})([aoerm])([0-9a-f]{32})$/;
// Posts from elsewhere (the feed of followed accounts): their IRI, base64url.
const remotePattern = /^(\d{13})p([A-Za-z0-9_-]{8,2000})$/;

export const statusId = (kind: ItemKind, id: string, at: Date) =>
  `${String(at.getTime()).padStart(13, "0")}${kind}${kind === "p" ? Buffer.from(id).toString("base64url") : id.replace(/-/g, "")}`;

export interface ParsedStatusId {
  at: Date;
  kind: ItemKind;
  id: string;
}

export function parseStatusId(value: string): ParsedStatusId | null {
  const remote = remotePattern.exec(value);
  if (remote) return { at: new Date(Number(remote[1])), kind: "p", id: Buffer.from(remote[2], "base64url").toString() };
  const m = pattern.exec(value);
  if (!m) return null;
  const hex = m[3];
  return { at: new Date(Number(m[1])), kind: m[2] as ItemKind, id: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}` };
}

/** A paging bound (max_id, since_id, min_id): a status id, or anything we can compare as one. */
export const boundOf = (value: string | undefined) => (value && /^\d{13}/.test(value) ? value : undefined);

// A member's reblog is a status of its own in Mastodon (a wrapper whose
// `reblog` is the original): its id is when the member boosted, who (their
// member id), then the original's status id, so that it sorts and parses back.
const reblogPattern = /^(\d{13})b([0-9a-f]{32})(\d{13}[aoerp].+)$/;

export const reblogId = (memberId: string, at: Date, of: string) => `${String(at.getTime()).padStart(13, "0")}b${memberId.replace(/-/g, "")}${of}`;

export function parseReblogId(value: string): { memberId: string; of: string } | null {
  const m = reblogPattern.exec(value);
  if (!m || !parseStatusId(m[3])) return null;
  const h = m[2];
  return { memberId: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`, of: m[3] };
}
