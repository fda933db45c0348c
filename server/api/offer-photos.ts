// An offer's photos, through the Media foundation (purpose photo): uploaded
// first (POST /networks/{slug}/media), attached in the offer's transaction.
import type { DatabaseLike } from "../../db/client.ts";
import type { Actor } from "../domain/acts.ts";
import { attachMedia, detachMedia } from "../domain/media.ts";
import { OFFER_MEDIA } from "../domain/offers/views.ts";
import type { OfferItem } from "../domain/offers/offers.ts";

export function offerAttacher(actor: Actor, media: string[] | undefined) {
  if (!media || media.length === 0) return undefined;
  return (tx: DatabaseLike, item: OfferItem) =>
    attachMedia(tx, actor, media, { type: OFFER_MEDIA, id: item.offer.id, networkId: item.network.id, visibility: item.offer.visibility });
}

/** On edit: the photos become exactly `media` (an empty list removes them); undefined keeps them. */
export function offerPhotoReplacer(actor: Actor, media: string[] | undefined) {
  if (media === undefined) return undefined;
  return async (tx: DatabaseLike, item: OfferItem) => {
    const owner = { type: OFFER_MEDIA, id: item.offer.id };
    await detachMedia(tx, owner, media);
    return attachMedia(tx, actor, media, { ...owner, networkId: item.network.id, visibility: item.offer.visibility });
  };
}
