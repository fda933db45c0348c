// What a queued message's handler wants done only once the message is recorded
// as handled (deleted from the queue), so that a crash can no longer run it
// again: the deliverer says "Delivered" then, and not a moment before.
import { AsyncLocalStorage } from "node:async_hooks";

interface Handling {
  /** The queue's row of the message being handled. */
  messageId: number;
  after: (() => void)[];
}

const pending = new AsyncLocalStorage<Handling>();

/**
 * Runs `fn` once the message being handled is recorded as done; not at all if
 * its handler throws or the record fails (the message then runs again). Outside
 * a queue that records its messages (a test's in-process queue), at once.
 */
export function onceHandled(fn: () => void): void {
  const after = pending.getStore()?.after;
  if (after) after.push(fn);
  else fn();
}

/** The queue's row id of the message being handled here, if a queue that records its messages runs it. */
export const handledMessageId = (): number | undefined => pending.getStore()?.messageId;

/** Runs a message's handler, collecting what it asked to run once the message is recorded as done. */
export function handling<T>(messageId: number, after: (() => void)[], handler: () => T): T {
  return pending.run({ messageId, after }, handler);
}
