// Opens this instance's database: the PostgreSQL server of DATABASE_URL, or
// PGlite in DATA_DIR, guarded by the one-process lock.
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { getLogger } from "@logtape/logtape";
import type { Config } from "./config.ts";
import { openDatabase, type DatabaseHandle } from "../db/client.ts";
import { migrate } from "../db/migrate.ts";
import { unpackPgliteTemplate } from "../db/pglite-template.ts";
import { waitForLock, type LockInfo } from "./data-dir-lock.ts";

export class DatabaseBusyError extends Error {}

const logger = getLogger(["maillage", "db"]);

export async function openInstanceDatabase(config: Config, lockInfo: Omit<LockInfo, "pid"> = {}): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    const handle = await openDatabase({ url: config.databaseUrl });
    await migrate(handle);
    return handle;
  }
  mkdirSync(config.dataDir, { recursive: true });
  const lock = await waitForLock(config.dataDir, lockInfo, 30_000);
  if (!lock) {
    throw new DatabaseBusyError(`Another process holds the PGlite data directory ${config.dataDir}`);
  }
  try {
    const pgliteDir = join(config.dataDir, "pglite");
    const fresh = !existsSync(join(pgliteDir, "PG_VERSION"));
    const fromTemplate = fresh && unpackPgliteTemplate(config.pgliteTemplate, pgliteDir) ? await openUnpackedTemplate(config.dataDir) : undefined;
    let handle = fromTemplate ?? (await openDatabase({ dataDir: config.dataDir }));
    await migrate(handle);
    if (fresh && !fromTemplate) {
      // initdb grows PGlite's WebAssembly memory and it never shrinks: reopening
      // the new directory took a first start's idle RSS from 870 to 576 MiB.
      await handle.close();
      handle = await openDatabase({ dataDir: config.dataDir });
    }
    return {
      ...handle,
      close: async () => {
        await handle.close();
        lock.release();
      },
    };
  } catch (e) {
    lock.release();
    throw e;
  }
}

/**
 * The data directory just unpacked from the template; undefined, and the
 * directory emptied for initdb, when PGlite refuses it (a template made by
 * another PGlite version): a template never makes a start fail.
 */
async function openUnpackedTemplate(dataDir: string): Promise<DatabaseHandle | undefined> {
  try {
    return await openDatabase({ dataDir });
  } catch (e) {
    logger.warn("PGlite did not open the data directory unpacked from its template ({error}): creating the database from scratch", { error: String(e) });
    // It held no database before the template was unpacked.
    rmSync(join(dataDir, "pglite"), { recursive: true, force: true });
    return undefined;
  }
}
