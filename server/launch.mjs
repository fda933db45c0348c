// `npm start` runs this first, in plain JavaScript that any Node reads: on a
// Node too old for the server (which runs TypeScript directly), it says so in
// words instead of Node's own « bad option: --experimental-strip-types ».
import { spawn } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { seedCompileCache } from "./primed-compile-cache.mjs";

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 6)) {
  console.error(
    `Maillage needs Node.js 22.6 or newer (this is Node ${process.versions.node}).\n` +
      "Install a current Node.js (https://nodejs.org, or your system's nodejs package), then run `npm start` again.",
  );
  process.exit(1);
}

const script = fileURLToPath(new URL(process.argv[2] ?? "main.ts", new URL("./", import.meta.url)));
// Node 24 leaves the young generation at ~128 MiB committed after the start-up
// imports; 8 MiB semi-spaces keep idle RSS ~120 MiB lower (measured with
// `npm run bench startup`), for a little more GC on uncached heavy requests.
const v8Flags = ["--max-semi-space-size=8"];
// A CLI command runs a few queries and exits: PGlite's WebAssembly stays on
// V8's baseline compiler. With the default budget, opening the database made
// one 105 KB function of Postgres hot enough for TurboFan: 1.7 s of CPU and a
// 604 MB compiler zone (`--trace-wasm-compilation-times`), ~900 MiB of peak RSS
// in all, for a command that lasts a second.
// The server keeps the default: optimised, an inbound reply on PGlite costs
// ~13 % less CPU. The flag names another compile cache directory (Node hashes
// V8's flags into its name): the CLI's first command in a DATA_DIR fills it.
if (script.endsWith("cli.ts")) v8Flags.push("--wasm-tiering-budget=1000000000");
// drizzle-orm's package.json read once, not for each of its files (import-hooks.mjs).
const hooks = ["--import", new URL("./import-hooks.mjs", import.meta.url).href];
const env = withMallocTrim(withCompileCache(process.env));
// Node flags given to the launcher itself (`node --max-old-space-size=300
// server/launch.mjs main.ts`) apply to the server too, after ours so they win.
const args = [...v8Flags, ...process.execArgv, ...hooks, "--experimental-strip-types", "--disable-warning=ExperimentalWarning", script, ...process.argv.slice(3)];
if (typeof process.execve === "function") {
  // Node 22.15+: become the server (one process, signals and exit code as they are).
  process.execve(process.execPath, [process.execPath, ...args], env);
} else {
  const child = spawn(process.execPath, args, { stdio: "inherit", env });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/**
 * Node's on-disk code cache (Node 22.1+; Node 24 keeps the type-stripped
 * TypeScript in it too): a start that finds its ~1,500 modules there skips
 * stripping types and compiling them, ~0.5 s of CPU and ~20 MiB of idle RSS
 * (measured with `npm run bench startup`). Kept in DATA_DIR, which is
 * writable and outlives restarts and Docker image upgrades. Each entry is
 * checked against its file's contents and the Node version, so a cache left
 * by an older Maillage or Node is only recompiled, never used; the
 * directories of other Node versions are removed so upgrades do not pile up.
 * A new DATA_DIR gets a copy of the cache `npm run build` primed (or the one
 * PRIMED_COMPILE_CACHE names), so that its first start is spared the
 * compiling too (server/primed-compile-cache.mjs).
 * NODE_COMPILE_CACHE chooses another directory, NODE_DISABLE_COMPILE_CACHE=1
 * turns it off.
 */
function withCompileCache(env) {
  if (env.NODE_COMPILE_CACHE || env.NODE_DISABLE_COMPILE_CACHE) return env;
  const directory = join(resolve(env.DATA_DIR || "./data"), "cache", "node-compile");
  try {
    // Named v<node version>-<arch>-<flags hash>-<uid> by Node.
    for (const entry of readdirSync(directory)) {
      if (!entry.startsWith(`v${process.versions.node}-`)) rmSync(join(directory, entry), { recursive: true, force: true });
    }
  } catch {
    // No cache yet (Node makes the directory), or not ours to tidy: harmless.
  }
  seedCompileCache(directory, env.PRIMED_COMPILE_CACHE ? resolve(env.PRIMED_COMPILE_CACHE) : undefined);
  return { ...env, NODE_COMPILE_CACHE: directory };
}

/**
 * glibc raises its trim and mmap thresholds each time a large mmapped block
 * is freed (a start frees several: PGlite reads its 9 MB WebAssembly and 6 MB
 * file bundle whole), and then keeps what later frees give back: ~60 MiB of
 * a PGlite server's idle RSS (~285 -> ~220 MiB, `npm run bench startup`)
 * was freed memory held that way. A fixed trim threshold returns it.
 * GLIBC_TUNABLES set by the operator win; musl ignores the variable.
 */
function withMallocTrim(env) {
  if (env.GLIBC_TUNABLES) return env;
  return { ...env, GLIBC_TUNABLES: "glibc.malloc.trim_threshold=1048576" };
}
