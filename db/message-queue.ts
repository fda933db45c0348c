// Fedify's MessageQueue on our database: persisted across restarts, shared by
// several worker processes on one PostgreSQL, and also usable on PGlite.
import type {
  MessageQueue,
  MessageQueueDepth,
  MessageQueueEnqueueOptions,
  MessageQueueListenOptions,
} from "@fedify/fedify";
import { getLogger } from "@logtape/logtape";
import { aliasedTable, and, asc, eq, gt, inArray, isNull, lt, lte, ne, notExists, or, sql } from "drizzle-orm";
import type { DatabaseHandle, DatabaseLike } from "./client.ts";
import { nowPlusMs } from "./kv-store.ts";
import { handledMessageId, handling } from "./once-handled.ts";
import { insertRows, type PendingRow } from "./queue-insert.ts";
import { Waker } from "./queue-waker.ts";
import { fedifyMessageTable as mq } from "./schema/fedify.ts";
import { currentTransaction, outsideTransaction } from "./transaction-context.ts";

const logger = getLogger(["maillage", "db", "queue"]);
const CHANNEL = "fedify_message";
// Serialises claims across processes (migrate.ts uses 7319201).
const CLAIM_LOCK = 7319202;
const GIVE_UP_AFTER = "7 days";
const INSERT_CHUNK = 1_000;

/**
 * Inside a message's handler: records the message as handled in the handler's
 * own transaction `tx`, so that what it did and its being done commit
 * together. Recorded after the handler returns instead, a crash between the
 * two ran it again: a publication was sent twice, under two activity ids.
 * Outside a queue that records its messages, nothing to do.
 */
export async function completeWithin(tx: DatabaseLike): Promise<void> {
  const id = handledMessageId();
  if (id !== undefined) await tx.delete(mq).where(eq(mq.id, id));
}

export interface PostgresMessageQueueOptions {
  /**
   * Safety poll while LISTEN works (a NOTIFY lost with a dropped connection);
   * without LISTEN, the poll is at most a second. An idle listener otherwise
   * sleeps until a NOTIFY, or until the next delayed message or lease is due.
   */
  pollIntervalMs?: number;
  /** Messages handled at once by one listener: deliveries are I/O-bound. */
  parallelism?: number;
  /** How long a taken message stays invisible to others; renewed while its handler runs. */
  leaseMs?: number;
}

type Handler = (message: any) => Promise<void> | void;

/**
 * Retries: `nativeRetrial` is false, because Fedify's own policy (exponential
 * backoff, Retry-After, circuit breaker, permanent-failure hook) re-enqueues a
 * failed delivery itself and returns normally. A handler that still throws hit
 * something unexpected (often the database, while re-enqueueing), so the message
 * is kept and retried after a backoff equal to its age (1 s to 1 h), and dropped
 * with an error log once older than 7 days.
 */
export class PostgresMessageQueue implements MessageQueue {
  readonly nativeRetrial = false;
  readonly #handle: DatabaseHandle;
  readonly #db: DatabaseLike;
  readonly #pollIntervalMs: number;
  readonly #parallelism: number;
  readonly #leaseMs: number;
  readonly #batch: number;

  constructor(handle: DatabaseHandle, options: PostgresMessageQueueOptions = {}) {
    this.#handle = handle;
    this.#db = handle.db;
    this.#pollIntervalMs = options.pollIntervalMs ?? 60_000;
    this.#parallelism = Math.max(1, options.parallelism ?? 16);
    this.#leaseMs = options.leaseMs ?? 30_000;
    this.#batch = Math.ceil(this.#parallelism / 4);
  }

  enqueue(message: any, options?: MessageQueueEnqueueOptions): Promise<void> {
    // Fedify enqueues a fan-out with an ordering key one message at a time, all
    // in the same tick (1,000 inboxes: 1,000 INSERTs and 1,000 NOTIFYs, each
    // waking the listeners). Calls made in one tick on the same database (or
    // transaction) with the same delay go as one multi-row INSERT and one
    // NOTIFY; each call still resolves or rejects with that statement.
    const db = currentTransaction(this.#db) ?? this.#db;
    const delayMs = delayOf(options);
    const key = `${delayMs}`;
    let byDelay = this.#pending.get(db);
    if (!byDelay) {
      byDelay = new Map();
      this.#pending.set(db, byDelay);
      queueMicrotask(() => this.#flush(db));
    }
    let batch = byDelay.get(key);
    if (!batch) {
      batch = { delayMs, rows: [], done: [] };
      byDelay.set(key, batch);
    }
    // Serialised now: the message as it was when enqueued.
    batch.rows.push({ message: JSON.stringify(message ?? null), orderingKey: options?.orderingKey ?? null });
    return new Promise<void>((resolve, reject) => batch.done.push({ resolve, reject }));
  }

  readonly #pending = new Map<DatabaseLike, Map<string, PendingBatch>>();

  #flush(db: DatabaseLike): void {
    const byDelay = this.#pending.get(db);
    this.#pending.delete(db);
    for (const batch of byDelay?.values() ?? []) {
      this.#insert(db, batch.rows, batch.delayMs).then(
        () => batch.done.forEach((d) => d.resolve()),
        (error) => batch.done.forEach((d) => d.reject(error)),
      );
    }
  }

  async enqueueMany(messages: readonly any[], options?: MessageQueueEnqueueOptions): Promise<void> {
    const orderingKey = options?.orderingKey ?? null;
    await this.#insert(currentTransaction(this.#db) ?? this.#db, messages.map((message) => ({ message: JSON.stringify(message ?? null), orderingKey })), delayOf(options));
  }

  async #insert(db: DatabaseLike, messages: readonly PendingRow[], delayMs: number): Promise<void> {
    if (messages.length === 0) return;
    // The payload lets listeners wake right when a delayed message is due.
    // Inside a use-case's transaction, NOTIFY is delivered at its commit.
    const notify = sql`select pg_notify(${CHANNEL}, ${String(delayMs)})`;
    if (messages.length <= INSERT_CHUNK) {
      // One statement, one round trip (each inbox POST enqueues one message):
      // a data-modifying WITH runs whether or not the SELECT reads it.
      await db.execute(sql`with inserted as (${insertRows(messages, delayMs, 0)}) ${notify}`);
      return;
    }
    // A big fan-out goes in chunks (a statement's size), all or nothing.
    await db.transaction(async (tx) => {
      for (let i = 0; i < messages.length; i += INSERT_CHUNK) {
        await tx.execute(insertRows(messages.slice(i, i + INSERT_CHUNK), delayMs, i));
      }
      await tx.execute(notify);
    });
  }

  async getDepth(): Promise<MessageQueueDepth> {
    const [row] = await this.#db.select({
      ready: sql<number>`count(*) filter (where ${mq.deliverAt} <= now())::int`,
      delayed: sql<number>`count(*) filter (where ${mq.deliverAt} > now())::int`,
    }).from(mq).where(or(isNull(mq.lockedUntil), lte(mq.lockedUntil, sql`now()`)));
    const ready = Number(row?.ready ?? 0);
    const delayed = Number(row?.delayed ?? 0);
    return { queued: ready + delayed, ready, delayed };
  }

  /**
   * Runs until the signal aborts, then waits for the handlers in progress (so
   * their messages are deleted rather than left to an expiring lease).
   */
  listen(handler: Handler, options: MessageQueueListenOptions = {}): Promise<void> {
    // Started lazily by Fedify, perhaps from inside a use-case's transaction: never inherit it.
    return outsideTransaction(() => this.#listen(handler, options));
  }

  async #listen(handler: Handler, options: MessageQueueListenOptions): Promise<void> {
    const { signal } = options;
    if (signal?.aborted) return;
    const waker = new Waker(signal);
    const unlisten = await this.#handle
      .listen(CHANNEL, (payload) => waker.wakeIn(Number(payload) || 0))
      .catch((error) => {
        logger.warn("LISTEN failed; falling back to polling: {error}", { error });
        return undefined;
      });
    // Without LISTEN nothing wakes us on enqueue: poll every second at most.
    const pollMs = unlisten ? this.#pollIntervalMs : Math.min(this.#pollIntervalMs, 1_000);
    const inFlight = new Map<number, Promise<void>>();
    const renew = setInterval(() => this.#renew([...inFlight.keys()]), this.#leaseMs / 3);
    let backlog = false;
    try {
      while (!signal?.aborted) {
        const free = this.#parallelism - inFlight.size;
        // With a backlog, claim in batches rather than once per finished handler.
        if (free === 0 || (backlog && free < this.#batch)) {
          await waker.sleep(pollMs);
          continue;
        }
        let claimed: Claimed = { rows: [], nextInMs: undefined };
        try {
          claimed = await this.#claim(free);
        } catch (error) {
          logger.error("Taking messages failed; retrying after the poll interval: {error}", { error });
        }
        for (const row of claimed.rows) {
          const run = this.#run(row, handler).finally(() => {
            inFlight.delete(row.id);
            waker.wakeIn(0);
          });
          inFlight.set(row.id, run);
        }
        backlog = claimed.rows.length === free;
        if (backlog) continue;
        if (claimed.nextInMs != null) waker.wakeIn(claimed.nextInMs);
        await waker.sleep(pollMs);
      }
      await Promise.allSettled(inFlight.values());
    } finally {
      clearInterval(renew);
      waker.dispose();
      await unlisten?.().catch(() => {});
    }
  }

  /** Takes up to `limit` ready messages and leases them; also says when the next one is due. */
  async #claim(limit: number): Promise<Claimed> {
    // PGlite runs one statement at a time in this one process: the claim,
    // a single statement, needs neither a transaction nor the lock there.
    if (this.#handle.kind === "pglite") return this.#claimIn(this.#db, limit);
    return this.#db.transaction(async (tx) => {
      // One claimer at a time, so that two workers never both see an ordering key as free.
      await tx.execute(sql.raw(`select pg_advisory_xact_lock(${CLAIM_LOCK})`));
      return this.#claimIn(tx, limit);
    });
  }

  async #claimIn(db: DatabaseLike, limit: number): Promise<Claimed> {
    const other = aliasedTable(mq, "other");
    // Same ordering key: wait while one is leased, and take the oldest ready one first.
    const keyBusy = db.select({ one: sql`1` }).from(other).where(and(
      eq(other.orderingKey, mq.orderingKey),
      ne(other.id, mq.id),
      or(gt(other.lockedUntil, sql`now()`), and(lt(other.id, mq.id), lte(other.deliverAt, sql`now()`))),
    ));
    const ready = db.select({ id: mq.id }).from(mq)
      .where(and(
        lte(mq.deliverAt, sql`now()`),
        or(isNull(mq.lockedUntil), lte(mq.lockedUntil, sql`now()`)),
        or(isNull(mq.orderingKey), notExists(keyBusy)),
      ))
      .orderBy(asc(mq.deliverAt), asc(mq.id))
      .limit(limit)
      .for("update", { skipLocked: true });
    // Chosen and leased in one statement (the subquery's table shadows the updated one).
    const rows = await db.update(mq)
      .set({ lockedUntil: nowPlusMs(this.#leaseMs) })
      .where(inArray(mq.id, ready))
      .returning({ id: mq.id, message: sql<string>`${mq.message}::text` });
    if (rows.length > 0) return { rows: rows.sort((a, b) => a.id - b.id), nextInMs: undefined };
    // Idle: sleep until the next delayed message is due, or the next lease
    // runs out (a crashed worker's messages), whichever comes first.
    const nextDue = db.select({ at: sql`min(${mq.deliverAt})` }).from(mq).where(gt(mq.deliverAt, sql`now()`));
    const nextLease = db.select({ at: sql`min(${mq.lockedUntil})` }).from(mq).where(gt(mq.lockedUntil, sql`now()`));
    const [next] = await db.select({ ms: sql<number>`(extract(epoch from least((${nextDue}), (${nextLease})) - now()) * 1000)::float8` })
      .from(mq).limit(1);
    return { rows, nextInMs: next?.ms == null ? undefined : Number(next.ms) };
  }

  async #run(row: { id: number; message: string }, handler: Handler): Promise<void> {
    const after: (() => void)[] = [];
    try {
      await handling(row.id, after, () => handler(JSON.parse(row.message)));
    } catch (error) {
      await this.#retryLater(row.id, error).catch((e) =>
        logger.error("Could not reschedule message {id}; its lease will expire: {error}", { id: row.id, error: e }),
      );
      return;
    }
    if (!(await this.#complete(row.id))) return;
    for (const fn of after) {
      try {
        fn();
      } catch (error) {
        logger.error("A step after message {id} was handled failed: {error}", { id: row.id, error });
      }
    }
  }

  // Handled messages finishing in one turn of the event loop are deleted by
  // one statement (a fan-out finishes several per turn), not one each.
  #done: { id: number; resolve: (deleted: boolean) => void }[] = [];

  /** Deletes a handled message; says whether it is now recorded as done. */
  #complete(id: number): Promise<boolean> {
    if (this.#done.length === 0) setImmediate(() => this.#deleteDone());
    return new Promise((resolve) => this.#done.push({ id, resolve }));
  }

  async #deleteDone(): Promise<void> {
    const done = this.#done.splice(0);
    const ids = done.map((d) => d.id);
    let deleted = true;
    try {
      await this.#db.delete(mq).where(sql`${mq.id} in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::bigint)`);
    } catch (error) {
      // The leases will expire and the messages run again: at-least-once.
      logger.error("Could not delete handled messages {ids}: {error}", { ids, error });
      deleted = false;
    }
    for (const d of done) d.resolve(deleted);
  }

  async #retryLater(id: number, error: unknown): Promise<void> {
    const dropped = await this.#db.delete(mq)
      .where(and(eq(mq.id, id), lt(mq.createdAt, sql`now() - ${GIVE_UP_AFTER}::interval`)))
      .returning({ id: mq.id });
    if (dropped.length > 0) {
      logger.error("Message {id} kept failing for {age}; dropped: {error}", { id, age: GIVE_UP_AFTER, error });
      return;
    }
    logger.error("Message handler failed for {id}; it will be retried: {error}", { id, error });
    const age = sql`(now() - ${mq.createdAt})`;
    await this.#db
      .update(mq)
      .set({
        lockedUntil: null,
        deliverAt: sql`now() + least(greatest(${age}, interval '1 second'), interval '1 hour')`,
      })
      .where(eq(mq.id, id));
  }

  #renew(ids: number[]): void {
    if (ids.length === 0) return;
    this.#db.update(mq).set({ lockedUntil: nowPlusMs(this.#leaseMs) }).where(inArray(mq.id, ids))
      .catch((error) => logger.warn("Renewing message leases failed: {error}", { error }));
  }
}

interface PendingBatch {
  delayMs: number;
  rows: PendingRow[];
  done: { resolve: () => void; reject: (error: unknown) => void }[];
}

const delayOf = (options?: MessageQueueEnqueueOptions) => Math.max(0, options?.delay?.total("millisecond") ?? 0);

interface Claimed {
  rows: { id: number; message: string }[];
  nextInMs: number | undefined;
}
