// Cold start to the first /healthz 200, and idle memory, on PGlite and on
// PostgreSQL (when BENCH_DATABASE_URL or TEST_DATABASE_URL points at a server).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import postgres from "postgres";
import { freePort } from "../helpers/server-process.ts";
import { nodeArgs, repoRoot } from "../helpers/processes.ts";

const rssMiB = (pid: number) => {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"))!;
  return Number(line.split(/\s+/)[1]) / 1024;
};

async function measure(label: string, env: Record<string, string>) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, join(repoRoot, "server", "main.ts")], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? "", PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warning", ...env },
    stdio: "ignore",
  });
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
    } catch {}
    await sleep(20);
  }
  const coldStartMs = performance.now() - started;
  await sleep(5_000);
  const idle = rssMiB(child.pid!);
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  console.log(`${label.padEnd(28)} cold start to /healthz: ${coldStartMs.toFixed(0).padStart(5)} ms   idle RSS after 5 s: ${idle.toFixed(0)} MiB`);
}

export async function benchStartup() {
  const dataDir = mkdtempSync(join(tmpdir(), "maillage-bench-start-"));
  await measure("PGlite, first start", { DATA_DIR: dataDir });
  await measure("PGlite, second start", { DATA_DIR: dataDir });
  rmSync(dataDir, { recursive: true, force: true });
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    console.log("PostgreSQL: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to measure it");
    return;
  }
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe("drop database if exists maillage_bench_start");
  await admin.unsafe("create database maillage_bench_start");
  const url = new URL(serverUrl);
  url.pathname = "/maillage_bench_start";
  const pgDataDir = mkdtempSync(join(tmpdir(), "maillage-bench-start-"));
  await measure("PostgreSQL, first start", { DATA_DIR: pgDataDir, DATABASE_URL: url.href });
  await measure("PostgreSQL, second start", { DATA_DIR: pgDataDir, DATABASE_URL: url.href });
  await admin.unsafe("drop database maillage_bench_start with (force)");
  await admin.end();
  rmSync(pgDataDir, { recursive: true, force: true });
}
