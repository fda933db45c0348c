// The worker's mail loop: takes due emails from mail_outbox, renders and sends
// them at a bounded rate, retries with backoff what failed for a reason that
// may pass (server down, 4xx), and gives up on a 5xx with the reason logged.
// A row is taken with a lease: a worker that dies mid-send leaves rows that
// another (or the restarted one) takes once the lease runs out; a row sent is
// marked at once, so nothing is sent twice.
import { getLogger } from "@logtape/logtape";
import { and, eq, isNull, lte, or, sql } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { mailOutboxTable as outbox, type MailOutbox } from "../../../db/schema/index.ts";
import { renderMail, type MailSite } from "./render.ts";
import { classifyFailure, type MailTransport } from "./transport.ts";

const logger = getLogger(["maillage", "mail"]);

export interface MailWorkerOptions {
  site: MailSite;
  transport: MailTransport;
  /** Emails a second at most. */
  ratePerSecond: number;
  /** First retry after this; doubles each time, up to 6 hours. */
  retryBaseMs?: number;
  /** Given up after this many attempts (about three days at the default base). */
  maxAttempts?: number;
  leaseMs?: number;
  /** Sends in flight at once. */
  parallelism?: number;
  /** Idle poll without `listen`; with it, only a safety net (a NOTIFY lost with a connection). */
  pollMs?: number;
  /** Subscribes to enqueue notifications (DatabaseHandle.listen on MAIL_CHANNEL); returns the unsubscribe. */
  listen?: (wake: () => void) => Promise<() => Promise<void>>;
  now?: () => Date;
}

export class MailWorker {
  readonly #db: DatabaseLike;
  readonly #o: Required<MailWorkerOptions>;

  constructor(db: DatabaseLike, options: MailWorkerOptions) {
    this.#db = db;
    this.#o = {
      retryBaseMs: 60_000,
      maxAttempts: 14,
      leaseMs: 5 * 60_000,
      parallelism: 4,
      pollMs: options.listen ? 60_000 : 1_000,
      listen: undefined as never,
      now: () => new Date(),
      ...options,
    };
  }

  /**
   * Sends one batch (at most one second's worth at the configured rate) and
   * waits so that the rate holds; returns how many rows it took.
   */
  async runOnce(): Promise<number> {
    const started = Date.now();
    const size = Math.max(1, Math.floor(this.#o.ratePerSecond));
    const rows = await this.#claim(size);
    if (rows.length === 0) return 0;
    let next = 0;
    const lane = async () => {
      while (next < rows.length) await this.#deliver(rows[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(this.#o.parallelism, rows.length) }, lane));
    const minimumMs = (rows.length / this.#o.ratePerSecond) * 1000;
    const elapsed = Date.now() - started;
    if (elapsed < minimumMs) await new Promise((r) => setTimeout(r, minimumMs - elapsed));
    return rows.length;
  }

  /** Runs until the signal aborts; the batch in progress is finished first. */
  async run(signal: AbortSignal): Promise<void> {
    // An idle worker sleeps until an email is enqueued (NOTIFY) or the next retry or lease is due.
    let woken = false;
    let wake: () => void = () => void (woken = true);
    const unlisten = await this.#o.listen?.(() => wake()).catch((error) => {
      logger.warn("LISTEN failed; the mail worker polls every second: {error}", { error });
      return undefined;
    });
    const pollMs = unlisten ? this.#o.pollMs : Math.min(this.#o.pollMs, 1_000);
    try {
      while (!signal.aborted) {
        woken = false;
        const taken = await this.runOnce().catch((error) => {
          logger.error("Mail batch failed: {error}", { error });
          return 0;
        });
        if (taken > 0 || signal.aborted || woken) continue;
        const dueInMs = unlisten ? await this.#nextDueInMs().catch(() => undefined) : undefined;
        if (woken) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, Math.min(pollMs, dueInMs ?? pollMs));
          function done() {
            clearTimeout(timer);
            signal.removeEventListener("abort", done);
            wake = () => void (woken = true);
            resolve();
          }
          wake = done;
          signal.addEventListener("abort", done, { once: true });
        });
      }
    } finally {
      await unlisten?.().catch(() => {});
    }
  }

  /** When the next pending email may be taken (a retry, or a lease running out), if any. */
  async #nextDueInMs(): Promise<number | undefined> {
    const [row] = await this.#db
      .select({ at: sql<string | null>`min(greatest(${outbox.nextAttemptAt}, coalesce(${outbox.lockedUntil}, ${outbox.nextAttemptAt})))` })
      .from(outbox)
      .where(eq(outbox.status, "pending"));
    if (!row?.at) return undefined;
    return Math.max(0, new Date(row.at).getTime() - this.#o.now().getTime()) + 5;
  }

  /** Due rows, leased to this worker; SKIP LOCKED lets several workers share the table. */
  async #claim(limit: number): Promise<MailOutbox[]> {
    const now = this.#o.now();
    const leaseUntil = new Date(now.getTime() + this.#o.leaseMs);
    const due = this.#db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now), or(isNull(outbox.lockedUntil), lte(outbox.lockedUntil, now))))
      .orderBy(outbox.nextAttemptAt, outbox.createdAt)
      .limit(limit)
      .for("update", { skipLocked: true });
    return this.#db
      .update(outbox)
      .set({ lockedUntil: leaseUntil, attempts: sql`${outbox.attempts} + 1` })
      .where(sql`${outbox.id} in ${due}`)
      .returning();
  }

  async #deliver(row: MailOutbox): Promise<void> {
    const mine = and(eq(outbox.id, row.id), eq(outbox.status, "pending"));
    let mail;
    try {
      mail = await renderMail(this.#db, this.#o.site, row);
    } catch (error) {
      logger.error("Cannot render email {id} ({template}): {error}", { id: row.id, template: row.template, error });
    }
    if (!mail) {
      await this.#db.update(outbox).set({ status: "failed", lastError: "cannot be rendered", params: {}, lockedUntil: null }).where(mine);
      return;
    }
    try {
      await this.#o.transport.send(mail);
    } catch (error) {
      const failure = classifyFailure(error);
      const now = this.#o.now();
      if (failure.permanent || row.attempts >= this.#o.maxAttempts) {
        logger.warn("Email {id} ({template}) given up after {attempts} attempt(s): {reason}", { id: row.id, template: row.template, attempts: row.attempts, reason: failure.reason });
        await this.#db.update(outbox).set({ status: "failed", lastError: failure.reason, params: {}, lockedUntil: null }).where(mine);
        return;
      }
      const delay = Math.min(this.#o.retryBaseMs * 2 ** (row.attempts - 1), 6 * 3600_000);
      logger.info("Email {id} will be retried in {seconds} s: {reason}", { id: row.id, seconds: Math.round(delay / 1000), reason: failure.reason });
      await this.#db
        .update(outbox)
        .set({ nextAttemptAt: new Date(now.getTime() + delay), lastError: failure.reason, lockedUntil: null })
        .where(mine);
      return;
    }
    // Sent: the one-time links it held are wiped; only the trace stays.
    await this.#db.update(outbox).set({ status: "sent", sentAt: this.#o.now(), params: {}, lockedUntil: null, lastError: null }).where(mine);
  }
}

/** Counts for the admin: how many wait, how many failed. */
export async function outboxCounts(db: DatabaseLike) {
  const [row] = await db
    .select({
      pending: sql<number>`count(*) filter (where ${outbox.status} = 'pending')::int`,
      failed: sql<number>`count(*) filter (where ${outbox.status} = 'failed')::int`,
    })
    .from(outbox);
  return { pending: Number(row?.pending ?? 0), failed: Number(row?.failed ?? 0) };
}
