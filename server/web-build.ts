// `npm start` builds the web UI when it is missing or older than its sources.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { getLogger } from "@logtape/logtape";

const logger = getLogger(["maillage", "web"]);
const webRoot = join(import.meta.dirname, "..", "web");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "dist" || entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function isWebStale(webDist: string): boolean {
  const index = join(webDist, "index.html");
  return !existsSync(index) || statSync(index).mtimeMs < newestSource(webRoot);
}

/** Builds in a child process, so that Vite's memory is given back before serving. */
export function ensureWebBuilt(webDist: string): void {
  if (!existsSync(webRoot) || !isWebStale(webDist)) return;
  logger.info("Building the web UI into {webDist}…", { webDist });
  const vite = join(dirname(createRequire(import.meta.url).resolve("vite/package.json")), "bin", "vite.js");
  const result = spawnSync(process.execPath, [vite, "build", "--config", join(webRoot, "vite.config.ts"), "--outDir", webDist, "--emptyOutDir", "--logLevel", "warn"], { stdio: "inherit" });
  if (result.status !== 0) throw new Error("Building the web UI failed (see above)");
}
