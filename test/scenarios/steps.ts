// Steps shared by the scenarios, all through the HTTP API of the instances
// (contract: /work/helpers/issue3-contract.md). Waiting is polling with a
// deadline (waitFor), never a fixed sleep.
import { waitFor, type ApiClient, type Instance } from "../helpers/instances.ts";

// Deliveries between instances on one machine take well under a second; the
// deadline leaves room for a loaded 2-core machine and a first retry.
export const DELIVERY_TIMEOUT_MS = 30_000;

export interface FeedPost {
  id: string;
  url: string;
  contentHtml: string;
  author: { id: string; handle: string | null };
  via?: { id: string };
}

export interface Following {
  id: number | string;
  state: "pending" | "accepted";
  actor: { id: string; handle: string | null };
}

export async function feed(client: ApiClient): Promise<FeedPost[]> {
  return (await client.expect(200, "GET", "/api/me/feed")).body.posts;
}

export async function following(client: ApiClient): Promise<Following[]> {
  return (await client.expect(200, "GET", "/api/me/following")).body.following;
}

/** POST /api/me/following, then waits until the remote side's Accept arrived. */
export async function follow(client: ApiClient, target: string, expectedActorId: string): Promise<Following> {
  const res = await client.expect(201, "POST", "/api/me/following", { target });
  const created = res.body.following as Following;
  if (created.actor?.id !== expectedActorId) throw new Error(`Followed ${created.actor?.id}, expected ${expectedActorId}`);
  return waitFor(`${client.handle}@${client.instance.name} following ${target} to be accepted`, async () =>
    (await following(client)).find((f) => f.actor.id === expectedActorId && f.state === "accepted"),
  { timeoutMs: DELIVERY_TIMEOUT_MS });
}

export interface Announcement {
  id: string;
  url: string;
  visibility: "public" | "partners" | "network";
  content: string;
}

export async function announce(
  client: ApiClient,
  slug: string,
  content: string,
  visibility: Announcement["visibility"],
  asNetwork = true,
): Promise<Announcement> {
  const res = await client.expect(201, "POST", `/api/networks/${slug}/announcements`, { content, visibility, asNetwork });
  return res.body.announcement;
}

/** Waits until the announcement (by its ActivityPub id) is in the client's feed. */
export function waitForInFeed(client: ApiClient, announcement: Announcement, timeoutMs = DELIVERY_TIMEOUT_MS): Promise<FeedPost> {
  return waitFor(
    `"${announcement.content}" in the feed of ${client.handle}@${client.instance.name}`,
    async () => (await feed(client)).find((p) => p.id === announcement.url),
    { timeoutMs },
  );
}

export async function inFeed(client: ApiClient, announcement: Announcement): Promise<boolean> {
  return (await feed(client)).some((p) => p.id === announcement.url || p.contentHtml.includes(announcement.content));
}

/** An unsigned ActivityPub GET of an announcement: what anyone on the network gets. */
export async function fetchAsActivityPub(url: string): Promise<Response> {
  return fetch(url, { headers: { accept: "application/activity+json" }, signal: AbortSignal.timeout(10_000) });
}

/** Waits for a line of the instance's log matching every pattern (e.g. a failed delivery). */
export function waitForLog(instance: Instance, what: string, patterns: RegExp[], timeoutMs = DELIVERY_TIMEOUT_MS): Promise<string> {
  return waitFor(
    `${instance.name} to log ${what}`,
    () => instance.output().split("\n").find((line) => patterns.every((p) => p.test(line))),
    { timeoutMs, intervalMs: 100 },
  );
}
