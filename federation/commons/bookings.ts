// Bookings between instances on the wire:
//
//   B → A  Offer { actor: B's Group, object: A's resource (Article id), startTime, endTime, content }
//   A → B  Accept(Offer) or Reject(Offer), when A's animators decide
//
// Only between active partner networks; the Offer is refused otherwise.
import type { Federation } from "@fedify/fedify";
import { Accept, Offer, Reject, type Activity } from "@fedify/vocab";
import { eq } from "drizzle-orm";
import type { DatabaseLike } from "../../db/client.ts";
import { remoteActorTable } from "../../db/schema/index.ts";
import type { BookingAnswers } from "../../server/domain/commons/bookings.ts";
import { findResource } from "../../server/domain/commons/views.ts";
import { receiveBookingAnswer, receiveBookingOffer, type BookingOffers } from "../../server/domain/commons/remote-bookings.ts";
import { isBlockedHost } from "../blocks.ts";
import { inboxLogger, type FedInboxContext, type FederationContextData } from "../context.ts";
import { textToHtml } from "../html.ts";
import { recipientOf } from "../follows.ts";
import { networkIdentifier } from "../identifiers.ts";
import { rememberActivityActor } from "../remote-actors.ts";
import { toDate, toInstant } from "../temporal.ts";
import { storableText } from "../../server/domain/text.ts";
import { newActivityId } from "../uris.ts";

export function federatedBookings(federation: Federation<FederationContextData>, origin: URL): BookingOffers & BookingAnswers {
  const on = (tx: DatabaseLike) => federation.createContext(origin, { db: tx });
  return {
    async offered(tx, request, resource, networkSlug) {
      const ctx = on(tx);
      const identifier = networkIdentifier(networkSlug);
      const [group] = await tx.select().from(remoteActorTable).where(eq(remoteActorTable.id, resource.groupId));
      const offer = new Offer({
        id: newActivityId(ctx, identifier, "offer"),
        actor: ctx.getActorUri(identifier),
        object: new URL(resource.id),
        startTime: toInstant(request.startsAt),
        endTime: toInstant(request.endsAt),
        ...(request.message ? { content: textToHtml(request.message) } : {}),
        to: new URL(resource.groupId),
      });
      if (group && !(await isBlockedHost(tx, group.host))) await ctx.sendActivity({ identifier }, recipientOf(group), offer);
      return offer.id!.href;
    },
    async answered(tx, booking, decision) {
      const ctx = on(tx);
      const [requester] = await tx.select().from(remoteActorTable).where(eq(remoteActorTable.id, booking.requesterActorId!));
      const item = await findResource(tx, booking.resourceId);
      if (!item) return;
      const slug = item.network.slug;
      if (!requester || !booking.requestActivityId || (await isBlockedHost(tx, requester.host))) return;
      const identifier = networkIdentifier(slug);
      const Answer = decision === "accept" ? Accept : Reject;
      const answer = new Answer({
        id: newActivityId(ctx, identifier, decision === "accept" ? "accept" : "reject"),
        actor: ctx.getActorUri(identifier),
        object: new URL(booking.requestActivityId),
        to: new URL(requester.id),
      });
      await ctx.sendActivity({ identifier }, recipientOf(requester), answer);
    },
  };
}

/** A partner Group's Offer of a booking. */
export async function onBookingOffer(ctx: FedInboxContext, offer: Offer): Promise<void> {
  const group = await rememberActivityActor(ctx, offer);
  const startsAt = toDate(offer.startTime);
  const endsAt = toDate(offer.endTime);
  if (!group || !offer.id || !offer.objectId || !startsAt || !endsAt) return;
  const kept = await receiveBookingOffer(
    ctx.data.db,
    { offerId: offer.id.href, groupId: group.id, resourceUrl: offer.objectId.href, startsAt, endsAt, message: storableText(String(offer.content ?? "").replace(/<[^>]*>/g, "")).slice(0, 2000) },
    ctx.canonicalOrigin,
  );
  inboxLogger.debug("Booking offer {id} from {group}: {result}", { id: offer.id.href, group: group.id, result: kept ? "kept" : "refused" });
}

/** Accept or Reject of one of our booking Offers; false when it answers something else. */
export async function onBookingAnswer(ctx: FedInboxContext, answer: Activity, decision: "accept" | "decline"): Promise<boolean> {
  const actorId = answer.actorId?.href;
  const objectId = answer.objectId?.href;
  if (!actorId || !objectId) return false;
  return receiveBookingAnswer(ctx.data.db, objectId, actorId, decision);
}
