// Reads that many checks of one request (or one queued message) repeat, such
// as the domain-block list, made once per request: a change made meanwhile by
// another process shows from the next request on.
import { AsyncLocalStorage } from "node:async_hooks";

const scope = new AsyncLocalStorage<Map<object, Map<unknown, unknown>>>();

/** Runs `fn` as one request: memoized reads inside it are made once. */
export const asOneRequest = <T>(fn: () => T): T => scope.run(new Map(), fn);

/** `load()` once per request, database (or transaction) and key; outside a request, every time. */
export function oncePerRequest<T>(db: object, key: string, load: () => Promise<T>): Promise<T> {
  const memo = scope.getStore();
  if (!memo) return load();
  let byKey = memo.get(db);
  if (!byKey) memo.set(db, (byKey = new Map()));
  let value = byKey.get(key) as Promise<T> | undefined;
  if (!value) {
    value = load();
    byKey.set(key, value);
    value.catch(() => byKey.delete(key));
  }
  return value;
}

/** This request's own map for `owner` (made on first use); undefined outside a request. */
export function requestMap<K, V>(owner: object): Map<K, V> | undefined {
  const memo = scope.getStore();
  if (!memo) return undefined;
  let map = memo.get(owner);
  if (!map) memo.set(owner, (map = new Map()));
  return map as Map<K, V>;
}
