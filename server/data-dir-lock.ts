// PGlite allows one process per data directory. Whoever opens it (the server
// or a CLI run) holds this lock; the server also says where its control
// socket is, so that the CLI can ask it to run commands instead.
//
// The lock is a file created atomically with its whole content (written aside,
// then hard-linked into place: link() fails if the name exists). It names its
// holder's pid and a random token. A lock whose holder is dead is stale; to
// remove one, a process must first take the lock "<lock>.break-<token>" of
// that very lock (the same way, recursively), so that of two processes finding
// the same stale lock only one removes it, and never a fresh lock by mistake.
import { randomUUID } from "node:crypto";
import { linkSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
  // Our own pid in a lock is a previous life of ours (a container's pid 1 after a crash).
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The lock's text, or null when there is none. */
function readLock(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

const parse = (text: string): (LockInfo & { token?: string }) | null => {
  try {
    const info = JSON.parse(text);
    return typeof info?.pid === "number" ? info : null;
  } catch {
    return null; // torn by a crash in an older version, or not ours
  }
};

/** Creates `path` holding `text`, atomically; false if it exists. */
function createExclusive(path: string, text: string): boolean {
  const aside = `${path}.${process.pid}.${randomUUID()}.tmp`;
  writeFileSync(aside, text, { mode: 0o600 });
  try {
    linkSync(aside, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  } finally {
    rmSync(aside, { force: true });
  }
}

/** Takes the lock at `path` if it is free or stale; returns its text when taken. */
function acquire(path: string, info: object, depth = 0): string | undefined {
  for (let attempt = 0; attempt < 5 && depth < 4; attempt++) {
    const text = JSON.stringify({ ...info, pid: process.pid, token: randomUUID() });
    if (createExclusive(path, text)) return text;
    const found = readLock(path);
    if (found === null) continue; // released meanwhile: try again
    const holder = parse(found);
    if (holder && isAlive(holder.pid)) return undefined;
    // Stale. Whoever takes its break lock may remove it; the others wait.
    const breakPath = `${path}.break-${holder?.token ?? Buffer.from(found).toString("base64url").slice(0, 40)}`;
    const breaking = acquire(breakPath, {}, depth + 1);
    if (!breaking) return undefined;
    try {
      // Only a break-lock holder removes this stale lock: if it is still there, it is the same one.
      if (readLock(path) === found) rmSync(path, { force: true });
    } finally {
      if (readLock(breakPath) === breaking) rmSync(breakPath, { force: true });
    }
  }
  return undefined;
}

/** The live holder of the lock, if any. */
export function lockHolder(dataDir: string): LockInfo | undefined {
  const text = readLock(lockPath(dataDir));
  const holder = text === null ? null : parse(text);
  return holder && isAlive(holder.pid) ? { pid: holder.pid, ...(holder.controlSocket ? { controlSocket: holder.controlSocket } : {}) } : undefined;
}

export function tryLock(dataDir: string, info: Omit<LockInfo, "pid">): HeldLock | undefined {
  const path = lockPath(dataDir);
  const held = acquire(path, info);
  if (held === undefined) return undefined;
  // Released only if it is still ours.
  return { release: () => void (readLock(path) === held && rmSync(path, { force: true })) };
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
