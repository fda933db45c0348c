// What offers tell their people, through the shared notifications (one list
// per member, server/domain/notifications.ts): kinds "offers.<event>", worded
// by the web app's catalogue (notify.offers.*).
import type { DatabaseLike } from "../../../db/client.ts";
import { notify } from "../notifications.ts";

export type OfferEvent = "interest" | "message" | "agreed" | "done" | "thanks" | "expiring" | "expired";

export interface NotifiedOffer {
  offer: { id: string; title: string };
  network: { slug: string } | null;
}

/** The offer's page in the web app: under its network, or /offers/ID for one from elsewhere. */
export const offerAppPath = (item: NotifiedOffer) => (item.network ? `/n/${item.network.slug}/o/${item.offer.id}` : `/offers/${item.offer.id}`);

export function notifyAboutOffer(db: DatabaseLike, memberIds: (string | null)[], event: OfferEvent, item: NotifiedOffer, fromName = ""): Promise<void> {
  return notify(db, memberIds, {
    kind: `offers.${event}`,
    subject: { type: "offer", id: item.offer.id, title: item.offer.title, path: offerAppPath(item) },
    fromName,
  });
}
