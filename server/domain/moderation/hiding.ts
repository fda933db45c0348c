// Hiding an item: it disappears from every surface where others would meet
// it (lists, search, pages, feeds, ActivityPub, printed sheets), its author
// still sees it, marked hidden with the reason, and may ask for a review.
//
// An offer is hidden by its status (`hidden`): every list, sheet, feed and
// ActivityPub dispatcher already shows only open (or agreed) offers, so no
// surface can forget the check. The other kinds have a `hidden_at` column
// that their queries filter on (hideable.ts). A federated item is deleted
// elsewhere (Delete), and published again (Create) when shown again.
import { and, eq } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { hiddenItemTable, offerTable, type HiddenItem, type Member, type OfferStatus } from "../../../db/schema/index.ts";
import { forgetNotificationsAbout, notify } from "../notifications.ts";
import { findOffer, offerFederates, type OfferPublishing } from "../offers/offers.ts";
import { OFFER_MEDIA, offerPath } from "../offers/views.ts";
import { setMediaVisibility } from "../media.ts";
import { fail, ok, type Result } from "../result.ts";
import { findHideable, hideableKinds } from "./hideable.ts";
import { hiddenInfo } from "./hidden-info.ts";
import type { ModerationOutbox } from "./reports.ts";

/** The item types the animators can hide (a member or an account is suspended, removed or blocked instead). */
export const hideableSubjects = ["offer", ...hideableKinds] as const;

export { hiddenInfo };

/** An item withdrawn with its author's suspension or removal (hidden_item.measure). */
export type Measure = "suspension" | "removal";

export interface HidingPorts {
  offers: OfferPublishing;
  outbox: ModerationOutbox;
}

const gone = () => fail("not_found", "report_subject_gone", "This item is no longer here", "action");

/** Hides an item of `networkId` (any network's, for the admin: null); the author is told why in the app. */
export async function hideItem(
  tx: DatabaseLike,
  networkId: string | null,
  subjectType: string,
  subjectId: string,
  reason: string,
  ports: HidingPorts,
  measure: Measure | null = null,
): Promise<Result<{ authorId: string | null }>> {
  if (subjectType === "offer") return hideOffer(tx, networkId, subjectId, reason, ports.offers, measure);
  if (!(hideableSubjects as readonly string[]).includes(subjectType)) {
    return fail("invalid", "cannot_hide", "A member or an account is not hidden: warn, suspend, remove or block them", "action");
  }
  const item = await findHideable(tx, subjectType, subjectId);
  if (!item || (networkId !== null && item.networkId !== null && item.networkId !== networkId)) return gone();
  if (item.hiddenAt) return ok({ authorId: item.authorId });
  await item.setHidden(tx, new Date());
  await tx
    .insert(hiddenItemTable)
    .values({ subjectType, subjectId, networkId: item.networkId ?? networkId, authorId: item.authorId, reason, measure })
    .onConflictDoUpdate({ target: [hiddenItemTable.subjectType, hiddenItemTable.subjectId], set: { reason, measure, networkId: item.networkId ?? networkId, hiddenAt: new Date(), reviewRequestedAt: null, reviewNote: null } });
  await forgetNotificationsAbout(tx, { type: subjectType, id: subjectId });
  // Withdrawn with a suspension or a removal: that one notice says it all.
  if (item.authorId && !measure) await notify(tx, [item.authorId], { kind: "moderation.hidden", subject: { type: subjectType, id: subjectId, title: item.title, path: item.path } });
  if (item.media) await setMediaVisibility(tx, item.media, "network");
  if (item.federates) await ports.outbox.itemWithdrawn(tx, item.kind, item.id);
  return ok({ authorId: item.authorId });
}

/** Shows a hidden item again, as it was (published again if it federates). */
export async function unhideItem(tx: DatabaseLike, networkId: string, subjectType: string, subjectId: string, ports: HidingPorts, quiet = false): Promise<Result<{ title: string; held: boolean }>> {
  if (subjectType === "offer") return unhideOffer(tx, networkId, subjectId, ports.offers, quiet);
  const hidden = await hiddenInfo(tx, subjectType, subjectId);
  const item = hidden ? await findHideable(tx, subjectType, subjectId) : null;
  if (!hidden || !item || hidden.networkId !== networkId) return fail("not_found", "hidden_item_not_found", "Nothing hidden has this id");
  await item.setHidden(tx, null);
  await tx.delete(hiddenItemTable).where(and(eq(hiddenItemTable.subjectType, subjectType), eq(hiddenItemTable.subjectId, subjectId)));
  if (item.media) await setMediaVisibility(tx, item.media, item.media.visibility);
  if (item.federates) await ports.outbox.itemRestored(tx, item.kind, item.id);
  if (item.authorId && !quiet) await notify(tx, [item.authorId], { kind: hidden.held ? "moderation.approved" : "moderation.unhidden", subject: { type: subjectType, id: subjectId, title: item.title, path: item.path } });
  return ok({ title: item.title, held: hidden.held });
}

/** Hides a local offer of `networkId`: its status says so. */
async function hideOffer(tx: DatabaseLike, networkId: string | null, subjectId: string, reason: string, publishing: OfferPublishing, measure: Measure | null): Promise<Result<{ authorId: string | null }>> {
  const subjectType = "offer";
  const item = await findOffer(tx, subjectId);
  if (!item || (networkId !== null && item.network.id !== networkId)) return gone();
  if (item.offer.status === "hidden") return ok({ authorId: item.author.id });
  const [offer] = await tx.update(offerTable).set({ status: "hidden", updatedAt: new Date() }).where(eq(offerTable.id, subjectId)).returning();
  await tx
    .insert(hiddenItemTable)
    .values({ subjectType, subjectId, networkId: item.network.id, authorId: item.author.id, reason, measure, previousStatus: item.offer.status })
    .onConflictDoUpdate({ target: [hiddenItemTable.subjectType, hiddenItemTable.subjectId], set: { reason, measure, previousStatus: item.offer.status, hiddenAt: new Date(), reviewRequestedAt: null, reviewNote: null } });
  // Notifications others received about it (interest, reminders) go; the author is told.
  await forgetNotificationsAbout(tx, { type: "offer", id: subjectId });
  if (!measure) await notify(tx, [item.author.id], { kind: "moderation.hidden", subject: { type: "offer", id: subjectId, title: item.offer.title, path: offerPath(item.network.slug, subjectId) } });
  // Its photos stop being public (no shared cache keeps them); the media check lets only the author and animators read them.
  await setMediaVisibility(tx, { type: OFFER_MEDIA, id: subjectId }, "network");
  if (offerFederates(item.offer)) await publishing.outbox.offerDeleted(tx, { ...item, offer });
  return ok({ authorId: item.author.id });
}

/** Shows a hidden offer again, as it was (published again if it federates and is still current). */
async function unhideOffer(tx: DatabaseLike, networkId: string, subjectId: string, publishing: OfferPublishing, quiet: boolean): Promise<Result<{ title: string; held: boolean }>> {
  const subjectType = "offer";
  const hidden = await hiddenInfo(tx, subjectType, subjectId);
  const item = await findOffer(tx, subjectId);
  if (!hidden || !item || hidden.networkId !== networkId) return fail("not_found", "hidden_item_not_found", "Nothing hidden has this id");
  const status = (hidden.previousStatus ?? "open") as OfferStatus;
  const [offer] = await tx.update(offerTable).set({ status }).where(eq(offerTable.id, subjectId)).returning();
  await tx.delete(hiddenItemTable).where(and(eq(hiddenItemTable.subjectType, subjectType), eq(hiddenItemTable.subjectId, subjectId)));
  await setMediaVisibility(tx, { type: OFFER_MEDIA, id: subjectId }, offer.visibility);
  if (offerFederates(offer) && (status === "open" || status === "agreed")) await publishing.outbox.offerPublished(tx, { ...item, offer });
  if (!quiet) await notify(tx, [item.author.id], { kind: hidden.held ? "moderation.approved" : "moderation.unhidden", subject: { type: "offer", id: subjectId, title: offer.title, path: offerPath(item.network.slug, subjectId) } });
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
