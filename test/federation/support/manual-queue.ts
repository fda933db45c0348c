// A message queue the test drives: Fedify enqueues, `drain()` runs the ready
// messages in order (including those they enqueue) until none is left.
// Delayed messages (retries) stay queued and are not run.
import type { MessageQueue, MessageQueueEnqueueOptions, MessageQueueListenOptions } from "@fedify/fedify";

interface Entry {
  message: unknown;
  readyAt: number;
}

export class ManualQueue implements MessageQueue {
  readonly entries: Entry[] = [];
  #handler: ((message: unknown) => Promise<void> | void) | null = null;

  async enqueue(message: unknown, options?: MessageQueueEnqueueOptions): Promise<void> {
    const delay = options?.delay ? options.delay.total("millisecond") : 0;
    this.entries.push({ message, readyAt: Date.now() + delay });
  }

  async enqueueMany(messages: readonly unknown[], options?: MessageQueueEnqueueOptions): Promise<void> {
    for (const message of messages) await this.enqueue(message, options);
  }

  listen(handler: (message: unknown) => Promise<void> | void, options?: MessageQueueListenOptions): Promise<void> {
    this.#handler = handler;
    return new Promise((resolve) => options?.signal?.addEventListener("abort", () => resolve()));
  }

  /** Messages waiting for a later retry. */
  get delayed(): unknown[] {
    return this.entries.filter((e) => e.readyAt > Date.now()).map((e) => e.message);
  }

  /** Runs ready messages until there are none; returns how many ran. */
  async drain(limit = 500): Promise<number> {
    if (!this.#handler) throw new Error("ManualQueue: the federation queue is not started");
    let ran = 0;
    for (;;) {
      const index = this.entries.findIndex((e) => e.readyAt <= Date.now());
      if (index < 0) return ran;
      if (++ran > limit) throw new Error("ManualQueue: too many messages, is something looping?");
      const [entry] = this.entries.splice(index, 1);
      await this.#handler(entry.message);
    }
  }
}
