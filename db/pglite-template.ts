// A migrated, empty PGlite data directory as a tarball, made by `npm run build`
// (db/build-pglite-template.ts): a first start unpacks it instead of running
// initdb and every migration in WebAssembly (8 to 11 s of CPU against under
// 1 s, measured with `npm run bench startup`). Migrations still run after it,
// as at every start, so a template older than the code is brought forward
// like any data directory. It is unpacked by db/pglite-template-unpack.ts.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
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
    // The dump is of a running cluster: without a checkpoint, every opening of
    // a copy replays the WAL of initdb and all the migrations first.
    await pglite.exec("CHECKPOINT");
    return await pglite.dumpDataDir(compression);
  } finally {
    await handle.close();
  }
}

/** Writes the template (gzip: 45 MiB of pages make 6 MiB), whole or not at all. */
export async function writePgliteTemplate(file: string): Promise<number> {
  const bytes = Buffer.from(await (await dumpMigratedDatabase("gzip")).arrayBuffer());
  mkdirSync(dirname(file), { recursive: true });
  const aside = `${file}.${process.pid}.tmp`;
  writeFileSync(aside, bytes);
  renameSync(aside, file);
  return bytes.length;
}
