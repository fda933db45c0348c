// Hiding an item: it disappears from every surface where others would meet
// it (lists, search, pages, feeds, ActivityPub, printed sheets), its author
// still sees it, marked hidden with the reason, and may ask for a review.
//
// An offer is hidden by its status (`hidden`): every list, sheet, feed and
// ActivityPub dispatcher already shows only open (or agreed) offers, so no
// surface can forget the check; a federated one is deleted elsewhere
// (Delete), and published again (Create) when shown again.
import { and, eq } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { hiddenItemTable, offerTable, type HiddenItem, type Member, type OfferStatus } from "../../../db/schema/index.ts";
import { forgetNotificationsAbout, notify } from "../notifications.ts";
import { findOffer, offerFederates, type OfferPublishing } from "../offers/offers.ts";
import { OFFER_MEDIA, offerPath } from "../offers/views.ts";
import { setMediaVisibility } from "../media.ts";
import { fail, ok, type Result } from "../result.ts";
import { hiddenInfo } from "./hidden-info.ts";

/** The item types the animators can hide (others are handled by their author, or by suspending the member). */
export const hideableSubjects = ["offer"] as const;

export { hiddenInfo };

/** Hides a local offer of `networkId`; the author is told why in the app. */
export async function hideItem(
  tx: DatabaseLike,
  networkId: string | null,
  subjectType: string,
  subjectId: string,
  reason: string,
  publishing: OfferPublishing,
): Promise<Result<{ authorId: string | null }>> {
  if (subjectType !== "offer") return fail("invalid", "cannot_hide", "Only offers and requests can be hidden; suspend or remove the member otherwise", "action");
  const item = await findOffer(tx, subjectId);
  if (!item || (networkId !== null && item.network.id !== networkId)) return fail("not_found", "report_subject_gone", "This item is no longer here", "action");
  if (item.offer.status === "hidden") return ok({ authorId: item.author.id });
  const [offer] = await tx.update(offerTable).set({ status: "hidden", updatedAt: new Date() }).where(eq(offerTable.id, subjectId)).returning();
  await tx
    .insert(hiddenItemTable)
    .values({ subjectType, subjectId, networkId: item.network.id, authorId: item.author.id, reason, previousStatus: item.offer.status })
    .onConflictDoUpdate({ target: [hiddenItemTable.subjectType, hiddenItemTable.subjectId], set: { reason, previousStatus: item.offer.status, hiddenAt: new Date(), reviewRequestedAt: null, reviewNote: null } });
  // Notifications others received about it (interest, reminders) go; the author is told.
  await forgetNotificationsAbout(tx, { type: "offer", id: subjectId });
  await notify(tx, [item.author.id], { kind: "moderation.hidden", subject: { type: "offer", id: subjectId, title: item.offer.title, path: offerPath(item.network.slug, subjectId) } });
  // Its photos stop being public (no shared cache keeps them); the media check lets only the author and animators read them.
  await setMediaVisibility(tx, { type: OFFER_MEDIA, id: subjectId }, "network");
  if (offerFederates(item.offer)) await publishing.outbox.offerDeleted(tx, { ...item, offer });
  return ok({ authorId: item.author.id });
}

/** Shows a hidden offer again, as it was (published again if it federates and is still current). */
export async function unhideItem(tx: DatabaseLike, networkId: string, subjectType: string, subjectId: string, publishing: OfferPublishing): Promise<Result<{ title: string; held: boolean }>> {
  const hidden = await hiddenInfo(tx, subjectType, subjectId);
  const item = subjectType === "offer" ? await findOffer(tx, subjectId) : null;
  if (!hidden || !item || hidden.networkId !== networkId) return fail("not_found", "hidden_item_not_found", "Nothing hidden has this id");
  const status = (hidden.previousStatus ?? "open") as OfferStatus;
  const [offer] = await tx.update(offerTable).set({ status }).where(eq(offerTable.id, subjectId)).returning();
  await tx.delete(hiddenItemTable).where(and(eq(hiddenItemTable.subjectType, subjectType), eq(hiddenItemTable.subjectId, subjectId)));
  await setMediaVisibility(tx, { type: OFFER_MEDIA, id: subjectId }, offer.visibility);
  if (offerFederates(offer) && (status === "open" || status === "agreed")) await publishing.outbox.offerPublished(tx, { ...item, offer });
  await notify(tx, [item.author.id], { kind: hidden.held ? "moderation.approved" : "moderation.unhidden", subject: { type: "offer", id: subjectId, title: offer.title, path: offerPath(item.network.slug, subjectId) } });
  return ok({ title: offer.title, held: hidden.held });
}

/** The author asks the animators to look again at their hidden item. */
export async function requestReview(tx: DatabaseLike, author: Member, subjectType: string, subjectId: string, note: string): Promise<Result<HiddenItem>> {
  const hidden = await hiddenInfo(tx, subjectType, subjectId);
  if (!hidden || hidden.authorId !== author.id) return fail("not_found", "hidden_item_not_found", "Nothing of yours is hidden with this id");
  if (hidden.reviewRequestedAt) return fail("conflict", "review_already_requested", "The animators were already asked to look again");
  const [row] = await tx
    .update(hiddenItemTable)
    .set({ reviewRequestedAt: new Date(), reviewNote: note })
    .where(and(eq(hiddenItemTable.subjectType, subjectType), eq(hiddenItemTable.subjectId, subjectId)))
    .returning();
  return ok(row);
}
