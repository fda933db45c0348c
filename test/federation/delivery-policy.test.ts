// Outgoing deliveries as a peer server sees them (issue #10 item 6, #17 item 1):
// one POST per attempt with our User-Agent; a permanent refusal is tried once
// more, then given up and logged with the peer's status and the start of its
// answer; a host is paused only when distinct deliveries fail, probed again
// after 20 s, and its held deliveries go as soon as it answers.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJwk, MemoryKvStore, type MessageQueueEnqueueOptions } from "@fedify/fedify";
import { configure, reset, type LogRecord } from "@logtape/logtape";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { publicAddressCheck } from "../../federation/delivery/public-address.ts";
import { Deliverer } from "../../federation/delivery/deliver.ts";
import { probeGapMs, REFUSAL_RETRY_MS, retryDelayMs } from "../../federation/delivery/policy.ts";
import type { OutboxMessage } from "../../federation/delivery/send.ts";
import { userAgentFor } from "../../federation/builder.ts";

const LOOPBACK = `${process.env.MAILLAGE_TEST_LOOPBACK ?? "127.0.0"}.9`;
const records: LogRecord[] = [];
const logText = () => records.map((r) => r.message.map(String).join("")).join("\n");

/** The peer: answers each POST with what `answer` says, and remembers what it got. */
let answer: () => { status: number; body?: string; headers?: Record<string, string> } = () => ({ status: 202 });
const received: { headers: IncomingMessage["headers"]; body: string }[] = [];
let server: Server;
let inboxOrigin: string;

let keys: OutboxMessage["keys"];
const queued: { message: OutboxMessage; delayMs: number }[] = [];
const queue = {
  async enqueue(message: OutboxMessage, options?: MessageQueueEnqueueOptions) {
    queued.push({ message, delayMs: options?.delay?.total("millisecond") ?? 0 });
  },
  listen: () => new Promise<void>(() => {}),
};
let clock = Date.parse("2026-12-04T10:00:00Z");
let deliverer: Deliverer;

beforeAll(async () => {
  await configure({
    reset: true,
    sinks: { memory: (record) => void records.push(record) },
    loggers: [
      { category: ["maillage"], lowestLevel: "debug", sinks: ["memory"] },
      { category: ["logtape", "meta"], lowestLevel: "fatal", sinks: [] },
    ],
  });
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      const { status, body: text, headers } = answer();
      res.writeHead(status, { "content-type": "text/plain", ...headers }).end(text ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  inboxOrigin = `http://${LOOPBACK}:${(server.address() as AddressInfo).port}`;
  const pair = await crypto.subtle.generateKey(
    { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["sign", "verify"]);
  keys = [{ keyId: "https://maillage.test/n/lilas#main-key", privateKey: await exportJwk(pair.privateKey) }];
});
afterAll(async () => {
  await reset();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  records.length = 0;
  received.length = 0;
  queued.length = 0;
  answer = () => ({ status: 202 });
  // A fresh key-value store: each test starts with a host we never wrote to.
  deliverer = new Deliverer({ kv: new MemoryKvStore(), queue: queue as never, userAgent: userAgentFor("https://maillage.test"), now: () => clock });
});

const message = (n: number, path = "/inbox"): OutboxMessage => ({
  type: "outbox",
  id: crypto.randomUUID(),
  baseUrl: "https://maillage.test",
  keys,
  activity: { "@context": "https://www.w3.org/ns/activitystreams", id: `https://maillage.test/a/${n}`, type: "Create", actor: "https://maillage.test/n/lilas" },
  activityId: `https://maillage.test/a/${n}`,
  activityType: "https://www.w3.org/ns/activitystreams#Create",
  inbox: `${inboxOrigin}${path}`,
  sharedInbox: true,
  started: new Date(clock).toISOString(),
  attempt: 0,
  headers: {},
  traceContext: {},
});

/** Runs the queued messages that are due by `clock`, once. */
async function runDue() {
  const due = queued.splice(0).filter((q) => {
    if (q.delayMs <= 0) return true;
    queued.push(q);
    return false;
  });
  for (const q of due) await deliverer.deliver(q.message);
}

describe("deliveries to a peer", () => {
  it("sends each delivery once per attempt, with the Maillage User-Agent, signed", async () => {
    await deliverer.deliver(message(1));
    expect(received).toHaveLength(1);
    expect(received[0].headers["user-agent"]).toMatch(/^Maillage\/\S+ \(\+https:\/\/maillage\.test\/\)$/);
    expect(received[0].headers["content-type"]).toBe("application/activity+json");
    expect(received[0].headers["signature-input"] ?? received[0].headers.signature).toBeTruthy();
    expect(JSON.parse(received[0].body).id).toBe("https://maillage.test/a/1");
    expect(queued).toHaveLength(0);

    // A failing peer (503) gets one POST per attempt, not one per signature scheme.
    answer = () => ({ status: 503, body: "Service Unavailable" });
    received.length = 0;
    await deliverer.deliver(message(2));
    expect(received).toHaveLength(1);
    expect(queued).toHaveLength(1);
    expect(queued[0].message.attempt).toBe(1);
  });

  it("never posts to an inbox inside our own network: given up at once, and a redirect there is not followed", async () => {
    const publicOnly = new Deliverer({
      kv: new MemoryKvStore(), queue: queue as never, userAgent: userAgentFor("https://maillage.test"), now: () => clock,
      // What createFederationFor gives outside test mode: Fedify's public-address check, kept per host.
      mayReach: publicAddressCheck(),
    });
    await publicOnly.deliver(message(40));
    expect(received).toHaveLength(0);
    expect(queued).toHaveLength(0);
    expect(logText()).toMatch(/Gave up delivering .* is not a public address/);
    // A public inbox whose server redirects inside: the first POST only, never the second.
    let asked = 0;
    const redirected = new Deliverer({
      kv: new MemoryKvStore(), queue: queue as never, userAgent: userAgentFor("https://maillage.test"), now: () => clock,
      mayReach: async (url) => (asked++, url.pathname !== "/inside"),
    });
    answer = () => ({ status: 307, headers: { location: "/inside" } });
    await redirected.deliver(message(41));
    expect(asked).toBe(2);
    expect(received).toHaveLength(1);
    expect(queued).toHaveLength(0);
  });

  it("asks whether a host is public once a minute, not once per delivery", async () => {
    let now = 0;
    const asked: string[] = [];
    const mayReach = publicAddressCheck(async (url) => {
      asked.push(url);
      if (new URL(url).hostname === "10.0.0.7") throw new Error("private");
    }, () => now);
    expect(await mayReach(new URL("https://peer.example/inbox"))).toBe(true);
    expect(await mayReach(new URL("https://peer.example/users/a/inbox"))).toBe(true);
    expect(await mayReach(new URL("https://10.0.0.7/inbox"))).toBe(false);
    expect(await mayReach(new URL("https://10.0.0.7/other"))).toBe(false);
    expect(asked).toEqual(["https://peer.example/inbox", "https://10.0.0.7/inbox"]);
    // A minute on, the name is looked up again: a host that moved inside is refused from then on.
    now = 60_001;
    expect(await mayReach(new URL("https://peer.example/inbox"))).toBe(true);
    expect(asked).toHaveLength(3);
  });

  it("stops after one more try when the peer refuses for good, and logs its status and answer", async () => {
    answer = () => ({ status: 403, body: "Forbidden: this instance does not accept deliveries from maillage.test\n" + "x".repeat(5000) });
    await deliverer.deliver(message(3));
    expect(received).toHaveLength(1);
    expect(queued).toHaveLength(1);
    expect(queued[0].delayMs).toBe(REFUSAL_RETRY_MS);
    expect(logText()).toMatch(/Failed to send activity .* refused \(403\), one more try in 60 s: Forbidden: this instance does not accept/);

    queued[0].delayMs = 0;
    await runDue();
    expect(received).toHaveLength(2);
    expect(queued).toHaveLength(0); // no further retry
    const givenUp = records.find((r) => r.level === "error");
    expect(givenUp?.properties.status).toBe(403);
    expect(String(givenUp?.properties.body)).toMatch(/^Forbidden: this instance/);
    expect(String(givenUp?.properties.body).length).toBeLessThanOrEqual(300);

    const state = await deliverer.hosts.get(new URL(inboxOrigin).host);
    expect(state.failed).toBe(1);
    expect(state.lastError?.status).toBe(403);
    expect(state.pausedUntil).toBeUndefined();
  });

  it.each([400, 404, 410, 422])("treats %i as a refusal: retried once only", async (status) => {
    answer = () => ({ status, body: `refused ${status}` });
    await deliverer.deliver(message(4));
    queued[0].delayMs = 0;
    await runDue();
    expect(queued).toHaveLength(0);
    expect(records.find((r) => r.level === "error")?.properties.status).toBe(status);
  });

  it("tries the other signature scheme on 401 before counting it as a refusal", async () => {
    answer = () => ({ status: 401, body: "Invalid signature" });
    await deliverer.deliver(message(5));
    expect(received).toHaveLength(2);
    const schemes = received.map((r) => (r.headers["signature-input"] ? "rfc9421" : "cavage"));
    expect(new Set(schemes).size).toBe(2);
    expect(queued).toHaveLength(1);
    expect(queued[0].message.refusedOnce).toBe(true);
  });

  it("does not pause a host for one activity's retries, but for distinct deliveries failing", async () => {
    const host = new URL(inboxOrigin).host;
    answer = () => ({ status: 502, body: "Bad gateway" });
    // One activity, retried five times.
    let m = message(6);
    for (let i = 0; i < 5; i++) {
      await deliverer.deliver(m);
      m = queued.pop()!.message;
      clock += 1000;
    }
    expect((await deliverer.hosts.get(host)).pausedUntil).toBeUndefined();

    // Two more distinct deliveries fail: the host is paused, probed again after 20 s.
    await deliverer.deliver(message(7));
    await deliverer.deliver(message(8));
    const paused = await deliverer.hosts.get(host);
    expect(paused.pausedUntil).toBe(clock + probeGapMs(0));
    queued.length = 0;

    // While paused, nothing is sent: deliveries are held, without using an attempt.
    received.length = 0;
    await deliverer.deliver(message(9));
    expect(received).toHaveLength(0);
    expect(queued[0].message.attempt).toBe(0);
    expect(queued[0].delayMs).toBeGreaterThanOrEqual(20_000 - 1);

    // The peer is back; after the gap one probe goes, the others wait for its answer.
    answer = () => ({ status: 202 });
    clock += 20_000;
    const held = queued.splice(0);
    await deliverer.deliver(held[0].message);
    expect(received).toHaveLength(1);
    const closed = await deliverer.hosts.get(host);
    expect(closed.pausedUntil).toBeUndefined();
    expect(closed.failures).toHaveLength(0);
    expect(closed.lastSuccessAt).toBe(clock);
  });

  it("retries soon at first (a restarting peer is back within a minute), then backs off", () => {
    const schedule = Array.from({ length: 14 }, (_, attempt) => Math.round(retryDelayMs(attempt, () => 0.5) / 1000));
    expect(schedule.slice(0, 6)).toEqual([5, 15, 30, 60, 60, 60]);
    expect(schedule.at(-1)).toBe(6 * 3600);
    expect(probeGapMs(60_000)).toBe(20_000);
    expect(probeGapMs(30 * 60_000)).toBe(120_000);
    expect(probeGapMs(5 * 3600_000)).toBe(600_000);
  });
});
