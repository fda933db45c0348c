// /api/v1/push/subscription: a phone asks to be woken for new notifications.
// One subscription per token, as in Mastodon.
import { eq } from "drizzle-orm";
import { mastodonPushTable, type MastodonPush } from "../../../db/schema/index.ts";
import { invalid, mastodonRouter, notFound, params, scope, userOf, type MastodonContext } from "../http.ts";
import { endpointProblem } from "./endpoint.ts";
import { vapidKeys } from "./vapid.ts";

export const alertTypes = ["mention", "status", "reblog", "follow", "follow_request", "favourite", "poll", "update", "admin.sign_up", "admin.report"];
const policies = ["all", "followed", "follower", "none"] as const;

/** Form fields (subscription[keys][auth]) or JSON objects, read the same way. */
function field(p: Record<string, unknown>, path: string[]): unknown {
  const flat = p[path[0] + path.slice(1).map((k) => `[${k}]`).join("")];
  if (flat !== undefined) return flat;
  return path.reduce<unknown>((at, key) => (at && typeof at === "object" ? (at as Record<string, unknown>)[key] : undefined), p);
}

function alertsFrom(p: Record<string, unknown>, current: string[] = []): string[] {
  const chosen = new Set(current);
  for (const type of alertTypes) {
    const value = field(p, ["data", "alerts", type]);
    if (value === true || value === "true" || value === "1") chosen.add(type);
    if (value === false || value === "false" || value === "0") chosen.delete(type);
  }
  return [...chosen];
}

async function entity(c: MastodonContext, s: MastodonPush) {
  const alerts = Object.fromEntries(alertTypes.map((t) => [t, s.alerts.split(" ").includes(t)]));
  return { id: s.id, endpoint: s.endpoint, standard: true, alerts, policy: s.policy, server_key: (await vapidKeys(c.var.deps.db)).publicKey };
}

async function current(c: MastodonContext) {
  const [found] = await c.var.deps.db.select().from(mastodonPushTable).where(eq(mastodonPushTable.tokenId, c.var.token!.tokenId));
  return found;
}

export function pushRoutes() {
  const app = mastodonRouter();
  app.post("/api/v1/push/subscription", scope("push"), async (c) => {
    const member = userOf(c);
    const p = await params(c);
    const [endpoint, p256dh, auth] = [field(p, ["subscription", "endpoint"]), field(p, ["subscription", "keys", "p256dh"]), field(p, ["subscription", "keys", "auth"])];
    if (typeof endpoint !== "string") throw invalid("subscription[endpoint] must be an https URL");
    const problem = endpointProblem(endpoint, c.var.deps.config.allowPrivateAddress);
    if (problem) throw invalid(`subscription[endpoint] ${problem}`);
    if (typeof p256dh !== "string" || typeof auth !== "string" || !p256dh || !auth) throw invalid("subscription[keys][p256dh] and subscription[keys][auth] are required");
    const policy = field(p, ["data", "policy"]) ?? p.policy ?? "all";
    if (!policies.includes(policy as never)) throw invalid("data[policy] must be all, followed, follower or none");
    const values = { endpoint, p256dh, auth, alerts: alertsFrom(p).join(" "), policy: policy as MastodonPush["policy"], memberId: member.id, tokenId: c.var.token!.tokenId, pushedUntil: new Date() };
    // A new subscription replaces the token's previous one.
    const [saved] = await c.var.deps.db
      .insert(mastodonPushTable)
      .values(values)
      .onConflictDoUpdate({ target: mastodonPushTable.tokenId, set: values })
      .returning();
    return c.json(await entity(c, saved));
  });
  app.get("/api/v1/push/subscription", scope("push"), async (c) => {
    const found = await current(c);
    if (!found) throw notFound();
    return c.json(await entity(c, found));
  });
  app.put("/api/v1/push/subscription", scope("push"), async (c) => {
    const found = await current(c);
    if (!found) throw notFound();
    const p = await params(c);
    const policy = field(p, ["data", "policy"]) ?? p.policy ?? found.policy;
    if (!policies.includes(policy as never)) throw invalid("data[policy] must be all, followed, follower or none");
    const [saved] = await c.var.deps.db
      .update(mastodonPushTable)
      .set({ alerts: alertsFrom(p, found.alerts.split(" ")).join(" "), policy: policy as MastodonPush["policy"] })
      .where(eq(mastodonPushTable.id, found.id))
      .returning();
    return c.json(await entity(c, saved));
  });
  app.delete("/api/v1/push/subscription", scope("push"), async (c) => {
    await c.var.deps.db.delete(mastodonPushTable).where(eq(mastodonPushTable.tokenId, c.var.token!.tokenId));
    return c.json({});
  });
  return app;
}
