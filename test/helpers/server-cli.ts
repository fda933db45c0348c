// `maillage ARGS` against a test server without starting a Node process for
// each call (a cold start costs 2-3 s of CPU on 2 cores, and the scenarios and
// browser tests made hundreds): with PGlite the command goes over the server's
// control socket, exactly as the real CLI forwards it; with PostgreSQL it runs
// the same program in this process, on the server's database. The real CLI
// process is tested in test/server/cli.test.ts.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { inject } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/client.ts";
import { forwardToServer, runCaptured, type CliOutput } from "../../server/cli/control.ts";
import { lockHolder } from "../../server/data-dir-lock.ts";
import type { CliResult } from "./processes.ts";

export interface ServerCli {
  run(args: string[]): Promise<CliResult>;
  close(): Promise<void>;
}

export function serverCli(env: Record<string, string>): ServerCli {
  let handle: Promise<DatabaseHandle> | undefined;
  const output = async (args: string[]): Promise<CliOutput> => {
    if (env.DATABASE_URL) {
      handle ??= openDatabase({ url: env.DATABASE_URL });
      return runCaptured({ db: (await handle).db, publicUrl: new URL(env.PUBLIC_URL) }, args);
    }
    const socket = lockHolder(env.DATA_DIR)?.controlSocket;
    if (!socket) throw new Error(`No server holds ${env.DATA_DIR}: start it before running maillage ${args.join(" ")}`);
    return forwardToServer(socket, args);
  };
  return {
    run: async (args) => {
      const { code, out, err } = await output(args);
      const text = (lines: string[]) => lines.map((line) => line + "\n").join("");
      return { code, stdout: text(out), stderr: text(err) };
    },
    close: async () => {
      await (await handle)?.close();
      handle = undefined;
    },
  };
}

/**
 * Fills an empty PGlite data directory with the run's migrated template, so
 * that a test server skips initdb and the migrations (about 4 s of CPU each).
 */
export function seedPgliteDataDir(dataDir: string): void {
  const target = join(dataDir, "pglite");
  mkdirSync(target, { recursive: true });
  execFileSync("tar", ["-xf", inject("pgliteTemplate"), "-C", target], { stdio: "ignore" });
}
