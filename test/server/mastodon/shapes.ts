// The attributes Mastodon documents for its entities (docs.joinmastodon.org/entities/),
// with their JSON types as masto.js hands them over (camelCase): what an app relies on.
import { expect } from "vitest";

type Kind = "string" | "number" | "boolean" | "array" | "object" | "string|null" | "object|null";
export type Shape = Record<string, Kind>;

export const accountShape: Shape = {
  id: "string", username: "string", acct: "string", url: "string", displayName: "string", note: "string",
  avatar: "string", avatarStatic: "string", header: "string", headerStatic: "string", locked: "boolean",
  fields: "array", emojis: "array", bot: "boolean", group: "boolean", createdAt: "string",
  statusesCount: "number", followersCount: "number", followingCount: "number",
};

export const statusShape: Shape = {
  id: "string", uri: "string", createdAt: "string", account: "object", content: "string", visibility: "string",
  sensitive: "boolean", spoilerText: "string", mediaAttachments: "array", mentions: "array", tags: "array",
  emojis: "array", reblogsCount: "number", favouritesCount: "number", repliesCount: "number",
  url: "string|null", inReplyToId: "string|null", inReplyToAccountId: "string|null", reblog: "object|null",
  card: "object|null", language: "string|null", editedAt: "string|null",
};

export const notificationShape: Shape = { id: "string", type: "string", createdAt: "string", account: "object" };

const kindOf = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);

export function expectShape(value: object, shape: Shape) {
  const wrong = Object.entries(shape).filter(([key, kind]) => !kind.split("|").includes(kindOf((value as Record<string, unknown>)[key])));
  expect(wrong.map(([key, kind]) => `${key}: ${kind}, got ${kindOf((value as Record<string, unknown>)[key])}`)).toEqual([]);
}
