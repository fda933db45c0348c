// PGlite allows one process per data directory. Whoever opens it (the server
// or a CLI run) holds this lock; the server also says where its control
// socket is, so that the CLI can ask it to run commands instead.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export interface LockInfo {
  pid: number;
  controlSocket?: string;
}

export interface HeldLock {
  release(): void;
}

const lockPath = (dataDir: string) => join(dataDir, "pglite.lock");

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The live holder of the lock, if any (a stale lock of a dead process is removed). */
export function lockHolder(dataDir: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(lockPath(dataDir), "utf8")) as LockInfo;
    if (info.pid !== process.pid && isAlive(info.pid)) return info;
    rmSync(lockPath(dataDir), { force: true });
  } catch {
    // No lock, or one torn by a crash mid-write: free.
  }
  return undefined;
}

export function tryLock(dataDir: string, info: Omit<LockInfo, "pid">): HeldLock | undefined {
  if (lockHolder(dataDir)) return undefined;
  try {
    writeFileSync(lockPath(dataDir), JSON.stringify({ pid: process.pid, ...info }), { flag: "wx", mode: 0o600 });
  } catch {
    return undefined; // someone else was quicker
  }
  return { release: () => rmSync(lockPath(dataDir), { force: true }) };
}

/** Waits (a CLI run holds the lock for a second or two) up to `timeoutMs`. */
export async function waitForLock(dataDir: string, info: Omit<LockInfo, "pid">, timeoutMs: number): Promise<HeldLock | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lock = tryLock(dataDir, info);
    if (lock || Date.now() > deadline) return lock;
    await sleep(200);
  }
}
