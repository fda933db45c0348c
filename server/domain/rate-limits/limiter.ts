// Rate limits any feature can use: a named limit (at most `max` in a window)
// counted per subject (an address, an account, a member). Counters live in a
// shared store (the database, or Redis), so every process sees the same count.
import { createHash } from "node:crypto";

export interface Limit {
  /** Stable name, part of the counter's key (e.g. "login-account"). */
  name: string;
  max: number;
  windowMs: number;
}

export interface Counter {
  count: number;
  resetAt: Date;
}

/** Where counters live. Fixed windows: the first count of a key starts its window. */
export interface CounterStore {
  /** Adds `by` (may be negative, never below 0) to `key`, starting a window of `windowMs` when none runs. */
  add(key: string, by: number, windowMs: number): Promise<Counter>;
  clear(key: string): Promise<void>;
  close?(): Promise<void>;
}

/** The store cannot be reached (Redis down): the request cannot be judged, so it is refused with 503. */
export class CounterStoreUnavailable extends Error {}

export interface Verdict {
  allowed: boolean;
  /** How many more the subject may do in this window. */
  remaining: number;
  /** Seconds until the window ends. */
  retryAfterSeconds: number;
}

export class RateLimiter {
  readonly store: CounterStore;
  constructor(store: CounterStore) {
    this.store = store;
  }

  /** Counts one for `subject`; allowed while the count stays within the limit. */
  async take(limit: Limit, subject: string): Promise<Verdict> {
    return verdict(limit, await this.store.add(keyOf(limit, subject), 1, limit.windowMs));
  }

  /** Gives back one taken (a request that turned out not to count, e.g. a successful login). */
  async refund(limit: Limit, subject: string): Promise<void> {
    await this.store.add(keyOf(limit, subject), -1, limit.windowMs);
  }

  /** Forgets the subject's count (e.g. the account's failures after a successful login). */
  async reset(limit: Limit, subject: string): Promise<void> {
    await this.store.clear(keyOf(limit, subject));
  }
}

// Hashed: the store never holds an address or a handle in clear.
const keyOf = (limit: Limit, subject: string) => `${limit.name}:${createHash("sha256").update(subject).digest("base64url").slice(0, 32)}`;

const verdict = (limit: Limit, counter: Counter): Verdict => ({
  allowed: counter.count <= limit.max,
  remaining: Math.max(0, limit.max - counter.count),
  retryAfterSeconds: Math.max(1, Math.ceil((counter.resetAt.getTime() - Date.now()) / 1000)),
});
