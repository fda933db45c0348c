// `npm run build`, after the PGlite template: starts the server once, as
// `npm start` does, on a throw-away DATA_DIR, with Node's compile cache written
// to server/dist/node-compile-cache. The launcher copies it into each new
// DATA_DIR (server/primed-compile-cache.mjs): a first start then finds its
// modules compiled. Run after the build of the files it starts, from where
// they will run (Node keys each entry by the file's path and checks its contents).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { primedCompileCache } from "./primed-compile-cache.mjs";

const port = await new Promise<number>((resolve, reject) => {
  const server = createServer().once("error", reject);
  server.listen(0, "127.0.0.1", () => {
    const { port } = server.address() as { port: number };
    server.close(() => resolve(port));
  });
});
const origin = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), "maillage-prime-"));
const aside = `${primedCompileCache}.${process.pid}.tmp`;
// Only what the start needs, not this environment: an operator's DATABASE_URL,
// ROLE or NODE_OPTIONS would start another server, or name another cache
// directory (V8 flags). The web interface is built by then: no tool is run.
const env = {
  DATA_DIR: dataDir,
  PORT: String(port),
  HOST: "127.0.0.1",
  PUBLIC_URL: origin,
  LOG_LEVEL: "error",
  NODE_COMPILE_CACHE: aside,
};
const server = spawn(process.execPath, [join(import.meta.dirname, "launch.mjs"), "main.ts"], { env, stdio: ["ignore", "inherit", "inherit"] });
const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));

try {
  await untilAnswered(`${origin}/healthz`);
  // The client APIs load at their first request (server/app.ts): theirs too.
  for (const path of ["/api/v1/instance", "/"]) await (await fetch(`${origin}${path}`)).arrayBuffer();
  server.kill("SIGTERM");
  // Node writes the cache as the server exits.
  if ((await exited) !== 0) throw new Error("the server did not stop cleanly");
  const written = readdirSync(aside).filter((entry) => entry.startsWith(`v${process.versions.node}-`));
  if (written.length !== 1 || readdirSync(join(aside, written[0])).length === 0) throw new Error(`no cache written in ${aside}`);
  rmSync(primedCompileCache, { recursive: true, force: true });
  renameSync(aside, primedCompileCache);
  console.log(`Compile cache for first starts: ${primedCompileCache} (${readdirSync(join(primedCompileCache, written[0])).length} modules)`);
} finally {
  if (server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
  await exited;
  rmSync(dataDir, { recursive: true, force: true });
  if (existsSync(aside)) rmSync(aside, { recursive: true, force: true });
}

async function untilAnswered(url: string) {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}) before answering`);
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await sleep(50);
  }
  throw new Error(`${url} did not answer within 2 minutes`);
}
