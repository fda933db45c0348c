// A Create or Update of a local item, published by the queue worker rather than
// by the request that made the change: building the object, its JSON-LD
// compaction and its Object Integrity Proof cost tens of milliseconds (more on
// a cold process), which the poster should not wait for. The request enqueues
// one small job in its own transaction (durable, and gone with a rollback);
// publish-worker.ts reads the item back when the job runs and publishes it as
// it then is. Deletes are not deferred: they must say what the item was.
import type { Federation, MessageQueue } from "@fedify/fedify";
import { Temporal as Polyfill } from "@js-temporal/polyfill";
import type { PublishVerb } from "./publish.ts";

export type PublishKind = "announcement" | "offer" | "event" | "resource";

export interface PublishJob {
  type: "maillage:publish";
  kind: PublishKind;
  verb: Exclude<PublishVerb, "delete">;
  id: string;
}

const queues = new WeakMap<object, { queue: MessageQueue; delay?: Temporal.Duration }>();

/**
 * `delayMs`: how long a job waits before it may run. In a process that also
 * answers requests (ROLE=all), the worker would otherwise start on the job as
 * the transaction commits, and its CPU work (and, on PGlite, its statements,
 * which run on the same thread) would hold back the answer being written.
 */
export function registerPublishQueue(federation: object, queue: MessageQueue, delayMs = 0): void {
  queues.set(federation, { queue, delay: delayMs > 0 ? (Polyfill.Duration.from({ milliseconds: delayMs }) as unknown as Temporal.Duration) : undefined });
}

export function isPublishJob(message: unknown): message is PublishJob {
  return typeof message === "object" && message !== null && (message as { type?: unknown }).type === "maillage:publish";
}

/** Enqueues the job in the current transaction (the queue writes through it). */
export async function deferPublish(federation: Federation<any>, kind: PublishKind, verb: PublishJob["verb"], id: string): Promise<void> {
  const registered = queues.get(federation);
  if (!registered) throw new Error("deferPublish: this federation was not made by createFederationFor");
  const job: PublishJob = { type: "maillage:publish", kind, verb, id };
  // One item's jobs run one at a time, in order (create before update).
  await registered.queue.enqueue(job, { orderingKey: `publish ${kind} ${id}`, delay: registered.delay });
}
