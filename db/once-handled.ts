// What a queued message's handler wants done only once the message is recorded
// as handled (deleted from the queue), so that a crash can no longer run it
// again: the deliverer says "Delivered" then, and not a moment before.
import { AsyncLocalStorage } from "node:async_hooks";

const pending = new AsyncLocalStorage<(() => void)[]>();

/**
 * Runs `fn` once the message being handled is recorded as done; not at all if
 * its handler throws or the record fails (the message then runs again). Outside
 * a queue that records its messages (a test's in-process queue), at once.
 */
export function onceHandled(fn: () => void): void {
  const after = pending.getStore();
  if (after) after.push(fn);
  else fn();
}

/** Runs a message's handler, collecting what it asked to run once the message is recorded as done. */
export function handling<T>(after: (() => void)[], handler: () => T): T {
  return pending.run(after, handler);
}
