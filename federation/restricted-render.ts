// Whether the document being served depended on who asked (a partners-only
// object): the document cache (server/http/document-cache.ts) then keeps it
// per requesting server, never for everyone.
import { AsyncLocalStorage } from "node:async_hooks";

const marks = new AsyncLocalStorage<{ restricted: boolean }>();

/** Runs `fn`; `restricted` says whether anything in it called markRestricted(). */
export async function watchingRestriction<T>(fn: () => Promise<T>): Promise<{ value: T; restricted: boolean }> {
  const mark = { restricted: false };
  const value = await marks.run(mark, fn);
  return { value, restricted: mark.restricted };
}

export function markRestricted(): void {
  const mark = marks.getStore();
  if (mark) mark.restricted = true;
}
