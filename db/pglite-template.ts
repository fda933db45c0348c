// A migrated, empty PGlite data directory as a tarball, made by `npm run build`
// (db/build-pglite-template.ts): a first start unpacks it instead of running
// initdb and every migration in WebAssembly (8 to 11 s of CPU against under
// 1 s, measured with `npm run bench startup`). Migrations still run after it,
// as at every start, so a template older than the code is brought forward
// like any data directory. It is unpacked by db/pglite-template-unpack.ts.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import type { PGlite } from "@electric-sql/pglite";
import { dirname } from "node:path";
import { openDatabase } from "./client.ts";
import { newPglite } from "./pglite.ts";
import { migrate } from "./migrate.ts";

/**
 * initdb and every migration in an in-memory PGlite, dumped. Nothing in it is
 * instance-specific: the migrations write only the theme list and counters;
 * keys and secrets are made by the instance at its first start.
 */
export async function dumpMigratedDatabase(compression: "gzip" | "none"): Promise<Blob> {
  const pglite = newPglite();
  const handle = await openDatabase({ pglite });
  try {
    await migrate(handle);
    await dropTemplateDatabases(pglite);
    // The dump is of a running cluster: without a checkpoint, every opening of
    // a copy replays the WAL of initdb and all the migrations first.
    await pglite.exec("CHECKPOINT");
    return await pglite.dumpDataDir(compression);
  } finally {
    await handle.close();
  }
}

/**
 * A PGlite instance opens one database, `postgres`, and never runs CREATE
 * DATABASE: template0 and template1, copied there by initdb, are 600 of the
 * template's 1,360 files and 14 of its 43 MiB. Each first start wrote them to
 * disk (the unpacking took 0.75–0.99 s without them against 1.23–1.60 s, in
 * alternate runs), and each PGlite test database copied them into memory
 * (it opens in ~255 ms without them against ~385 ms).
 */
async function dropTemplateDatabases(pglite: PGlite) {
  for (const name of ["template0", "template1"]) {
    // Two statements: DROP DATABASE refuses to run in the implicit transaction of one exec.
    await pglite.exec(`ALTER DATABASE ${name} IS_TEMPLATE false`);
    await pglite.exec(`DROP DATABASE ${name}`);
  }
}

/** Writes the template (gzip: 29 MiB of pages make 4 MiB), whole or not at all. */
export async function writePgliteTemplate(file: string): Promise<number> {
  const bytes = Buffer.from(await (await dumpMigratedDatabase("gzip")).arrayBuffer());
  mkdirSync(dirname(file), { recursive: true });
  const aside = `${file}.${process.pid}.tmp`;
  writeFileSync(aside, bytes);
  renameSync(aside, file);
  return bytes.length;
}
