// The queue Fedify is given: the database queue as is, except that outbox
// messages (one activity to one inbox) are delivered by Deliverer rather than
// by Fedify's sender, and our own publish jobs (publish-jobs.ts) are run here.
// Fan-out and inbox messages still go to Fedify.
import type { MessageQueue, MessageQueueEnqueueOptions, MessageQueueListenOptions } from "@fedify/fedify";
import { asOneRequest } from "../request-memo.ts";
import { isPublishJob, type PublishJob } from "../publish-jobs.ts";
import { isOutboxMessage, type Deliverer } from "./deliver.ts";

export class DeliveringQueue implements MessageQueue {
  readonly inner: MessageQueue;
  readonly #deliverer: () => Deliverer;
  readonly #publish: (job: PublishJob) => Promise<void>;

  /** `deliverer` is read lazily: it needs this queue's inner queue to re-enqueue. */
  constructor(inner: MessageQueue, deliverer: () => Deliverer, publish: (job: PublishJob) => Promise<void>) {
    this.inner = inner;
    this.#deliverer = deliverer;
    this.#publish = publish;
  }

  get nativeRetrial(): boolean | undefined {
    return this.inner.nativeRetrial;
  }

  enqueue(message: any, options?: MessageQueueEnqueueOptions): Promise<void> {
    return this.inner.enqueue(message, options);
  }

  enqueueMany(messages: readonly any[], options?: MessageQueueEnqueueOptions): Promise<void> {
    if (this.inner.enqueueMany) return this.inner.enqueueMany(messages, options);
    return Promise.all(messages.map((m) => this.inner.enqueue(m, options))).then(() => {});
  }

  getDepth() {
    return this.inner.getDepth?.() ?? Promise.resolve({ queued: 0, ready: 0, delayed: 0 });
  }

  listen(handler: (message: any) => Promise<void> | void, options?: MessageQueueListenOptions): Promise<void> {
    // Each message is one request for the reads memoized per request (request-memo.ts).
    return this.inner.listen(
      (message) =>
        asOneRequest(() =>
          isOutboxMessage(message) ? this.#deliverer().deliver(message) : isPublishJob(message) ? this.#publish(message) : handler(message),
        ),
      options,
    );
  }
}
