// A real Maillage server in a child process, as `npm start` runs it.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { inject } from "vitest";
import { createPostgresDatabase, testDatabaseUrl } from "./db.ts";
import { repoRoot, type CliResult } from "./processes.ts";
import { seedPgliteDataDir, serverCli } from "./server-cli.ts";

export interface ServerProcess {
  url: string;
  env: Record<string, string>;
  /** Runs `maillage ARGS` against this instance. */
  cli(args: string[]): Promise<CliResult>;
  stop(): Promise<void>;
  /** SIGKILL, as a crash or the OOM killer would: no shutdown at all. */
  kill(): Promise<void>;
  output(): string;
}

export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A test server lives for seconds: PGlite's WebAssembly stays on V8's baseline
 * compiler, as the CLI's does (server/launch.mjs). Otherwise each start
 * optimises Postgres's parser, 2-3 s of CPU that the run's ~45 PGlite servers
 * paid on a machine the two suites already keep busy. Their flags differ from
 * `npm start`'s, so they share one compile cache (Node names a cache by the
 * flags) instead of each compiling the modules the build primed for those.
 */
const testServerFlags = ["--wasm-tiering-budget=1000000000"];

/**
 * Starts the server with `overrides` on top of test defaults (a fresh data
 * directory, a free port on 127.0.0.1, a fresh migrated database on the test PostgreSQL
 * server when TEST_DATABASE_URL is set) and waits until /healthz answers.
 * What it creates itself, it removes on `stop()`.
 */
export async function startServer(overrides: Record<string, string> = {}): Promise<ServerProcess> {
  const host = overrides.HOST ?? "127.0.0.1";
  const port = overrides.PORT ?? String(await freePort(host));
  const ownDataDir = overrides.DATA_DIR ? undefined : mkdtempSync(join(tmpdir(), "maillage-server-"));
  const ownDatabase = testDatabaseUrl && !overrides.DATABASE_URL ? await createPostgresDatabase({ migrated: true }) : undefined;
  if (ownDataDir && !ownDatabase && !overrides.DATABASE_URL) seedPgliteDataDir(ownDataDir);
  let cli: ReturnType<typeof serverCli> | undefined;
  const cleanUp = async () => {
    await cli?.close();
    if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
    await ownDatabase?.drop();
  };
  const env: Record<string, string> = {
    ...(ownDataDir ? { DATA_DIR: ownDataDir } : {}),
    ...(ownDatabase ? { DATABASE_URL: ownDatabase.url } : {}),
    PUBLIC_URL: `http://${host}:${port}`,
    LOG_LEVEL: "warning",
    ...overrides,
    HOST: host,
    PORT: port,
  };
  // With TLS_CERT_FILE the server speaks https only; the caller's process must
  // trust the certificate (e.g. tls.setDefaultCACertificates, see instances.ts).
  const url = `${env.TLS_CERT_FILE ? "https" : "http"}://${host}:${port}`;
  let output = "";
  const child: ChildProcess = spawn(process.execPath, [...testServerFlags, join(repoRoot, "server", "launch.mjs"), "main.ts"], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? "",
      NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? "",
      NODE_COMPILE_CACHE: inject("serverCompileCache"),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  // Generous: CI runs both databases side by side on two cores.
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null) {
      await cleanUp();
      throw new Error(`The server exited (${child.exitCode}):\n${output}`);
    }
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      await exited;
      await cleanUp();
      throw new Error(`The server did not answer /healthz within 150 s:\n${output}`);
    }
    await sleep(100);
  }
  return {
    url,
    env,
    cli: (args) => (cli ??= serverCli(env)).run(args),
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        const killed = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(killed);
      }
      await cleanUp();
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
        await exited;
      }
      await cleanUp();
    },
  };
}
