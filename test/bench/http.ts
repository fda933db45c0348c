// Read throughput with wrk (Debian package `wrk`), 64 connections, 10 s per
// target, against a running server (ROLE=all; on PGlite, and on PostgreSQL
// too when its URL is set): a network's actor document, an object, the outbox
// and followers pages, NodeInfo, WebFinger, and GET /api/networks/SLUG; and
// against bare Hono (@hono/node-server) serving a static 3.8 KB JSON, started
// in this process in the same run, which is the yardstick of issue #14: each
// figure is also given as a ratio to it, and CPU µs per request for both. Then
// each target again at 32 connections for its 99th-percentile latency (the
// other goal of issue #14: p99 < 20 ms at 32 connections). wrk runs one thread,
// leaving the other core to the server (2-core machines). Skips without wrk.
import { execFile } from "node:child_process";
import { createServer } from "node:net";
import { promisify } from "node:util";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { freePort } from "../helpers/server-process.ts";
import { cpuSeconds, fmt, machineLoad, memoryMiB, setUpNetwork, startBenchServer, withWrkOnEachDatabase, type BenchDatabase } from "./support.ts";

const SLUG = "lilas";
const CONNECTIONS = 64;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** The latency goal is stated at 32 connections: a shorter run of its own, after the throughput one. */
const P99_CONNECTIONS = 32;
const P99_SECONDS = Number(process.env.BENCH_P99_SECONDS ?? 5);
/**
 * Each target is loaded this long, unmeasured, before its figures: else the
 * first one measured (the actor) also pays the server's warm-up (code still
 * being compiled, the start-up garbage collected) and looked ~1.6x dearer in
 * CPU per request than the object measured after it, for the same cached path.
 */
const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP_SECONDS ?? 2);
const THREADS = 1;
// Handles with a port lose their host in Fedify: the server gets its own loopback address on port 80.
const SERVER_HOST = "127.0.6.1";

interface Target {
  name: string;
  url: string;
  accept?: string;
}

interface WrkResult {
  perSecond: number;
  latency: string;
  /** 99th percentile, ms (from the percentiles script). */
  p99: number;
  bad: number;
  errors: string;
}

async function wrk(target: Target, script: string, connections = CONNECTIONS, seconds = SECONDS): Promise<WrkResult> {
  const args = [`-t${THREADS}`, `-c${connections}`, `-d${seconds}s`, "-s", script, ...(target.accept ? ["-H", `Accept: ${target.accept}`] : []), target.url];
  const { stdout } = await promisify(execFile)("wrk", args, { timeout: (seconds + 30) * 1000 });
  const perSecond = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? NaN);
  const latency = /Latency\s+(\S+)/.exec(stdout)?.[1] ?? "?";
  const p99 = Number(/P99 (\d+)/.exec(stdout)?.[1] ?? NaN) / 1000;
  const bad = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(stdout)?.[1] ?? 0);
  const errors = /Socket errors:[^\n]*/.exec(stdout)?.[0] ?? "";
  return { perSecond, latency, p99, bad, errors };
}

/** One request first: the status and size, and a warm cache (the actor's keys are made on first use). */
async function check(target: Target): Promise<string> {
  let res: Response | undefined;
  for (let i = 0; i < 20; i++) res = await fetch(target.url, { headers: target.accept ? { accept: target.accept } : {} });
  const body = await res!.text();
  return `${res!.status} ${res!.headers.get("content-type")?.split(";")[0]}, ${fmt(body.length)} B`;
}

function print(target: Target, described: string, r: WrkResult, at32: WrkResult, hello?: WrkResult) {
  const ratio = hello ? `${fmt(r.perSecond / hello.perSecond, 3)} of static JSON (1/${fmt(hello.perSecond / r.perSecond, 1)})` : "1";
  console.log(
    `  ${target.name.padEnd(34)} ${fmt(r.perSecond).padStart(7)} req/s  avg latency ${r.latency.padStart(8)}  ${ratio}` +
      `  p99 at ${P99_CONNECTIONS} conn. ${fmt(at32.p99, 1)} ms` +
      `${r.bad ? `  NON-2xx: ${fmt(r.bad)}` : ""}${r.errors ? `  ${r.errors}` : ""}  [${described}]`,
  );
}

// The yardstick of issue #14: a static JSON document of an actor's size, served by bare Hono.
const STATIC_JSON = JSON.stringify({ "@context": "https://www.w3.org/ns/activitystreams", type: "Group", summary: "x".repeat(3_700) });

async function hello(script: string): Promise<{ result: WrkResult; at32: WrkResult; target: Target; described: string }> {
  const port = await freePort();
  const app = new Hono().get("/", (c) => c.body(STATIC_JSON, 200, { "content-type": "application/json" }));
  const server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" });
  const target = { name: "bare Hono, static 3.8 KB JSON (this process)", url: `http://127.0.0.1:${port}/` };
  try {
    const described = await check(target);
    const cpuBefore = process.cpuUsage();
    const result = await wrk(target, script);
    const cpu = process.cpuUsage(cpuBefore);
    const cpuPerRequest = (cpu.user + cpu.system) / Math.max(1, result.perSecond * SECONDS);
    const at32 = await wrk(target, script, P99_CONNECTIONS, P99_SECONDS);
    return { result, at32, target, described: `${described}; CPU ${fmt(cpuPerRequest)} µs/req` };
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
}

function canListen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

async function httpOn(database: BenchDatabase, script: string) {
  const base = await hello(script);
  const port = (await canListen(SERVER_HOST, 80)) ? "80" : String(await freePort(SERVER_HOST));
  const origin = port === "80" ? `http://${SERVER_HOST}` : `http://${SERVER_HOST}:${port}`;
  const server = await startBenchServer({ ...database.env, HOST: SERVER_HOST, PORT: port, PUBLIC_URL: origin });
  try {
    const api = await setUpNetwork(server.url, SLUG);
    // A public post: an object to fetch, and an outbox page that is not empty.
    const posted = await api.expect(201, "POST", `/api/networks/${SLUG}/announcements`, {
      content: "Café-rencontre samedi à 10 h, salle des fêtes. #café", visibility: "public", asNetwork: true,
    });
    const objectUrl = new URL(new URL(posted.announcement.url as string).pathname, origin).href;
    const targets: Target[] = [
      { name: `actor document /n/${SLUG}`, url: `${origin}/n/${SLUG}`, accept: "application/activity+json" },
      { name: "object (public announcement)", url: objectUrl, accept: "application/activity+json" },
      { name: `outbox first page`, url: `${origin}/n/${SLUG}/outbox?cursor=0`, accept: "application/activity+json" },
      { name: `followers first page`, url: `${origin}/n/${SLUG}/followers?cursor=0`, accept: "application/activity+json" },
      { name: "NodeInfo 2.1", url: `${origin}/nodeinfo/2.1` },
      { name: "WebFinger", url: `${origin}/.well-known/webfinger?resource=acct:${SLUG}@${new URL(origin).host}` },
      { name: `JSON API /api/networks/${SLUG}`, url: `${origin}/api/networks/${SLUG}` },
    ];
    const rssBefore = memoryMiB(server.pid);
    console.log(`${database.label}: real server process (ROLE=all) at ${origin}; wrk -t${THREADS} -c${CONNECTIONS} -d${SECONDS}s URL (loopback); ${machineLoad()}`);
    print(base.target, base.described, base.result, base.at32);
    for (const target of targets) {
      const described = await check(target);
      if (WARM_UP_SECONDS > 0) await wrk(target, script, CONNECTIONS, WARM_UP_SECONDS);
      const cpuBefore = cpuSeconds(server.pid);
      const result = await wrk(target, script);
      const cpuPerRequest = ((cpuSeconds(server.pid) - cpuBefore) * 1e6) / Math.max(1, result.perSecond * SECONDS);
      const at32 = await wrk(target, script, P99_CONNECTIONS, P99_SECONDS);
      print(target, `${described}; server CPU ${fmt(cpuPerRequest)} µs/req`, result, at32, base.result);
    }
    console.log(`  server RSS: ${fmt(rssBefore)} MiB before, ${fmt(memoryMiB(server.pid))} MiB after, peak since start ${fmt(memoryMiB(server.pid, "VmHWM"))} MiB`);
  } finally {
    await server.stop();
  }
}

export async function benchHttp() {
  await withWrkOnEachDatabase("http", httpOn);
}
