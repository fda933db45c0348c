// Offers expire after the period their network sets (3 months by default):
// a week before, their author gets a reminder to renew; then the offer is
// expired, which federates as a Delete. Run periodically by the worker.
import { and, eq, inArray, isNotNull, isNull, lt } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { offerTable } from "../../../db/schema/index.ts";
import { notifyAboutOffer } from "./notifications.ts";
import { findOffer, setStatus, type OfferPublishing } from "./offers.ts";
import { ok, transact } from "../result.ts";

export const REMINDER_BEFORE_MS = 7 * 24 * 3600 * 1000;
const BATCH = 200;

export async function sweepOffers(db: DatabaseLike, publishing: OfferPublishing, now = new Date()): Promise<{ reminded: number; expired: number }> {
  const live = inArray(offerTable.status, ["open", "agreed"]);
  const due = await db
    .select({ id: offerTable.id })
    .from(offerTable)
    .where(and(live, isNotNull(offerTable.authorId), isNull(offerTable.reminderSentAt), lt(offerTable.expiresAt, new Date(now.getTime() + REMINDER_BEFORE_MS))))
    .limit(BATCH);
  for (const { id } of due) {
    await transact(db, async (tx) => {
      const item = await findOffer(tx, id);
      await tx.update(offerTable).set({ reminderSentAt: now }).where(eq(offerTable.id, id));
      if (item) await notifyAboutOffer(tx, [item.author.id], "expiring", item);
      return ok(null);
    });
  }
  const expired = await db
    .select({ id: offerTable.id })
    .from(offerTable)
    .where(and(live, isNotNull(offerTable.authorId), lt(offerTable.expiresAt, now)))
    .limit(BATCH);
  for (const { id } of expired) {
    await transact(db, async (tx) => {
      const item = await findOffer(tx, id);
      if (!item) return ok(null);
      await setStatus(tx, item, "expired", publishing);
      await notifyAboutOffer(tx, [item.author.id], "expired", item);
      return ok(null);
    });
  }
  return { reminded: due.length, expired: expired.length };
}
