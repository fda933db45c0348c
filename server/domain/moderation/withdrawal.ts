// A member's posts in a network, withdrawn with a measure against them:
//
//   removal     always: they are no longer the network's member, so their
//               open offers, announcements, events and resources leave with
//               them (hidden here, Delete to followers elsewhere); animators
//               may still show one again from the log's link.
//   suspension  when the animators ask for it ("withdraw their posts while
//               suspended"): the same, and everything comes back as it was
//               (Create again) when the suspension ends — a pause, not a
//               judgement on each post. Without it, posts stay in place.
//
// Each item goes through the one hiding path (hiding.ts), marked with the
// measure so that the end of a suspension gives back only what it took.
import { and, eq, inArray, isNull, lte } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { announcementTable, eventTable, hiddenItemTable, offerTable, resourceTable, suspensionTable } from "../../../db/schema/index.ts";
import { ok, transact, type Result } from "../result.ts";
import { hideItem, unhideItem, type HidingPorts, type Measure } from "./hiding.ts";

/** The member's items of the network that others can see now. */
async function postsOf(tx: DatabaseLike, networkId: string, memberId: string): Promise<{ type: string; id: string }[]> {
  const offers = await tx
    .select({ id: offerTable.id })
    .from(offerTable)
    .where(and(eq(offerTable.networkId, networkId), eq(offerTable.authorId, memberId), inArray(offerTable.status, ["open", "agreed"])));
  const announcements = await tx
    .select({ id: announcementTable.id })
    .from(announcementTable)
    .where(and(eq(announcementTable.networkId, networkId), eq(announcementTable.authorId, memberId), isNull(announcementTable.hiddenAt)));
  const events = await tx
    .select({ id: eventTable.id })
    .from(eventTable)
    .where(and(eq(eventTable.networkId, networkId), eq(eventTable.organiserId, memberId), isNull(eventTable.hiddenAt)));
  const resources = await tx
    .select({ id: resourceTable.id })
    .from(resourceTable)
    .where(and(eq(resourceTable.networkId, networkId), eq(resourceTable.createdById, memberId), isNull(resourceTable.hiddenAt)));
  return [
    ...offers.map((r) => ({ type: "offer", id: r.id })),
    ...announcements.map((r) => ({ type: "announcement", id: r.id })),
    ...events.map((r) => ({ type: "event", id: r.id })),
    ...resources.map((r) => ({ type: "resource", id: r.id })),
  ];
}

/** Withdraws the member's posts in the network with the measure; returns how many. */
export async function withdrawPostsOf(tx: DatabaseLike, networkId: string, memberId: string, reason: string, measure: Measure, ports: HidingPorts): Promise<Result<number>> {
  const posts = await postsOf(tx, networkId, memberId);
  for (const post of posts) {
    const hidden = await hideItem(tx, networkId, post.type, post.id, reason, ports, measure);
    if (!hidden.ok) return hidden;
  }
  return ok(posts.length);
}

/** Gives back what a suspension withdrew (not what was hidden for itself, nor what a removal took). */
export async function restorePostsOf(tx: DatabaseLike, networkId: string, memberId: string, ports: HidingPorts): Promise<number> {
  const rows = await tx
    .select({ type: hiddenItemTable.subjectType, id: hiddenItemTable.subjectId })
    .from(hiddenItemTable)
    .where(and(eq(hiddenItemTable.networkId, networkId), eq(hiddenItemTable.authorId, memberId), eq(hiddenItemTable.measure, "suspension")));
  for (const row of rows) await unhideItem(tx, networkId, row.type, row.id, ports, true);
  return rows.length;
}

/**
 * The worker's job: suspensions that have ended give back the posts they
 * withdrew, and are forgotten (an ended suspension no longer counts anyway).
 */
export async function endSuspensions(db: DatabaseLike, ports: HidingPorts, now = new Date()): Promise<{ ended: number; restored: number }> {
  const ended = await db.select().from(suspensionTable).where(lte(suspensionTable.until, now));
  let restored = 0;
  for (const s of ended) {
    restored += await transact(db, async (tx) => {
      const n = await restorePostsOf(tx, s.networkId, s.memberId, ports);
      await tx.delete(suspensionTable).where(and(eq(suspensionTable.networkId, s.networkId), eq(suspensionTable.memberId, s.memberId), lte(suspensionTable.until, now)));
      return ok(n);
    }).then((r) => (r.ok ? r.value : 0));
  }
  return { ended: ended.length, restored };
}
