// A migrated, empty PGlite data directory as a tarball, made by `npm run build`
// (db/build-pglite-template.ts): a first start unpacks it instead of running
// initdb and every migration in WebAssembly (8 to 11 s of CPU against under
// 1 s, measured with `npm run bench startup`). Migrations still run after it,
// as at every start, so a template older than the code is brought forward
// like any data directory.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { gunzipSync } from "node:zlib";
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
 * Unpacked here rather than by PGlite's `loadDataDir`: that took 1.5 s more
 * CPU, and its gunzip turns a truncated file into an uncaught error.
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
    const bytes = readFileSync(file);
    const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
    extractTar(gzipped ? gunzipSync(bytes) : bytes, aside);
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

/** The files and directories of a ustar archive (what PGlite's dumpDataDir writes); anything else is refused. */
function extractTar(tar: Buffer, into: string): void {
  mkdirSync(into, { recursive: true, mode: 0o700 });
  const text = (start: number, length: number) => tar.toString("latin1", start, start + length).replace(/\0.*$/s, "");
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = offset;
    if (tar.subarray(header, header + 512).every((byte) => byte === 0)) return; // end of archive
    // The header's checksum: its bytes summed, the checksum field counted as spaces.
    let sum = 8 * 32;
    for (let i = header; i < header + 512; i++) sum += i >= header + 148 && i < header + 156 ? 0 : tar[i];
    if (parseInt(text(header + 148, 8).trim(), 8) !== sum) throw new Error(`bad header checksum at byte ${header}`);
    const size = parseInt(text(header + 124, 12).trim() || "0", 8);
    const type = text(header + 156, 1) || "0";
    const prefix = text(header + 345, 155);
    const name = normalize((prefix ? `${prefix}/` : "") + text(header, 100)).replace(/^\/+/, "");
    if (Number.isNaN(size) || name.split("/").includes("..")) throw new Error(`bad entry at byte ${header}`);
    const path = join(into, name);
    offset += 512;
    if (type === "5") mkdirSync(path, { recursive: true, mode: 0o700 });
    else if (type === "0") {
      if (offset + size > tar.length) throw new Error(`truncated at ${name}`);
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      writeFileSync(path, tar.subarray(offset, offset + size), { mode: 0o600 });
    } else throw new Error(`entry ${name} of type ${type}`);
    offset += Math.ceil(size / 512) * 512;
  }
  throw new Error("no end-of-archive marker (truncated)");
}
