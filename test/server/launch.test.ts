// `npm start` on a Node too old for the server says so in words; on a recent
// one it runs the script with its arguments (a tiny one here, quicker than the server).
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/processes.ts";

const run = promisify(execFile);
const launcher = join(repoRoot, "server", "launch.mjs");
// Debian's Node, when the machine has an old one beside ours (as here: 20).
const systemNode = "/usr/bin/node";
const oldNode = existsSync(systemNode) && Number((await run(systemNode, ["-p", "process.versions.node.split('.')[0]"])).stdout.trim()) < 22;

describe("the launcher", () => {
  it.skipIf(!oldNode)("names the Node version needed on an old Node", async () => {
    const failed = await run(systemNode, [launcher, "main.ts"]).then(() => null, (e: { code: number; stderr: string }) => e);
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/Maillage needs Node\.js 22\.6 or newer \(this is Node 2\d\./);
    expect(failed?.stderr).not.toContain("bad option");
  });

  it("runs the script with TypeScript on this Node", async () => {
    const { stdout } = await run(process.execPath, [launcher, "../test/fixtures/launch/hello.ts", "bonjour", "voisins"], { cwd: repoRoot });
    expect(stdout.trim()).toBe("typescript ran: bonjour voisins");
  }, 60_000);
});
