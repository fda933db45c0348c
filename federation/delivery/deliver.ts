// Handles Fedify's queued outbox messages in place of its own sender, so that
// pausing a host, retries and refusals follow policy.ts, and the admin can see
// and lift a host's pause (hosts.ts). Fedify still builds, signs (object
// proofs) and fans out the activities; only the last step, one POST to one
// inbox, is ours.
import { getLogger } from "@logtape/logtape";
import type { KvStore, MessageQueue } from "@fedify/fedify";
import { Temporal as Polyfill } from "@js-temporal/polyfill";
import { DeliveryHosts, type StoredHostState } from "./hosts.ts";
import {
  afterFailure, afterGivenUp, afterReachable, gate, type Gate, GIVE_UP_AFTER_MS, isPermanentRefusal,
  MAX_RETRY_AFTER_MS, REFUSAL_RETRY_MS, retryDelayMs, startProbe, type HostState,
} from "./policy.ts";
import { onceHandled } from "../../db/once-handled.ts";
import { BatchedKv } from "../../db/batched-kv.ts";
import { knownSpec, sendOnce, type MayReach, type OutboxMessage } from "./send.ts";

const logger = getLogger(["maillage", "federation", "delivery"]);

export function isOutboxMessage(message: unknown): message is OutboxMessage {
  return typeof message === "object" && message !== null && (message as { type?: unknown }).type === "outbox"
    && typeof (message as { inbox?: unknown }).inbox === "string";
}

export class Deliverer {
  readonly hosts: DeliveryHosts;
  readonly #kv: KvStore;
  readonly #queue: MessageQueue;
  readonly #userAgent: string;
  readonly #now: () => number;
  readonly #mayReach?: MayReach;

  constructor(options: { kv: KvStore; queue: MessageQueue; userAgent: string; now?: () => number; mayReach?: MayReach }) {
    this.#mayReach = options.mayReach;
    this.#kv = BatchedKv.of(options.kv); // itself when already batched (builder.ts)
    this.hosts = new DeliveryHosts(this.#kv);
    this.#queue = options.queue;
    this.#userAgent = options.userAgent;
    this.#now = options.now ?? Date.now;
  }

  async deliver(message: OutboxMessage): Promise<void> {
    const inbox = new URL(message.inbox);
    const host = inbox.host;
    const log = { activityId: message.activityId, activityType: message.activityType, inbox: message.inbox, attempt: message.attempt };
    const age = this.#now() - Date.parse(message.started);
    if (age > GIVE_UP_AFTER_MS) return this.#giveUp(host, message, "it kept failing for 7 days");

    // Read together with the host's state (one statement for both, and for the
    // other deliveries started with this one: BatchedKv).
    const spec = knownSpec(this.#kv, inbox.origin);
    spec.catch(() => {}); // a held delivery does not wait for it; sendOnce reports its failure
    // The pause (breaker) first: held deliveries wait without using an attempt.
    let decision = { kind: "send", probe: false } as Gate;
    let seen: StoredHostState | undefined;
    const written = await this.hosts.update(host, (state) => {
      decision = gate(state, this.#now());
      return decision.kind === "send" && decision.probe ? startProbe(state, this.#now()) : undefined;
    }, { read: (stored) => (seen = stored) });
    // What the host's state is now, as far as this delivery knows: after a
    // success it is written only when it changes (see below), by
    // compare-and-swap from this value, so no second read is needed.
    if (written && seen) seen = { raw: JSON.parse(JSON.stringify(written)), state: written };
    if (decision.kind === "hold") return this.#enqueue(message, decision.delayMs);
    const probe = decision.probe;

    const outcome = await sendOnce(message, this.#kv, this.#userAgent, this.#mayReach, spec);
    if (!outcome.ok && outcome.unreachable) return this.#giveUp(host, message, outcome.text);
    const now = this.#now();
    if (outcome.ok) {
      const before = seen?.state ?? await this.hosts.get(host);
      if (before.failures.length > 0 || before.pausedUntil !== undefined || before.lastSuccessAt === undefined || now - before.lastSuccessAt > 60_000) {
        await this.hosts.update(host, (state) => afterReachable(state, now), { from: seen });
      }
      if (probe || before.pausedUntil !== undefined) logger.info("{host} answers again: its held deliveries go now", { host });
      // Said once the queue has recorded it done: from then on a crash cannot send it again.
      onceHandled(() => logger.info("Delivered {activityType} {activityId} to {inbox} ({status}).", { ...log, status: outcome.status }));
      return;
    }

    if (isPermanentRefusal(outcome.status)) {
      const givenUp = message.refusedOnce === true;
      await this.hosts.update(host, (state) => afterReachable(state, now, { status: outcome.status!, text: outcome.text, givenUp }));
      if (givenUp) {
        logger.error("Failed to send activity {activityId} to {inbox}: refused again ({status}), given up: {body}", { ...log, status: outcome.status, body: outcome.text });
        return;
      }
      logger.warn("Failed to send activity {activityId} to {inbox}: refused ({status}), one more try in {seconds} s: {body}", {
        ...log, status: outcome.status, body: outcome.text, seconds: REFUSAL_RETRY_MS / 1000,
      });
      return this.#enqueue({ ...message, attempt: message.attempt + 1, refusedOnce: true }, REFUSAL_RETRY_MS);
    }

    const error = { status: outcome.status, text: outcome.text };
    const state = await this.hosts.update(host, (s) => afterFailure(s, now, message.id, error)) as HostState;
    const what = outcome.status === undefined ? outcome.text : `${outcome.status}: ${outcome.text}`;
    if (state.pausedUntil !== undefined) {
      const delay = Math.max(state.pausedUntil - now, Math.min(outcome.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
      logger.warn("Failed to send activity {activityId} to {inbox} ({error}); {host} is paused until {until}.", {
        ...log, error: what, host, until: new Date(state.pausedUntil).toISOString(),
      });
      // Held, not retried: the attempt count stays.
      return this.#enqueue(message, delay);
    }
    const delay = Math.min(outcome.retryAfterMs ?? retryDelayMs(message.attempt), MAX_RETRY_AFTER_MS);
    if (age + delay > GIVE_UP_AFTER_MS) return this.#giveUp(host, message, what);
    logger.warn("Failed to send activity {activityId} to {inbox} ({error}); retry #{next} in {seconds} s.", {
      ...log, error: what, next: message.attempt + 1, seconds: Math.round(delay / 1000),
    });
    return this.#enqueue({ ...message, attempt: message.attempt + 1 }, delay);
  }

  async #giveUp(host: string, message: OutboxMessage, why: string): Promise<void> {
    await this.hosts.update(host, afterGivenUp);
    logger.error("Gave up delivering {activityType} {activityId} to {inbox}: {why}", {
      activityType: message.activityType, activityId: message.activityId, inbox: message.inbox, why,
    });
  }

  #enqueue(message: OutboxMessage, delayMs: number): Promise<void> {
    return this.#queue.enqueue(message, {
      delay: Polyfill.Duration.from({ milliseconds: Math.max(0, Math.round(delayMs)) }) as unknown as Temporal.Duration,
      ...(message.orderingKey ? { orderingKey: message.orderingKey } : {}),
    });
  }
}
