// PGlite: the instance's domain blocks kept in memory between writes. Every
// inbound activity asks for them (its POST, and a retry from the queue again).
// PGlite's one session listens on `domain_blocks_changed`, which a write to
// domain_block NOTIFYs at its commit (migration 0030): the count of those
// moves before the writer learns that it committed (as for the document
// cache, server/http/document-cache.ts), so a block is refused at once. On
// PostgreSQL other processes write too and a notification may come after
// their commit is known: nothing is kept, the list is read per request.
import type { DatabaseHandle, DatabaseLike } from "../db/client.ts";

export const DOMAIN_BLOCKS_CHANNEL = "domain_blocks_changed";

interface Watch {
  generation: number;
  kept?: { generation: number; hosts: Promise<string[]> };
}

const watches = new WeakMap<DatabaseLike, Watch>();

/** On PGlite, keeps `handle.db`'s domain blocks from now on; returns the stop function. */
export async function watchDomainBlocks(handle: Pick<DatabaseHandle, "kind" | "listen" | "db">): Promise<() => Promise<void>> {
  if (handle.kind !== "pglite") return async () => {};
  const watch: Watch = { generation: 0 };
  const unlisten = await handle.listen(DOMAIN_BLOCKS_CHANNEL, () => {
    watch.generation++;
  });
  watches.set(handle.db, watch);
  return async () => {
    watches.delete(handle.db);
    await unlisten();
  };
}

/**
 * The list kept for this database while no write committed since it was read
 * (`read()` again otherwise); undefined when it is not watched (PostgreSQL, or
 * a transaction, which may hold a write of its own).
 */
export function keptDomainBlocks(db: DatabaseLike, read: () => Promise<string[]>): Promise<string[]> | undefined {
  const watch = watches.get(db);
  if (!watch) return undefined;
  if (watch.kept?.generation !== watch.generation) {
    // Stamped with the count before the read: a commit during it makes it stale at once.
    const kept = { generation: watch.generation, hosts: read() };
    watch.kept = kept;
    kept.hosts.catch(() => {
      if (watch.kept === kept) watch.kept = undefined;
    });
  }
  return watch.kept!.hosts;
}
