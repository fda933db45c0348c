// The admin's view of deliveries per remote host (/admin/federation): what
// waits, what was given up, the last error, a pause and "retry now".
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fedifyMessageTable } from "../../db/schema/fedify.ts";
import { deliveryHostsOf } from "../../federation/builder.ts";
import type { DeliveryHosts } from "../../federation/delivery/hosts.ts";
import { joinWith, withNetwork, type Client } from "../helpers/app.ts";
import { createFederatedTestApp, type FederatedTestApp } from "../helpers/federated-app.ts";

let t: FederatedTestApp;
let admin: Client;
let sophie: Client; // animator of lilas, not the instance admin
let hosts: DeliveryHosts;

beforeAll(async () => {
  t = await createFederatedTestApp();
  admin = await withNetwork(t);
  sophie = await joinWith(t, admin, "sophie", "lilas", "animator");
  hosts = deliveryHostsOf(t.federation)!;
});
afterAll(() => t.close());

const outbox = (inbox: string) => ({ type: "outbox", id: crypto.randomUUID(), inbox, activity: {}, attempt: 0, started: new Date().toISOString() });

describe("deliveries per remote host", () => {
  it("are for the instance admin only", async () => {
    expect((await t.client().get("/api/admin/deliveries")).status).toBe(401);
    expect((await sophie.get("/api/admin/deliveries")).status).toBe(403);
    expect((await sophie.post("/api/admin/deliveries/mastodon.example/retry")).status).toBe(403);
    expect((await admin.get("/api/admin/deliveries")).body).toEqual({ hosts: [] });
  });

  it("show what waits, what was given up, the last error and the pause; retry now lifts it", async () => {
    const inAMinute = Date.now() + 60_000;
    // Two deliveries wait for mastodon.example (held by its pause), one for gts.example.
    await t.db.insert(fedifyMessageTable).values([
      { message: outbox("https://mastodon.example/inbox"), deliverAt: new Date(inAMinute) },
      { message: outbox("https://mastodon.example/users/alice/inbox"), deliverAt: new Date(inAMinute) },
      { message: outbox("https://gts.example/users/dan/inbox") },
      { message: { type: "inbox", activity: {} } },
    ]);
    await hosts.update("mastodon.example", (s) => ({
      ...s,
      failures: [{ id: "a", at: Date.now() }, { id: "b", at: Date.now() }, { id: "c", at: Date.now() }],
      pausedSince: Date.now(),
      pausedUntil: inAMinute,
      lastError: { at: Date.now(), text: "ECONNREFUSED" },
    }));
    await hosts.update("pleroma.example", (s) => ({ ...s, failed: 2, lastError: { at: Date.now(), status: 410, text: "Gone" }, lastSuccessAt: Date.now() - 3600_000 }));

    const list = await admin.get("/api/admin/deliveries");
    expect(list.status).toBe(200);
    expect(list.body.hosts.map((h: { host: string }) => h.host)).toEqual(["mastodon.example", "gts.example", "pleroma.example"]);
    const [mastodon, gts, pleroma] = list.body.hosts;
    expect(mastodon).toMatchObject({ pending: 2, failed: 0, recentFailures: 3, pausedUntil: new Date(inAMinute).toISOString(), lastError: { status: null, text: "ECONNREFUSED" } });
    expect(gts).toMatchObject({ pending: 1, failed: 0, pausedUntil: null, lastError: null });
    expect(pleroma).toMatchObject({ pending: 0, failed: 2, lastError: { status: 410, text: "Gone" } });

    const retried = await admin.post("/api/admin/deliveries/mastodon.example/retry");
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual({ host: "mastodon.example", hurried: 2 });
    const after = (await admin.get("/api/admin/deliveries")).body.hosts.find((h: { host: string }) => h.host === "mastodon.example");
    expect(after).toMatchObject({ pausedUntil: null, recentFailures: 0, pending: 2 });
    const [due] = await t.db.select({ n: sql<number>`count(*)::int` }).from(fedifyMessageTable)
      .where(sql`message->>'inbox' like 'https://mastodon.example/%' and deliver_at <= now()`);
    expect(Number(due.n)).toBe(2);
  });
});
