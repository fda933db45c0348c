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

const counts = new WeakMap<DatabaseLike, Map<string, { writes: number }>>();

/** On PGlite, counts the commits that write the table behind `channel`; returns the stop function. */
export async function watchTable(handle: Pick<DatabaseHandle, "kind" | "listen" | "db">, channel: string): Promise<() => Promise<void>> {
  if (handle.kind !== "pglite") return async () => {};
  const count = { writes: 0 };
  const unlisten = await handle.listen(channel, () => {
    count.writes++;
  });
  let byChannel = counts.get(handle.db);
  if (!byChannel) counts.set(handle.db, (byChannel = new Map()));
  byChannel.set(channel, count);
  return async () => {
    if (byChannel.get(channel) === count) byChannel.delete(channel);
    await unlisten();
  };
}

/** The count of commits that wrote a watched table: one per watch, so that a new watch never matches an old stamp. */
export interface WriteCount {
  readonly writes: number;
}

/**
 * The watched table's count: a read stamped with it (the object and its
 * `writes`) before it started is current while both stay the same. Undefined
 * when the table is not watched on `db` (PostgreSQL, or a transaction, which
 * may hold a write of its own).
 */
export function writeCount(db: DatabaseLike, channel: string): WriteCount | undefined {
  return counts.get(db)?.get(channel);
}

/** Whether a read stamped with `stamp` is still current for this count. */
export const isCurrent = (stamp: { count: WriteCount; writes: number } | undefined, count: WriteCount): boolean =>
  stamp !== undefined && stamp.count === count && stamp.writes === count.writes;
