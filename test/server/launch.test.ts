// `npm start` on a Node too old for the server says so in words; on a recent
// one it runs the script with its arguments (a tiny one here, quicker than the server).
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
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

  it("gives the script the Node flags the launcher was started with: an operator's memory cap holds", async () => {
    const heapLimit = async (flags: string[]) =>
      Number((await run(process.execPath, [...flags, launcher, "../test/fixtures/launch/heap-limit.ts"], { cwd: repoRoot })).stdout.trim());
    // The limit is the old space asked for plus the young generation.
    for (const mib of [300, 600]) {
      const limit = await heapLimit([`--max-old-space-size=${mib}`]);
      expect(limit).toBeGreaterThanOrEqual(mib);
      expect(limit).toBeLessThan(mib + 100);
    }
  }, 60_000);

  it("keeps a compile cache in DATA_DIR that a changed file, a damaged entry or another Node version cannot mislead", async () => {
    const dir = mkdtempSync(join(tmpdir(), "maillage-launch-"));
    try {
      const script = join(dir, "greet.ts");
      const cache = join(dir, "data", "cache", "node-compile");
      const greet = (word: string) => writeFileSync(script, `const word: string = "${word}";\nconsole.log(word);\n`);
      // Not seeded from the build's primed cache: its entries are damaged below, and a seeded copy may share their files.
      const env = { PATH: process.env.PATH, DATA_DIR: join(dir, "data"), PRIMED_COMPILE_CACHE: join(dir, "none") };
      const runIt = async () => (await run(process.execPath, [launcher, script], { cwd: repoRoot, env })).stdout.trim();
      greet("bonjour");
      expect(await runIt()).toBe("bonjour");
      const [ours] = readdirSync(cache);
      expect(ours).toMatch(new RegExp(`^v${process.versions.node}-`));
      expect(readdirSync(join(cache, ours)).length).toBeGreaterThan(0);

      // An upgrade: the same file with other contents.
      greet("bonsoir");
      expect(await runIt()).toBe("bonsoir");
      // Damaged entries, and a cache an older Node left.
      for (const entry of readdirSync(join(cache, ours))) writeFileSync(join(cache, ours, entry), "not a code cache");
      mkdirSync(join(cache, "v22.6.0-x64-00000000-0"));
      greet("salut");
      expect(await runIt()).toBe("salut");
      expect(readdirSync(cache)).toEqual([ours]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("gives a new DATA_DIR the compile cache the build primed, used at its first start; a stale or other Node's one is harmless", async () => {
    const dir = mkdtempSync(join(tmpdir(), "maillage-launch-"));
    try {
      const script = join(dir, "greet.ts");
      const primed = join(dir, "primed");
      const greet = (word: string) => writeFileSync(script, `const word: string = "${word}";\nconsole.log(word);\n`);
      const runIt = (env: Record<string, string>) => run(process.execPath, [launcher, script], { cwd: repoRoot, env: { PATH: process.env.PATH, ...env } });
      // As `npm run build` primes it, but as another user (the image's build stage runs as root).
      greet("bonjour");
      await runIt({ NODE_COMPILE_CACHE: primed });
      const [built] = readdirSync(primed);
      const ours = built.replace(/-\d+$/, `-${process.getuid!()}`);
      renameSync(join(primed, built), join(primed, built.replace(/-\d+$/, `-${process.getuid!() + 1}`)));
      mkdirSync(join(primed, "v22.6.0-x64-00000000-0"));
      writeFileSync(join(primed, "v22.6.0-x64-00000000-0", "0badf00d"), "another Node's entry");

      // A first start reads its modules from the copy instead of compiling them.
      const first = join(dir, "first");
      const { stdout, stderr } = await runIt({ DATA_DIR: first, PRIMED_COMPILE_CACHE: primed, NODE_DEBUG_NATIVE: "COMPILE_CACHE" });
      expect(stdout.trim()).toBe("bonjour");
      expect(stderr).toContain(`V8 code cache for CommonJS ${script} was accepted`);
      const cache = join(first, "cache", "node-compile");
      expect(readdirSync(cache)).toEqual([ours]);
      expect(readdirSync(join(cache, ours)).length).toBeGreaterThan(0);

      // Sources changed since the build, then damaged entries: recompiled, never misread.
      greet("bonsoir");
      expect((await runIt({ DATA_DIR: join(dir, "second"), PRIMED_COMPILE_CACHE: primed })).stdout.trim()).toBe("bonsoir");
      const primedEntries = join(primed, readdirSync(primed).find((entry) => entry.startsWith(`v${process.versions.node}-`))!);
      for (const entry of readdirSync(primedEntries)) writeFileSync(join(primedEntries, entry), "not a code cache");
      greet("salut");
      expect((await runIt({ DATA_DIR: join(dir, "third"), PRIMED_COMPILE_CACHE: primed })).stdout.trim()).toBe("salut");
      // No primed cache at all (no build): it starts as before.
      expect((await runIt({ DATA_DIR: join(dir, "fourth"), PRIMED_COMPILE_CACHE: join(dir, "none") })).stdout.trim()).toBe("salut");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
