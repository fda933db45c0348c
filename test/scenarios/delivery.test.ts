// Delivery through the persisted queue with retries: a peer that is down
// receives the announcement once it is back; a restart of the sender loses no
// queued delivery.
//
// Timing (federation/delivery/policy.ts): a delivery is retried after 5 s,
// 15 s, 30 s, then every minute; a host where three distinct deliveries failed
// is paused and probed every 20 s. Each test uses its own receiving host and
// brings it back quickly (a restart takes a few seconds); the wait is bounded
// at 90 s.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { A, B, C, dumpLogsOnFailure, SETUP_TIMEOUT_MS, since, startInstances, type ApiClient, type Fleet, type Instance } from "../helpers/instances.ts";
import { announce, follow, waitForInFeed, waitForLog } from "./steps.ts";

const RECOVERY_TIMEOUT_MS = 90_000;

let fleet: Fleet;
let a: Instance, b: Instance, c: Instance;
let amelie: ApiClient; // A, follows C's network
let bruno: ApiClient; // B, follows C's network
let cyril: ApiClient; // animator of fontaine (C)

beforeAll(async () => {
  const started = Date.now();
  fleet = await startInstances([
    { ...A, network: { slug: "lilas", name: "Les Lilas", animator: "amelie" } },
    { ...B, network: { slug: "tilleuls", name: "Les Tilleuls", animator: "bruno" } },
    { ...C, network: { slug: "fontaine", name: "La Fontaine", animator: "cyril" } },
  ]);
  [a, b, c] = fleet.instances;
  [amelie, bruno, cyril] = [a.animator, b.animator, c.animator];
  const FONTAINE = `https://${C.ip}/n/fontaine`;
  await Promise.all([follow(amelie, `@fontaine@${C.ip}`, FONTAINE), follow(bruno, `@fontaine@${C.ip}`, FONTAINE)]);
  console.log(`delivery: 3 instances, A and B following C, in ${since(started)}`);
}, SETUP_TIMEOUT_MS);
afterAll(() => fleet?.dispose());
dumpLogsOnFailure(() => fleet);

describe("delivery retries", () => {
  it("B is stopped, C posts, B restarts and receives it", async () => {
    const keyOf = async () => (await (await fetch(`${b.origin}/n/tilleuls`, { headers: { accept: "application/activity+json" } })).json()).publicKey.publicKeyPem;
    const keyBefore = await keyOf();
    await b.stop();
    const posted = await announce(cyril, "fontaine", "Pendant que B dormait : atelier vélo jeudi", "public");
    const t0 = Date.now();
    // C tried while B was down (and will retry)...
    await waitForLog(c, "a failed delivery to B", [/Failed to send activity/, /127\.0\.0\.3/]);
    await b.start();
    console.log(`delivery: B back ${since(t0)} after C's post`);
    // Same data and database: same keys, and the session from before still works.
    expect(await keyOf()).toBe(keyBefore);
    // ...and B gets it once it is back.
    await waitForInFeed(bruno, posted, RECOVERY_TIMEOUT_MS);
    console.log(`delivery: B received it ${since(t0)} after C's post`);
  }, RECOVERY_TIMEOUT_MS + 30_000);

  it("a queued delivery survives a restart of the sender (A down, C restarted, A back)", async () => {
    await a.stop();
    const posted = await announce(cyril, "fontaine", "Annonce en file d'attente : troc de graines", "public");
    const t0 = Date.now();
    await waitForLog(c, "a failed delivery to A", [/Failed to send activity/, /127\.0\.0\.2/]);
    // The retry waits in C's database queue; C stops, then C and A start again.
    await c.stop();
    await Promise.all([c.start(), a.start()]);
    console.log(`delivery: C restarted and A back ${since(t0)} after C's post`);
    await waitForInFeed(amelie, posted, RECOVERY_TIMEOUT_MS);
    console.log(`delivery: A received it ${since(t0)} after C's post`);
    expect(c.output()).toContain("C stopped");
  }, RECOVERY_TIMEOUT_MS + 30_000);
});
