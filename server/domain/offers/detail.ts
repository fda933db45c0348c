// One offer as its page shows it, and who may see it. A `network` offer is for
// the members of its network only; `partners` also for members of local
// partner networks; `public` for anyone. The page holds the conversations the
// viewer takes part in, the participants and the thanks.
import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DatabaseLike } from "../../../db/client.ts";
import {
  memberTable,
  offerMessageTable,
  offerResponseTable,
  offerTable,
  offerThanksTable,
  exchangeParticipantTable,
  remoteActorTable,
  type Member,
  type Role,
} from "../../../db/schema/index.ts";
import { isLocalPartnerMember, maySee, remoteAuthorView, viewerRole } from "../announcement-views.ts";
import { atLeast } from "../roles.ts";
import { hiddenInfo } from "../moderation/hidden-info.ts";
import { blockedBetween } from "../blocks/blocks.ts";
import { ok, type Result } from "../result.ts";
import { findOffer, type OfferItem } from "./offers.ts";
import { getRemoteOffer } from "./remote-detail.ts";
import { decorate, offerNotFound, offerView, personView, photosOf, selectOfferRows, type OfferDetail } from "./views.ts";

export async function getOffer(db: DatabaseLike, viewer: Member | null, id: string, origin: string): Promise<Result<OfferDetail>> {
  const item = await findOffer(db, id);
  if (!item) return getRemoteOffer(db, viewer, id, origin);
  // A block, either way: neither sees the other's offers.
  if (viewer && (await blockedBetween(db, item.author.id, viewer.id))) return offerNotFound();
  const { visible, role } = await mayView(db, origin, item, viewer);
  if (!visible) return offerNotFound();
  return ok(await offerDetail(db, origin, item, viewer, role));
}

const byAuthorThenName = (authorId: string) => (a: Member, b: Member) =>
  a.id === authorId ? -1 : b.id === authorId ? 1 : a.displayName.localeCompare(b.displayName, "fr");

/** May `viewer` see this local offer? Its role in the offer's network is returned too. */
export async function mayView(db: DatabaseLike, origin: string, item: OfferItem, viewer: Member | null): Promise<{ visible: boolean; role: Role | null }> {
  const role = await viewerRole(db, item.network.id, viewer);
  // A hidden offer (moderation) is seen only by its author and the network's animators.
  if (item.offer.status === "hidden") return { visible: viewer !== null && (viewer.id === item.author.id || atLeast(role, "animator")), role };
  const localPartner = role === null && item.offer.visibility === "partners" && (await isLocalPartnerMember(db, item.network.id, viewer, origin));
  return { visible: maySee(item.offer.visibility, role, localPartner), role };
}

/** The offer with the conversations the viewer takes part in, its participants and thanks. */
export async function offerDetail(db: DatabaseLike, origin: string, item: OfferItem, viewer: Member | null, role: Role | null): Promise<OfferDetail> {
  const [row] = await decorate(db, await selectOfferRows(db).where(eq(offerTable.id, item.offer.id)).limit(1));
  const view = offerView(origin, row, role !== null);
  view.photos = (await photosOf(db, origin, [item.offer.id])).get(item.offer.id) ?? [];
  const mine = viewer !== null && viewer.id === item.author.id;
  const responses = await db
    .select({ response: offerResponseTable, responder: memberTable, remote: remoteActorTable })
    .from(offerResponseTable)
    .leftJoin(memberTable, eq(memberTable.id, offerResponseTable.responderId))
    .leftJoin(remoteActorTable, eq(remoteActorTable.id, offerResponseTable.remoteActorId))
    .where(eq(offerResponseTable.offerId, item.offer.id))
    .orderBy(asc(offerResponseTable.createdAt));
  const shown = responses.filter((r) => mine || (viewer !== null && r.response.responderId === viewer.id));
  const messages = shown.length
    ? await db
        .select({ message: offerMessageTable, sender: memberTable })
        .from(offerMessageTable)
        .leftJoin(memberTable, eq(memberTable.id, offerMessageTable.senderId))
        .where(
          and(
            inArray(offerMessageTable.responseId, shown.map((r) => r.response.id)),
            // A message the animators hid: only its sender still sees it.
            viewer ? or(isNull(offerMessageTable.hiddenAt), eq(offerMessageTable.senderId, viewer.id)) : isNull(offerMessageTable.hiddenAt),
          ),
        )
        .orderBy(asc(offerMessageTable.createdAt))
    : [];
  const conversations = shown.map(({ response, responder, remote }) => ({
    id: response.id,
    responder: responder ? personView(responder) : null,
    ...(remote ? { remoteResponder: remoteAuthorView(remote) } : {}),
    agreed: response.agreedAt !== null,
    createdAt: response.createdAt,
    messages: messages
      .filter((m) => m.message.responseId === response.id)
      .map(({ message, sender }) => ({
        id: message.id,
        fromAuthor: sender?.id === item.author.id,
        sender: sender?.displayName ?? remote?.name ?? remote?.handle ?? "",
        body: message.body,
        html: message.remoteHtml,
        createdAt: message.createdAt,
      })),
  }));
  const participants = await db
    .select({ member: memberTable })
    .from(exchangeParticipantTable)
    .innerJoin(memberTable, eq(memberTable.id, exchangeParticipantTable.memberId))
    .where(eq(exchangeParticipantTable.offerId, item.offer.id));
  const from = alias(memberTable, "thanks_from");
  const thanks = await db
    .select({ thanks: offerThanksTable, from, to: memberTable })
    .from(offerThanksTable)
    .innerJoin(from, eq(from.id, offerThanksTable.fromId))
    .innerJoin(memberTable, eq(memberTable.id, offerThanksTable.toId))
    .where(eq(offerThanksTable.offerId, item.offer.id))
    .orderBy(asc(offerThanksTable.createdAt));
  const hidden = item.offer.status === "hidden" ? await hiddenInfo(db, "offer", item.offer.id) : null;
  return {
    ...view,
    mine,
    ...(hidden ? { hidden: { reason: hidden.reason, reviewRequestedAt: hidden.reviewRequestedAt, held: hidden.held } } : {}),
    conversations,
    interested: mine ? responses.length : 0,
    // The author first, then the others by name.
    participants: role !== null ? participants.map((p) => p.member).sort(byAuthorThenName(item.author.id)).map(personView) : [],
    thanks: role !== null ? thanks.map((t) => ({ from: personView(t.from), to: personView(t.to), note: t.thanks.note, createdAt: t.thanks.createdAt })) : [],
  };
}
