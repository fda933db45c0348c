// A migrated, empty PGlite data directory as a tarball, made by `npm run build`
// (db/build-pglite-template.ts): a first start unpacks it instead of running
// initdb and every migration in WebAssembly (8 to 11 s of CPU against under
// 1 s, measured with `npm run bench startup`). Migrations still run after it,
// as at every start, so a template older than the code is brought forward
// like any data directory.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import * as tar from "tar";
import { getLogger } from "@logtape/logtape";
import { newPglite, openDatabase } from "./client.ts";
import { migrate } from "./migrate.ts";

const logger = getLogger(["maillage", "db", "template"]);

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

/**
 * Fills `pgliteDir`, which holds no database, from the template (a tarball of
 * `dumpDataDir`, gzipped or not); false, and `pgliteDir` left as it was, when
 * there is no template or it is damaged.
 * Unpacked with `tar` rather than by PGlite's `loadDataDir`: that took 1.5 s
 * more CPU, and its gunzip turns a truncated file into an uncaught error.
 */
export function unpackPgliteTemplate(file: string, pgliteDir: string): boolean {
  if (!existsSync(file)) {
    logger.info("No PGlite template at {file} (`npm run build` makes it): creating the database from scratch", { file });
    return false;
  }
  // Unpacked aside, then renamed: a crash midway leaves no half directory behind.
  const aside = `${pgliteDir}.unpacking`;
  try {
    rmSync(aside, { recursive: true, force: true });
    mkdirSync(aside, { recursive: true, mode: 0o700 });
    // Entries are kept inside `aside`: dumpDataDir names them from the root
    // ("/base/1/…"), which tar strips (TAR_ENTRY_INFO), and ".." is refused.
    // Any other warning (a damaged or truncated archive) fails the unpacking.
    const problems: string[] = [];
    tar.x({ file, cwd: aside, sync: true, onwarn: (code, message) => void (code !== "TAR_ENTRY_INFO" && problems.push(`${code}: ${message}`)) });
    if (problems.length) throw new Error(problems[0]);
    if (!existsSync(join(aside, "PG_VERSION"))) throw new Error("no PG_VERSION in it");
    rmSync(pgliteDir, { recursive: true, force: true });
    renameSync(aside, pgliteDir);
    return true;
  } catch (e) {
    logger.warn("The PGlite template {file} is unreadable ({error}): creating the database from scratch", { file, error: String(e) });
    rmSync(aside, { recursive: true, force: true });
    return false;
  }
}
