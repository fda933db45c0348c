// Unpacks the PGlite template (db/pglite-template.ts) into a new data
// directory. Only tar and node:fs: it runs in a child process while the
// server's modules load (server/data-dir-claim.ts), and says what went wrong
// rather than logging it (the child has no log sink).
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import * as tar from "tar";

export type UnpackResult = { unpacked: true } | { unpacked: false; missing: boolean; problem?: string };

/**
 * Fills `pgliteDir`, which holds no database, from the template (a tarball of
 * `dumpDataDir`, gzipped or not); `unpacked: false`, and `pgliteDir` left as
 * it was, when there is no template or it is damaged.
 * Unpacked with `tar` rather than by PGlite's `loadDataDir`: that took 1.5 s
 * more CPU, and its gunzip turns a truncated file into an uncaught error.
 */
export function unpackTemplate(file: string, pgliteDir: string, stillWanted: () => boolean = () => true): UnpackResult {
  if (!existsSync(file)) return { unpacked: false, missing: true };
  // Unpacked aside, then renamed: a crash midway leaves no half directory behind.
  const aside = `${pgliteDir}.unpacking`;
  try {
    rmSync(aside, { recursive: true, force: true });
    mkdirSync(aside, { recursive: true, mode: 0o700 });
    // Entries are kept inside `aside`: dumpDataDir names them from the root
    // ("/base/1/…"), which tar strips (TAR_ENTRY_INFO), and ".." is refused.
    // Any other warning (a damaged or truncated archive) fails the unpacking.
    // Read 1 MiB at a time, not tar's 16 MiB: the same speed, and less memory
    // where it runs in the server's process (when the child cannot).
    const problems: string[] = [];
    tar.x({ file, cwd: aside, sync: true, maxReadSize: 1 << 20, onwarn: (code, message) => void (code !== "TAR_ENTRY_INFO" && problems.push(`${code}: ${message}`)) });
    if (problems.length) throw new Error(problems[0]);
    if (!existsSync(join(aside, "PG_VERSION"))) throw new Error("no PG_VERSION in it");
    if (!stillWanted()) throw new Error("no longer wanted");
    rmSync(pgliteDir, { recursive: true, force: true });
    renameSync(aside, pgliteDir);
    return { unpacked: true };
  } catch (e) {
    rmSync(aside, { recursive: true, force: true });
    return { unpacked: false, missing: false, problem: String(e) };
  }
}
