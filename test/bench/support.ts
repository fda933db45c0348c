// Shared by the benches: the databases to run on (a PGlite data directory, and
// a fresh PostgreSQL database when BENCH_DATABASE_URL or TEST_DATABASE_URL is
// set), a real server process (its pid, for memory and CPU), a ROLE=worker
// process beside it (PostgreSQL), an API client with a session, and /proc
// readings.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "../../db/client.ts";
import { repoRoot } from "../helpers/processes.ts";
import { freePort } from "../helpers/server-process.ts";

export const serverDatabaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

export interface BenchDatabase {
  label: "PGlite" | "PostgreSQL";
  /** DATA_DIR, and DATABASE_URL for PostgreSQL. */
  env: Record<string, string>;
  /** The same database, from the bench process (PGlite: only while the server is stopped). */
  open(): Promise<DatabaseHandle>;
}

/** wrk's Lua hook that prints the 50th, 95th and 99th latency percentiles (µs): `P50 …`, `P95 …` and `P99 …`. */
const percentilesLua = `done = function(summary, latency, requests)
  io.write(string.format("P50 %d\\nP95 %d\\nP99 %d\\n", latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
`;

/**
 * `run` on each database with the path of that Lua script, written once for
 * the bench; skipped, saying why, when wrk is not installed.
 */
export async function withWrkOnEachDatabase(name: string, run: (db: BenchDatabase, script: string) => Promise<void>): Promise<void> {
  if (spawnSync("wrk", ["--version"]).error) {
    console.log("wrk is not installed: skipped (Debian: apt-get install -y wrk)");
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "maillage-bench-wrk-"));
  const script = join(dir, "percentiles.lua");
  writeFileSync(script, percentilesLua);
  try {
    await onEachDatabase(name, (database) => run(database, script));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs `run` on PGlite, then on PostgreSQL when a server URL is set; removes
 * what it made. BENCH_DATABASES=pglite (or postgres) runs only that one.
 */
export async function onEachDatabase(name: string, run: (db: BenchDatabase) => Promise<void>): Promise<void> {
  const only = process.env.BENCH_DATABASES;
  if (!only || only.includes("pglite")) {
    const dataDir = mkdtempSync(join(tmpdir(), `maillage-bench-${name}-`));
    try {
      await run({ label: "PGlite", env: { DATA_DIR: dataDir }, open: () => openDatabase({ dataDir }) });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  if (only && !only.includes("postgres")) return;
  if (!serverDatabaseUrl) {
    console.log(`${name} on PostgreSQL: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to measure it`);
    return;
  }
  const database = `maillage_bench_${name}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverDatabaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${database}`);
  const url = new URL(serverDatabaseUrl);
  url.pathname = `/${database}`;
  const pgDataDir = mkdtempSync(join(tmpdir(), `maillage-bench-${name}-`));
  try {
    await run({ label: "PostgreSQL", env: { DATA_DIR: pgDataDir, DATABASE_URL: url.href }, open: async () => openDatabase({ url: url.href }) });
  } finally {
    await admin.unsafe(`drop database if exists ${database} with (force)`);
    await admin.end();
    rmSync(pgDataDir, { recursive: true, force: true });
  }
}

export interface BenchServer {
  url: string;
  pid: number;
  env: Record<string, string>;
  stop(): Promise<void>;
  output(): string;
}

/** `node` arguments that start the server through its launcher, with BENCH_SERVER_FLAGS first (see startBenchServer). */
export const benchServerArgs = [...(process.env.BENCH_SERVER_FLAGS ?? "").split(" ").filter(Boolean), join(repoRoot, "server", "launch.mjs"), "main.ts"];

/**
 * `server/main.ts` as `npm start` runs it (ROLE=all: web and queue worker in one
 * process). BENCH_NODE_OPTIONS is passed on as NODE_OPTIONS (e.g. "--cpu-prof"),
 * BENCH_SERVER_FLAGS to the launcher, which gives V8 flags too to the server
 * (e.g. "--wasm-tiering-budget=1000000000"; its compile cache is another one).
 * The web UI is not served: WEB_DIST is a placeholder, so that no start waits
 * for a Vite build while web/ is being edited.
 */
export async function startBenchServer(env: Record<string, string>): Promise<BenchServer> {
  const host = env.HOST ?? "127.0.0.1";
  const port = env.PORT ?? String(await freePort(host));
  const full = { PUBLIC_URL: `http://${host}:${port}`, LOG_LEVEL: "warning", ...env, HOST: host, PORT: port };
  const webDist = mkdtempSync(join(tmpdir(), "maillage-bench-web-"));
  writeFileSync(join(webDist, "index.html"), "<!doctype html><title>bench</title>\n");
  const child = spawn(process.execPath, benchServerArgs, {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? "", ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}), WEB_DIST: webDist, ...full },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(webDist, { recursive: true, force: true });
  };
  const url = `http://${host}:${port}`;
  const deadline = Date.now() + 180_000; // a loaded 2-core machine starts slowly
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`The server exited (${child.exitCode}):\n${output}`);
    }
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server did not answer /healthz within 180 s:\n${output}`);
    }
    await sleep(100);
  }
  return { url, pid: child.pid!, env: full, stop, output: () => output };
}

export interface BenchProcess {
  pid: number;
  stop(): Promise<void>;
}

/** A ROLE=worker process: no HTTP server, so ready when it says its queue worker started. */
export async function startBenchWorker(env: Record<string, string>): Promise<BenchProcess> {
  const child = spawn(process.execPath, benchServerArgs, {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? "", ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}), ...env, ROLE: "worker", LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const look = (d: Buffer) => (output += d).includes("Queue worker started") && resolve();
    child.stdout!.on("data", look);
    child.stderr!.on("data", look);
    child.once("exit", (code) => reject(new Error(`The worker exited (${code}):\n${output}`)));
  });
  return {
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

export const ADMIN = { handle: "banc", displayName: "Banc d'essai", password: "a long bench password, 2024" };

/** A JSON API client that keeps its session cookie and CSRF token, as the web client does. */
export class Api {
  cookie = "";
  csrfToken = "";
  readonly base: string;
  constructor(base: string) {
    this.base = base;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken && method !== "GET") headers["x-csrf-token"] = this.csrfToken;
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(this.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const cookie = res.headers.get("set-cookie");
    if (cookie) this.cookie = cookie.split(";")[0];
    const text = await res.text();
    const json = text && res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text;
    if (json?.csrfToken) this.csrfToken = json.csrfToken;
    return { status: res.status, body: json };
  }

  async expect(status: number, method: string, path: string, body?: unknown) {
    const res = await this.call(method, path, body);
    if (res.status !== status) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
}

/** The instance's admin (logged in) and a network it animates. */
export async function setUpNetwork(url: string, slug: string): Promise<Api> {
  const api = new Api(url);
  await api.expect(201, "POST", "/api/setup", ADMIN);
  await api.expect(201, "POST", "/api/networks", { slug, name: "Quartier des Lilas", area: "Rue des Lilas, Nantes" });
  return api;
}

export async function logIn(url: string): Promise<Api> {
  const api = new Api(url);
  await api.expect(200, "POST", "/api/session", { handle: ADMIN.handle, password: ADMIN.password });
  return api;
}

/** A /proc/PID/status figure in MiB (VmRSS now, VmHWM the peak since start). */
export function memoryMiB(pid: number, field: "VmRSS" | "VmHWM" = "VmRSS"): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith(`${field}:`));
  return line ? Number(line.split(/\s+/)[1]) / 1024 : NaN;
}

/** User + system CPU seconds used by a process so far. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

/** Samples a process's RSS until stopped; returns the peak in MiB. */
export function sampleRss(pid: number, everyMs = 25): { stop(): number } {
  let peak = memoryMiB(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, memoryMiB(pid));
    } catch {
      // the process is gone
    }
  }, everyMs);
  return { stop: () => (clearInterval(timer), peak) };
}

/** Benches share the machine with whatever else runs: say how busy it was. */
export const machineLoad = () => `load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} on ${cpus().length} cores`;

export const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

type TableStats = Record<string, { reads: number; ins: number; upd: number; del: number }>;

/** PostgreSQL's per-table access counters (PGlite: none). Read them with the server stopped, so that they are flushed. */
export async function tableStats(database: BenchDatabase): Promise<TableStats | undefined> {
  if (database.label !== "PostgreSQL") return undefined;
  const handle = await database.open();
  const rows = (await handle.db.execute(sql.raw(
    "select relname, coalesce(seq_scan, 0) + coalesce(idx_scan, 0) as reads, n_tup_ins as ins, n_tup_upd as upd, n_tup_del as del from pg_stat_user_tables",
  ))) as unknown as { relname: string; reads: string; ins: string; upd: string; del: string }[];
  await handle.close();
  return Object.fromEntries(rows.map((r) => [r.relname, { reads: Number(r.reads), ins: Number(r.ins), upd: Number(r.upd), del: Number(r.del) }]));
}

/** Table accesses per unit of work, for the tables that saw any. */
export function printTableStats(unit: string, units: number, before: TableStats | undefined, after: TableStats | undefined): void {
  if (!after) return;
  const lines = Object.entries(after).flatMap(([table, a]) => {
    const b = before?.[table] ?? { reads: 0, ins: 0, upd: 0, del: 0 };
    const d = { reads: a.reads - b.reads, ins: a.ins - b.ins, upd: a.upd - b.upd, del: a.del - b.del };
    const per = (n: number) => fmt(n / Math.max(1, units), 1);
    if ([d.reads, d.ins, d.upd, d.del].every((n) => per(n) === "0.0")) return [];
    return [`${table} ${per(d.reads)} scans, ${per(d.ins)} ins, ${per(d.upd)} upd, ${per(d.del)} del`];
  });
  console.log(`  PostgreSQL table accesses per ${unit}: ${lines.sort().join("; ")}`);
}
