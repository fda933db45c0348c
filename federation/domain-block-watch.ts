// PGlite: the instance's domain blocks kept in memory between writes
// (db/table-watch.ts; migration 0030 NOTIFYs `domain_blocks_changed`). Every
// inbound activity asks for them (its POST, and a retry from the queue again).
// On PostgreSQL nothing is kept: blocks.ts reads the list per request.
import type { DatabaseHandle, DatabaseLike } from "../db/client.ts";
import { keptUntilWritten, watchTable } from "../db/table-watch.ts";

export const DOMAIN_BLOCKS_CHANNEL = "domain_blocks_changed";

/** On PGlite, keeps `handle.db`'s domain blocks from now on; returns the stop function. */
export function watchDomainBlocks(handle: Pick<DatabaseHandle, "kind" | "listen" | "db">): Promise<() => Promise<void>> {
  return watchTable(handle, DOMAIN_BLOCKS_CHANNEL);
}

/**
 * The list kept for this database while no write committed since it was read
 * (`read()` again otherwise); undefined when it is not watched.
 */
export function keptDomainBlocks(db: DatabaseLike, read: () => Promise<string[]>): Promise<string[]> | undefined {
  return keptUntilWritten(db, DOMAIN_BLOCKS_CHANNEL, "hosts", read);
}
