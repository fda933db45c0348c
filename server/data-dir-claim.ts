// A PGlite server's data directory, claimed before the server's modules load:
// its lock taken and, for a new one, the template unpacked in a child process
// meanwhile (~1,400 files: about a second of a first start, most of it in the
// kernel, that overlaps the ~1,000 modules' loading instead of following it).
// Light on purpose: server/main.ts loads it before everything else.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { getLogger } from "@logtape/logtape";
import type { UnpackResult } from "../db/pglite-template-unpack.ts";
import { tryLock, waitForLock, type HeldLock, type LockInfo } from "./data-dir-lock.ts";

export class DatabaseBusyError extends Error {}

export interface ClaimedDataDir {
  lock: HeldLock;
  /** No database in it yet. */
  fresh: boolean;
  /** Whether the template filled it (false: none, or unreadable; initdb then). */
  fromTemplate: Promise<boolean>;
}

const logger = getLogger(["maillage", "db", "template"]);

export function claimDataDir(dataDir: string, template: string, lockInfo: Omit<LockInfo, "pid"> = {}): Promise<ClaimedDataDir> {
  mkdirSync(dataDir, { recursive: true });
  // Synchronously when free (the usual case), so that the unpacking starts now.
  const lock = tryLock(dataDir, lockInfo);
  if (lock) return Promise.resolve(claimed(dataDir, template, lock));
  return waitForLock(dataDir, lockInfo, 30_000).then((held) => {
    if (!held) throw new DatabaseBusyError(`Another process holds the PGlite data directory ${dataDir}`);
    return claimed(dataDir, template, held);
  });
}

function claimed(dataDir: string, template: string, lock: HeldLock): ClaimedDataDir {
  const pgliteDir = join(dataDir, "pglite");
  const fresh = !existsSync(join(pgliteDir, "PG_VERSION"));
  const fromTemplate = fresh ? unpackAside(template, pgliteDir).then((result) => reported(result, template)) : Promise.resolve(false);
  return { lock, fresh, fromTemplate };
}

/** In a child process (db/pglite-template-unpack-cli.ts); in this one if the child cannot run. */
function unpackAside(file: string, pgliteDir: string): Promise<UnpackResult> {
  const inThisProcess = () => import("../db/pglite-template-unpack.ts").then((m) => m.unpackTemplate(file, pgliteDir));
  const script = fileURLToPath(new URL("../db/pglite-template-unpack-cli.ts", import.meta.url));
  const flags = ["--experimental-strip-types", "--disable-warning=ExperimentalWarning"];
  return new Promise<UnpackResult | undefined>((resolve) => {
    const child = execFile(process.execPath, [...flags, script, file, pgliteDir], (error, stdout) => {
      process.off("exit", stop);
      try {
        resolve(error ? undefined : (JSON.parse(stdout) as UnpackResult));
      } catch {
        resolve(undefined);
      }
    });
    // A server stopped during its first start leaves no unpacking behind.
    const stop = () => child.kill("SIGKILL");
    process.once("exit", stop);
  })
    // unpackTemplate starts afresh (it clears what a failed attempt left aside).
    .then((result) => result ?? inThisProcess());
}

function reported(result: UnpackResult, file: string): boolean {
  if (result.unpacked) return true;
  if (result.missing) logger.info("No PGlite template at {file} (`npm run build` makes it): creating the database from scratch", { file });
  else logger.warn("The PGlite template {file} is unreadable ({error}): creating the database from scratch", { file, error: result.problem });
  return false;
}
