// PGlite, the embedded default: its modules are loaded only by a server that
// uses it (db/client.ts imports this file when asked for PGlite), so that a
// server on PostgreSQL does not carry them (~10 MiB of idle RSS).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { drizzle } from "drizzle-orm/pglite";
import type { DatabaseHandle, DatabaseLike } from "./client.ts";
import { forDrizzle } from "./pglite-drizzle.ts";
import * as schema from "./schema/index.ts";

/**
 * A PGlite with the extensions our migrations create (unaccent for French
 * search, btree_gist for exclusion constraints, btree_gin for searching within
 * a network). PostgreSQL has them in contrib.
 */
export function newPglite(dataDir?: string, options: PGliteOptions = {}): PGlite {
  // PGlite ignores the options when the data directory argument is undefined.
  return new PGlite({
    // Measured: ~120 MiB less idle memory, no loss on small tables; and each
    // start zeroes the buffers in WebAssembly (memset: ~0.5 s of CPU at the
    // default 128 MB).
    postgresqlconf: ["shared_buffers = 16MB"],
    ...options,
    dataDir,
    extensions: { unaccent, btree_gist, btree_gin },
  });
}

/** PGlite in `dataDir`/pglite, made if new. */
export function openPgliteDir(dataDir: string): Promise<DatabaseHandle> {
  mkdirSync(dataDir, { recursive: true });
  return openPglite(newPglite(join(dataDir, "pglite")));
}

export async function openPglite(client: PGlite): Promise<DatabaseHandle> {
  await client.waitReady;
  return {
    db: drizzle(forDrizzle(client), { schema }) as unknown as DatabaseLike,
    kind: "pglite",
    listen: async (channel, onNotify) => {
      const unlisten = await client.listen(channel, onNotify);
      return () => unlisten();
    },
    close: () => client.close(),
  };
}
