// The transaction the current use-case runs in, so that code far below it
// (Fedify's sendActivity → our message queue) writes through it: outbound
// activities are enqueued in the same transaction as the state change, and a
// rollback leaves no message behind.
import { AsyncLocalStorage } from "node:async_hooks";
import type { DatabaseLike } from "./client.ts";

interface OpenTransaction {
  /** The database the outermost transaction was opened on. */
  root: DatabaseLike;
  tx: DatabaseLike;
  /** False once committed or rolled back: contexts that outlive it must not use it. */
  open: boolean;
}

const storage = new AsyncLocalStorage<OpenTransaction>();

/**
 * Runs `fn(tx)` inside `db.transaction`, with the transaction made current.
 * A nested call (db is the current transaction) opens a savepoint.
 */
export async function inTransaction<T>(db: DatabaseLike, fn: (tx: DatabaseLike) => Promise<T>): Promise<T> {
  const parent = storage.getStore();
  const root = parent?.open && parent.tx === db ? parent.root : db;
  return db.transaction(async (raw) => {
    const current: OpenTransaction = { root, tx: raw as unknown as DatabaseLike, open: true };
    try {
      return await storage.run(current, () => fn(current.tx));
    } finally {
      current.open = false;
    }
  });
}

/** The open transaction on `db` (opened on it, or nested in one opened on it), if any. */
export function currentTransaction(db: DatabaseLike): DatabaseLike | undefined {
  const current = storage.getStore();
  return current?.open && (current.root === db || current.tx === db) ? current.tx : undefined;
}

/** Runs `fn` with no current transaction: for long-lived loops started from inside one. */
export const outsideTransaction = <T>(fn: () => T): T => storage.exit(fn);
