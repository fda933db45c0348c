// PGlite: reads kept in memory until a write to their table commits. The
// server's one session listens on the table's channel, which a trigger on the
// table NOTIFYs at each commit that wrote it (migrations 0030, 0031). PGlite
// hands the notification to its listeners in a microtask queued while it
// parses the COMMIT's results, so before whoever committed hears that it did:
// a count of them moves before any write can be known to have committed (as
// for the document cache, server/http/document-cache.ts). On PostgreSQL other
// processes write too and a notification may come after their commit is
// known: nothing is watched there, and the triggers send nothing (no pooled
// connection listens).
import type { DatabaseHandle, DatabaseLike } from "./client.ts";

interface Watch {
  /** Commits that wrote the table since the watch began. */
  writes: number;
  /** Reads kept by key, each stamped with `writes` before it started. */
  kept: Map<string, { writes: number; value: Promise<unknown> }>;
}
const watches = new WeakMap<DatabaseLike, Map<string, Watch>>();

/** On PGlite, counts the commits that write the table behind `channel`; returns the stop function. */
export async function watchTable(handle: Pick<DatabaseHandle, "kind" | "listen" | "db">, channel: string): Promise<() => Promise<void>> {
  if (handle.kind !== "pglite") return async () => {};
  const watch: Watch = { writes: 0, kept: new Map() };
  const unlisten = await handle.listen(channel, () => {
    watch.writes++;
  });
  let byChannel = watches.get(handle.db);
  if (!byChannel) watches.set(handle.db, (byChannel = new Map()));
  byChannel.set(channel, watch);
  return async () => {
    if (byChannel.get(channel) === watch) byChannel.delete(channel);
    await unlisten();
  };
}

/**
 * `read()`'s result for `key`, kept while no write to the table behind
 * `channel` has committed since the read started (at most `maxKept` keys, the
 * oldest read dropped first; a failed read is not kept). Undefined when the
 * table is not watched on `db` (PostgreSQL, or a transaction, which may hold
 * a write of its own): the caller reads as it would have.
 */
export function keptUntilWritten<T>(db: DatabaseLike, channel: string, key: string, read: () => Promise<T>, maxKept = 1): Promise<T> | undefined {
  const watch = watches.get(db)?.get(channel);
  if (!watch) return undefined;
  let entry = watch.kept.get(key);
  if (entry?.writes !== watch.writes) {
    // Stamped with the count before the read: a commit during it makes it stale at once.
    const fresh = { writes: watch.writes, value: read() };
    fresh.value.catch(() => {
      if (watch.kept.get(key) === fresh) watch.kept.delete(key);
    });
    watch.kept.delete(key);
    watch.kept.set(key, (entry = fresh));
    if (watch.kept.size > maxKept) watch.kept.delete(watch.kept.keys().next().value!);
  }
  return entry.value as Promise<T>;
}
