// Resilience of deliveries between two real instances (issue #17 item 10):
// - B is stopped for 10 s while A posts, then restarted: B has everything
//   within a minute (the time is printed: the "blipped peer" figure);
// - A is killed with SIGKILL right after a burst of posts, while it fans them
//   out, and restarted: nothing is lost, and no inbox that answered 2xx gets
//   the same activity twice (A logs each 2xx delivery, once its queue has
//   recorded it done; LOG_LEVEL=info).
//   A delivery whose answer the kill cut off is sent again after its lease.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { A, B, dumpLogsOnFailure, SETUP_TIMEOUT_MS, since, startInstances, waitFor, type ApiClient, type Fleet, type Instance } from "../helpers/instances.ts";
import { announce, feed, follow, waitForLog, type Announcement } from "./steps.ts";

const WITHIN_MS = 60_000;

let fleet: Fleet;
let a: Instance, b: Instance;
let amelie: ApiClient; // animator of lilas (A)
let bruno: ApiClient; // B, follows lilas

beforeAll(async () => {
  const started = Date.now();
  fleet = await startInstances([
    { ...A, network: { slug: "lilas", name: "Les Lilas", animator: "amelie" }, env: { LOG_LEVEL: "info" } },
    { ...B, network: { slug: "tilleuls", name: "Les Tilleuls", animator: "bruno" } },
  ]);
  [a, b] = fleet.instances;
  [amelie, bruno] = [a.animator, b.animator];
  await follow(bruno, `@lilas@${A.ip}`, `https://${A.ip}/n/lilas`);
  console.log(`resilience: A and B up, B following lilas, in ${since(started)}`);
}, SETUP_TIMEOUT_MS);
afterAll(() => fleet?.dispose());
dumpLogsOnFailure(() => fleet);

/** Waits until all `posts` are in bruno's feed. */
const allInFeed = (posts: Announcement[], timeoutMs: number) =>
  waitFor(`${posts.length} posts in ${bruno.handle}'s feed`, async () => {
    const ids = new Set((await feed(bruno)).map((p) => p.id));
    return posts.every((p) => ids.has(p.url)) || undefined;
  }, { timeoutMs, intervalMs: 250 });

/** Ids of the Creates A says it delivered (2xx) to B, in its log since `mark`, once per line. */
const deliveredCreates = (mark: number) =>
  a.output().slice(mark).split("\n")
    .filter((line) => line.includes("Delivered") && line.includes(`${B.ip}/inbox`) && line.includes("#Create"))
    .map((line) => /'(https:\/\/[^']*#create\/[^']*)'/.exec(line)?.[1] ?? line);

describe("resilience of deliveries", () => {
  it("B stopped 10 s while A posts, then restarted, has everything within a minute", async () => {
    const mark = a.output().length;
    await b.stop();
    const stopped = Date.now();
    const posts: Announcement[] = [];
    for (let i = 1; i <= 5; i++) {
      posts.push(await announce(amelie, "lilas", `Pendant la coupure de B, annonce ${i}/5`, "public"));
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    }
    await waitForLog(a, "a failed delivery to B", [/Failed to send activity/, new RegExp(B.ip.replaceAll(".", "\\."))]);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 10_000 - (Date.now() - stopped))));
    await b.start();
    const back = Date.now();
    console.log(`resilience: B back after ${since(stopped)} down`);
    await allInFeed(posts, WITHIN_MS);
    const backlogMs = Date.now() - back;
    console.log(`resilience: B received its backlog of ${posts.length} posts ${(backlogMs / 1000).toFixed(1)} s after it came back`);
    expect(backlogMs).toBeLessThan(WITHIN_MS);
    // A logs a delivery once its queue has recorded it, after B has the post:
    // the next test counts A's log from its start, so these must be in it first.
    await waitFor("A to have seen a 2xx for each of the 5", () => new Set(deliveredCreates(mark)).size === posts.length, { timeoutMs: WITHIN_MS });
  }, 2 * WITHIN_MS + 60_000);

  it("A killed with SIGKILL during a fan-out and restarted: nothing lost, nothing delivered twice", async () => {
    const posts: Announcement[] = [];
    const mark = a.output().length;
    for (let i = 1; i <= 8; i++) posts.push(await announce(amelie, "lilas", `Rafale avant le crash de A, ${i}/8`, "public"));
    // Killed in the middle of the fan-out: once B got the first of them.
    await waitFor("A's first delivery of the burst", () => deliveredCreates(mark).length > 0, { timeoutMs: WITHIN_MS, intervalMs: 20 });
    await a.kill();
    const killed = Date.now();
    console.log(`resilience: A killed with ${new Set(deliveredCreates(mark)).size} of ${posts.length} deliveries done`);
    await a.start();
    await allInFeed(posts, WITHIN_MS);
    console.log(`resilience: after the crash, B had all ${posts.length} posts ${since(killed)} after the kill`);
    // A delivery in flight at the kill may have reached B without A seeing the
    // answer: its lease expires (30 s) and A sends it again (B keeps it once,
    // by its id). What must never happen is a second send of one A saw a 2xx for.
    await waitFor("A to have seen a 2xx for every post of the burst", () => new Set(deliveredCreates(mark)).size === posts.length, { timeoutMs: 2 * WITHIN_MS });
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const delivered = deliveredCreates(mark);
    expect(new Set(delivered).size).toBe(posts.length);
    expect(delivered).toHaveLength(posts.length);
  }, 3 * WITHIN_MS + 60_000);
});
