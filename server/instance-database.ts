// Opens this instance's database: the PostgreSQL server of DATABASE_URL, or
// PGlite in DATA_DIR, guarded by the one-process lock.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { getLogger } from "@logtape/logtape";
import type { Config } from "./config.ts";
import { openDatabase, type DatabaseHandle } from "../db/client.ts";
import { migrate } from "../db/migrate.ts";
import { claimDataDir, type ClaimedDataDir } from "./data-dir-claim.ts";
import type { LockInfo } from "./data-dir-lock.ts";

export { DatabaseBusyError } from "./data-dir-claim.ts";

const logger = getLogger(["maillage", "db"]);

/**
 * `claimed`: the PGlite data directory claimed earlier (server/main.ts does,
 * before the server's modules load); claimed here when not given.
 */
export async function openInstanceDatabase(
  config: Config,
  lockInfo: Omit<LockInfo, "pid"> = {},
  claimed?: Promise<ClaimedDataDir>,
): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    const handle = await openDatabase({ url: config.databaseUrl });
    await migrate(handle);
    return handle;
  }
  const { lock, fresh, fromTemplate: unpacked } = await (claimed ?? claimDataDir(config.dataDir, config.pgliteTemplate, lockInfo));
  try {
    const fromTemplate = (await unpacked) ? await openUnpackedTemplate(config.dataDir) : undefined;
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
