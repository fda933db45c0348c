// New inbound activities are processed while their POST waits; the database
// queue still takes whatever cannot be done then (federation/inbox/inline-first.ts).
import type { MessageQueue, MessageQueueEnqueueOptions } from "@fedify/fedify";
import { Temporal } from "@js-temporal/polyfill";
import { expect, it } from "vitest";
import { InlineFirstInboxQueue } from "../../federation/inbox/inline-first.ts";

class RecordingQueue implements MessageQueue {
  readonly queued: { message: any; options?: MessageQueueEnqueueOptions }[] = [];
  async enqueue(message: any, options?: MessageQueueEnqueueOptions) {
    this.queued.push({ message, options });
  }
  listen(): Promise<void> {
    return new Promise(() => {});
  }
}

// Fedify's types name the global Temporal; the polyfill's is the same at run time.
const after = (seconds: number) => ({ delay: Temporal.Duration.from({ seconds }) }) as unknown as MessageQueueEnqueueOptions;
const inboxMessage = (attempt = 0) => ({ type: "inbox", id: crypto.randomUUID(), activity: {}, attempt });

it("runs a new inbound activity before answering, and queues nothing", async () => {
  const inner = new RecordingQueue();
  const queue = new InlineFirstInboxQueue(inner);
  const handled: unknown[] = [];
  void queue.listen(async (m) => void handled.push(m));
  const message = inboxMessage();
  await queue.enqueue(message);
  expect(handled).toEqual([message]);
  expect(inner.queued).toEqual([]);
});

it("queues it when the handler fails, when nothing here works the queue, and for retries, delays and other messages", async () => {
  const inner = new RecordingQueue();
  const queue = new InlineFirstInboxQueue(inner);
  const notListening = inboxMessage();
  await queue.enqueue(notListening);
  void queue.listen(async () => {
    throw new Error("database down");
  });
  const failing = inboxMessage();
  await queue.enqueue(failing);
  const retry = inboxMessage(1);
  await queue.enqueue(retry, after(30));
  const delayed = inboxMessage();
  await queue.enqueue(delayed, after(5));
  const outbox = { type: "outbox", inbox: "https://elsewhere.example/inbox" };
  await queue.enqueue(outbox);
  expect(inner.queued.map((q) => q.message)).toEqual([notListening, failing, retry, delayed, outbox]);
});

it("queues new activities beyond its parallelism, as a burst would be", async () => {
  const inner = new RecordingQueue();
  const queue = new InlineFirstInboxQueue(inner, { parallelism: 2 });
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  void queue.listen(() => gate);
  const running = [queue.enqueue(inboxMessage()), queue.enqueue(inboxMessage())];
  const third = inboxMessage();
  await queue.enqueue(third);
  expect(inner.queued.map((q) => q.message)).toEqual([third]);
  release();
  await Promise.all(running);
  expect(inner.queued).toHaveLength(1);
});

it("stops running activities itself once its listener is stopped", async () => {
  const inner = new RecordingQueue();
  const queue = new InlineFirstInboxQueue(inner);
  const abort = new AbortController();
  const handled: unknown[] = [];
  void queue.listen(async (m) => void handled.push(m), { signal: abort.signal });
  abort.abort();
  const message = inboxMessage();
  await queue.enqueue(message);
  expect(handled).toEqual([]);
  expect(inner.queued.map((q) => q.message)).toEqual([message]);
});
