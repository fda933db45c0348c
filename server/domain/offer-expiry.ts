// Offers expire after the period their network sets (3 months by default):
// a week before, their author gets a reminder to renew; then the offer is
// expired, which federates as a Delete. Run periodically by the worker.
import { and, inArray, isNotNull, isNull, lt } from "drizzle-orm";
import type { DatabaseLike } from "../../db/client.ts";
import { offerTable } from "../../db/schema/index.ts";
import { notify } from "./offer-notifications.ts";
import { findOffer, setStatus, type OfferPublishing } from "./offers.ts";
import { ok, transact } from "./result.ts";

export const REMINDER_BEFORE_MS = 7 * 24 * 3600 * 1000;
const BATCH = 200;

export async function sweepOffers(db: DatabaseLike, publishing: OfferPublishing, now = new Date()): Promise<{ reminded: number; expired: number }> {
  const live = inArray(offerTable.status, ["open", "agreed"]);
  const due = await db
    .select({ id: offerTable.id, authorId: offerTable.authorId })
    .from(offerTable)
    .where(and(live, isNotNull(offerTable.authorId), isNull(offerTable.reminderSentAt), lt(offerTable.expiresAt, new Date(now.getTime() + REMINDER_BEFORE_MS))))
    .limit(BATCH);
  for (const offer of due) {
    await transact(db, async (tx) => {
      await tx.update(offerTable).set({ reminderSentAt: now }).where(inArray(offerTable.id, [offer.id]));
      await notify(tx, [offer.authorId!], "expiring", offer.id);
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
      await notify(tx, [item.author.id], "expired", id);
      return ok(null);
    });
  }
  return { reminded: due.length, expired: expired.length };
}
