// The compile cache `npm run build` primes (server/prime-compile-cache.ts) by
// starting the server once, and how the launcher gives a copy of it to a new
// DATA_DIR: a first start then skips stripping types and compiling its ~1,500
// modules as a later start does. Plain JavaScript: server/launch.mjs loads it.
import { copyFileSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** A build output, like db/dist and web/dist (gitignored). */
export const primedCompileCache = fileURLToPath(new URL("./dist/node-compile-cache", import.meta.url));

/** Node names a cache directory v<version>-<arch>-<V8 flags hash>[-<uid>]. */
const thisNode = `v${process.versions.node}-${process.arch}-`;

/**
 * Copies the primed cache of this Node into `directory` when that holds none
 * for this Node; true when it did. Node checks each entry against its file's
 * contents (and the path it was made for) before using it, so an entry made
 * from other sources, or for a moved checkout, is only recompiled. The copy is
 * renamed for this user: the build may have run as another (root, in the
 * Docker image's build stage), and Node names the directory by uid.
 */
export function seedCompileCache(directory, primed = primedCompileCache) {
  let built;
  try {
    built = readdirSync(primed).find((entry) => entry.startsWith(thisNode));
    if (!built) return false;
  } catch {
    return false; // Not built: the server starts as without it.
  }
  try {
    if (readdirSync(directory).some((entry) => entry.startsWith(thisNode))) return false;
  } catch {
    // No cache directory yet.
  }
  const flagsHash = built.slice(thisNode.length).split("-")[0];
  const uid = process.getuid?.();
  const name = `${thisNode}${flagsHash}${uid === undefined ? "" : `-${uid}`}`;
  // Copied aside, then renamed: a copy cut short is not taken for a whole one
  // (the launcher removes any directory not named for this Node).
  const aside = join(directory, `.seeding-${process.pid}`);
  try {
    copyEntries(join(primed, built), aside);
    renameSync(aside, join(directory, name));
    return true;
  } catch {
    rmSync(aside, { recursive: true, force: true });
    return false; // A read-only or full disk: Node compiles as without it.
  }
}

/**
 * Hard links where it can (one file system: ~50 ms for the ~1,500 entries
 * against 0.2 to 0.5 s of CPU to copy them); copies otherwise (a Docker
 * volume). Sharing the files is safe: Node 24 replaces an entry it updates
 * (a new file renamed over it) rather than writing into it, and any Node checks
 * an entry's checksum and source before using it: at worst one is stale.
 */
function copyEntries(from, to) {
  mkdirSync(to, { recursive: true });
  let link = true;
  for (const entry of readdirSync(from)) {
    if (link) {
      try {
        linkSync(join(from, entry), join(to, entry));
        continue;
      } catch {
        link = false; // Another file system, or links not allowed: copies.
      }
    }
    copyFileSync(join(from, entry), join(to, entry));
  }
}
