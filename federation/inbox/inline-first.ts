// Inbound activities processed while their POST waits, the durable queue kept
// for what cannot be done then. Fedify hands each verified activity to the
// queue (`enqueue`) and answers 202 once that resolves; here, in a process
// that works the queue, the new activity (first attempt, no delay) is run by
// the queue's own handler at once instead of being inserted, claimed,
// deleted and parsed again by a worker (~3 statements and ~2 ms of CPU per
// activity on PostgreSQL, bench inbox). 202 still means "done or durably
// queued":
// - a listener that fails: Fedify's handler enqueues the retry itself (attempt
//   1, with a delay), which goes to the database as before;
// - the handler throwing anyway (the database down while re-enqueueing): the
//   message is inserted as it would have been; if that fails too, the POST
//   fails and the sender retries;
// - a crash before the answer: no 202 was sent, the sender retries.
// Duplicates are still refused by Fedify's idempotency record, written after
// the listener ran, whichever way the activity came.
// Bounded like the queue's workers: beyond `parallelism` activities in flight
// in this process, new ones are queued, so a burst is smoothed as before. A
// web-only process (ROLE=web) never listens, so it queues everything.
// Run at once, the activity is not parsed a second time: the handler is given
// the parse made while verifying the POST (parsed-handover.ts).
import type { MessageQueue, MessageQueueEnqueueOptions, MessageQueueListenOptions } from "@fedify/fedify";
import { dropParsedActivity, withParsedActivity } from "./parsed-handover.ts";

type Handler = (message: any) => Promise<void> | void;

const isNewInboxMessage = (message: unknown, options?: MessageQueueEnqueueOptions) =>
  typeof message === "object" && message !== null &&
  (message as { type?: unknown }).type === "inbox" && (message as { attempt?: unknown }).attempt === 0 &&
  (options?.delay === undefined || options.delay.total("millisecond") <= 0);

export class InlineFirstInboxQueue implements MessageQueue {
  readonly #inner: MessageQueue;
  readonly #parallelism: number;
  #handler?: Handler;
  #inFlight = 0;

  constructor(inner: MessageQueue, options: { parallelism?: number } = {}) {
    this.#inner = inner;
    this.#parallelism = options.parallelism ?? 16;
  }

  get nativeRetrial(): boolean | undefined {
    return this.#inner.nativeRetrial;
  }

  async enqueue(message: any, options?: MessageQueueEnqueueOptions): Promise<void> {
    const handler = this.#handler;
    if (!handler || this.#inFlight >= this.#parallelism || !isNewInboxMessage(message, options)) {
      if (message?.type === "inbox") dropParsedActivity(message);
      return this.#inner.enqueue(message, options);
    }
    this.#inFlight++;
    try {
      // In the POST's own request scope (request-memo.ts): the domain blocks it read are not read again.
      await withParsedActivity(message, () => handler(message));
    } catch {
      // Its retry could not be recorded by the handler: queued as it would have been.
      await this.#inner.enqueue(message, options);
    } finally {
      this.#inFlight--;
    }
  }

  enqueueMany(messages: readonly any[], options?: MessageQueueEnqueueOptions): Promise<void> {
    if (this.#inner.enqueueMany) return this.#inner.enqueueMany(messages, options);
    return Promise.all(messages.map((m) => this.#inner.enqueue(m, options))).then(() => {});
  }

  getDepth() {
    return this.#inner.getDepth?.() ?? Promise.resolve({ queued: 0, ready: 0, delayed: 0 });
  }

  listen(handler: Handler, options?: MessageQueueListenOptions): Promise<void> {
    this.#handler = handler;
    const listening = this.#inner.listen(handler, options);
    const stop = () => {
      if (this.#handler === handler) this.#handler = undefined;
    };
    options?.signal?.addEventListener("abort", stop, { once: true });
    return listening.finally(stop);
  }
}
