// Expected failures are values, not exceptions: a use-case returns a Result and
// the HTTP layer maps its kind to a status in one place (server/http/errors.ts).
import type { DatabaseLike } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction-context.ts";

export type FailureKind =
  | "invalid"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "gone"
  | "too_large"
  | "rate_limited"
  /** Something we depend on (the database, Redis) cannot be reached now: try again. */
  | "unavailable";

export interface Failure {
  kind: FailureKind;
  /** Stable, machine-readable: clients and message catalogues key on it. */
  code: string;
  /** English, for logs and the CLI; the HTTP layer may translate it. */
  message: string;
  /** The input field at fault, when there is one. */
  field?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: Failure };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (kind: FailureKind, code: string, message: string, field?: string): { ok: false; error: Failure } => ({
  ok: false,
  error: field === undefined ? { kind, code, message } : { kind, code, message, field },
});

class Rollback {
  readonly failure: { ok: false; error: Failure };
  constructor(failure: { ok: false; error: Failure }) {
    this.failure = failure;
  }
}

/**
 * Runs fn in a transaction, rolled back when it returns a failure: nothing is
 * half-written. The transaction is current (db/transaction-context.ts), so
 * activities sent meanwhile are enqueued in it.
 */
export async function transact<T>(db: DatabaseLike, fn: (tx: DatabaseLike) => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await inTransaction(db, async (tx) => {
      const result = await fn(tx);
      if (!result.ok) throw new Rollback(result);
      return result;
    });
  } catch (e) {
    if (e instanceof Rollback) return e.failure;
    throw e;
  }
}
