// A PGlite server's data directory, claimed before the server's modules load:
// its lock taken and, for a new one, the template unpacked on a worker thread
// meanwhile (~1,400 files: about a second of a first start, most of it in the
// kernel, that overlaps the ~1,000 modules' loading instead of following it).
// Light on purpose: server/main.ts loads it before everything else.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { getLogger } from "@logtape/logtape";
import { unpackTemplate, type UnpackResult } from "../db/pglite-template-unpack.ts";
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

/** On a worker thread; on this one if the worker cannot run. */
function unpackAside(file: string, pgliteDir: string): Promise<UnpackResult> {
  return new Promise((resolve) => {
    let settled = false;
    const inThisThread = () => {
      if (!settled) resolve(unpackTemplate(file, pgliteDir));
      settled = true;
    };
    try {
      const worker = new Worker(new URL("../db/pglite-template-worker.ts", import.meta.url), { workerData: { file, pgliteDir } });
      worker.once("message", (result: UnpackResult) => {
        settled = true;
        resolve(result);
      });
      // unpackTemplate starts afresh (it clears what a failed attempt left aside).
      worker.once("error", inThisThread);
      worker.once("exit", inThisThread);
    } catch {
      inThisThread();
    }
  });
}

function reported(result: UnpackResult, file: string): boolean {
  if (result.unpacked) return true;
  if (result.missing) logger.info("No PGlite template at {file} (`npm run build` makes it): creating the database from scratch", { file });
  else logger.warn("The PGlite template {file} is unreadable ({error}): creating the database from scratch", { file, error: result.problem });
  return false;
}
