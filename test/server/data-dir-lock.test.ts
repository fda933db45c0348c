// The PGlite data directory is held by exactly one process, also when several
// find the lock of a crashed one at the same moment.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockHolder, tryLock } from "../../server/data-dir-lock.ts";
import { nodeArgs } from "../helpers/processes.ts";

const TRIALS = Number(process.env.LOCK_TRIALS ?? 150);

interface Contender {
  child: ChildProcess;
  next(): Promise<string>;
}

function contender(): Promise<Contender> {
  const child = spawn(process.execPath, [...nodeArgs, join(import.meta.dirname, "data-dir-lock-child.ts")], { stdio: ["pipe", "pipe", "inherit"] });
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout! }).on("line", (line) => (waiting.length ? waiting.shift()!(line) : lines.push(line)));
  const next = () => (lines.length ? Promise.resolve(lines.shift()!) : new Promise<string>((resolve) => waiting.push(resolve)));
  return next().then(() => ({ child, next }));
}

const say = (c: Contender, line: string) => c.child.stdin!.write(`${line}\n`);

/** The pid of a process that has exited: the holder of a stale lock. */
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid!;

let contenders: Contender[];
const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "maillage-lock-"));
  dirs.push(dir);
  return dir;
};

beforeAll(async () => {
  contenders = await Promise.all([contender(), contender(), contender()]);
});
afterAll(() => {
  for (const c of contenders ?? []) c.child.kill();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("data directory lock", () => {
  it(`three processes finding a crashed process's lock at once: exactly one holds it (${TRIALS} trials)`, async () => {
    const stale = [
      (pid: number) => JSON.stringify({ pid, token: "crashed" }),
      (pid: number) => JSON.stringify({ pid }), // an older version's lock
      () => "", // torn by a crash while written (older versions)
    ];
    const pid = deadPid();
    for (let trial = 0; trial < TRIALS; trial++) {
      const dir = freshDir();
      writeFileSync(join(dir, "pglite.lock"), stale[trial % stale.length](pid));
      for (const c of contenders) say(c, `go ${dir}`);
      const answers = await Promise.all(contenders.map((c) => c.next()));
      expect(answers.filter((a) => a === "held"), `trial ${trial}: ${answers}`).toHaveLength(1);
      expect(lockHolder(dir)?.pid).toBe(contenders[answers.indexOf("held")].child.pid);
      for (const c of contenders) say(c, "release");
      await Promise.all(contenders.map((c) => c.next()));
      // Nothing left behind: no lock, no break lock, no file written aside.
      expect(readdirSync(dir)).toEqual([]);
    }
  });

  it("a live holder keeps it; once released, the next one gets it", async () => {
    const dir = freshDir();
    const [a, b] = contenders;
    say(a, `go ${dir}`);
    expect(await a.next()).toBe("held");
    say(b, `go ${dir}`);
    expect(await b.next()).toBe("busy");
    expect(tryLock(dir, {})).toBeUndefined();
    say(a, "release");
    await a.next();
    say(b, `go ${dir}`);
    expect(await b.next()).toBe("held");
    say(b, "release");
    await b.next();
  });

  it("a holder killed with SIGKILL leaves a lock the next process takes", async () => {
    const dir = freshDir();
    const victim = await contender();
    say(victim, `go ${dir}`);
    expect(await victim.next()).toBe("held");
    const exited = new Promise((resolve) => victim.child.once("exit", resolve));
    victim.child.kill("SIGKILL");
    await exited;
    const [a] = contenders;
    say(a, `go ${dir}`);
    expect(await a.next()).toBe("held");
    say(a, "release");
    await a.next();
  });
});
