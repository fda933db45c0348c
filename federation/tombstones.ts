// Deleted objects answer 410 Gone with a `Tombstone` (ActivityPub §7.4):
// publish() records the id when it sends a `Delete` and forgets it on a new
// `Create`, in the same transaction as the change; the HTTP glue asks here
// when no live object answers at that id.
import { eq, inArray } from "drizzle-orm";
import type { DatabaseLike } from "../db/client.ts";
import { objectTombstoneTable } from "../db/schema/index.ts";

export async function rememberDeleted(db: DatabaseLike, objectId: string, formerType: string): Promise<void> {
  await db
    .insert(objectTombstoneTable)
    .values({ objectId, formerType })
    .onConflictDoUpdate({ target: objectTombstoneTable.objectId, set: { formerType, deleted: new Date() } });
}

export async function forgetDeleted(db: DatabaseLike, objectId: string): Promise<void> {
  await db.delete(objectTombstoneTable).where(eq(objectTombstoneTable.objectId, objectId));
}

/** The Tombstone document for one of these ids (the same path on each origin we answer for), if it was deleted. */
export async function tombstoneFor(db: DatabaseLike, ids: string[]): Promise<Record<string, unknown> | null> {
  const [row] = await db.select().from(objectTombstoneTable).where(inArray(objectTombstoneTable.objectId, ids)).limit(1);
  if (!row) return null;
  return {
    "@context": "https://www.w3.org/ns/activitystreams",
    id: row.objectId,
    type: "Tombstone",
    formerType: row.formerType,
    deleted: row.deleted.toISOString(),
  };
}
