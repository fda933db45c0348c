// `npm start` runs this first, in plain JavaScript that any Node reads: on a
// Node too old for the server (which runs TypeScript directly), it says so in
// words instead of Node's own « bad option: --experimental-strip-types ».
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

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
// drizzle-orm's package.json read once, not for each of its files (import-hooks.mjs).
const hooks = ["--import", new URL("./import-hooks.mjs", import.meta.url).href];
const args = [...v8Flags, ...hooks, "--experimental-strip-types", "--disable-warning=ExperimentalWarning", script, ...process.argv.slice(3)];
if (typeof process.execve === "function") {
  // Node 22.15+: become the server (one process, signals and exit code as they are).
  process.execve(process.execPath, [process.execPath, ...args]);
} else {
  const child = spawn(process.execPath, args, { stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
