// From « ça m'intéresse » to « merci »: a neighbour responds (a private
// conversation with the author), the author agrees with one or more of them,
// marks the exchange done (who took part is recorded: the impact figures),
// and either side may thank the other.
import { and, eq, inArray, isNotNull, or } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import {
  exchangeParticipantTable,
  memberTable,
  offerMessageTable,
  offerResponseTable,
  offerTable,
  offerThanksTable,
  remoteActorTable,
  type Member,
  type OfferResponse,
} from "../../../db/schema/index.ts";
import { recordAct, type Actor } from "../acts.ts";
import { notifyAboutOffer } from "./notifications.ts";
import { mayView, offerDetail } from "./detail.ts";
import { getRemoteOffer, mayReadRemote } from "./remote-detail.ts";
import { offerNotFound as notFound, type OfferDetail } from "./views.ts";
import { isUuid } from "../ids.ts";
import { findOffer, setStatus, type OfferItem, type OfferPublishing } from "./offers.ts";
import { fail, ok, transact, type Result } from "../result.ts";
import { viewerRole } from "../announcement-views.ts";
import { blockedBetween, isBlocked } from "../blocks/blocks.ts";
import { offerLink, sendToRemote } from "./remote-conversations.ts";
import { mayPost } from "../moderation/rails.ts";

export const MAX_MESSAGE = 2000;
export const MAX_THANKS = 500;

function checkText(text: string | undefined, max: number, field: string, required: boolean): Result<string> {
  const value = (text ?? "").trim();
  if (required && value === "") return fail("invalid", `${field}_empty`, "Write something first", field);
  if (value.length > max) return fail("invalid", `${field}_too_long`, `At most ${max} characters`, field);
  return ok(value);
}

/** A local offer the viewer may see, with their role in its network. */
async function visibleOffer(db: DatabaseLike, origin: string, id: string, viewer: Member) {
  const item = await findOffer(db, id);
  if (!item || (await blockedBetween(db, item.author.id, viewer.id))) return null;
  const { visible, role } = await mayView(db, origin, item, viewer);
  return visible ? { item, role } : null;
}

/** « Ça m'intéresse »: opens (or continues) the viewer's conversation with the author. */
export async function respond(
  db: DatabaseLike,
  actor: Actor,
  id: string,
  input: { message?: string },
  publishing: OfferPublishing,
): Promise<Result<OfferDetail>> {
  const message = checkText(input.message, MAX_MESSAGE, "message", false);
  if (!message.ok) return message;
  return transact(db, async (tx) => {
    const local = await findOffer(tx, id);
    if (!local) return respondRemote(tx, actor, id, message.value, publishing);
    const seen = await visibleOffer(tx, publishing.origin, id, actor.member);
    if (!seen) return notFound();
    const { item, role } = seen;
    if (item.author.id === actor.member.id) return fail("invalid", "own_offer", "This is your own offer");
    const active = await mayPost(tx, item.network.id, actor.member.id);
    if (!active.ok) return active;
    if (item.offer.status !== "open" && item.offer.status !== "agreed") return fail("conflict", "offer_closed", `This offer is ${item.offer.status}`);
    const response = await openConversation(tx, item.offer.id, actor.member.id);
    if (response.created) await notifyAboutOffer(tx, [item.author.id], "interest", item, actor.member.displayName);
    if (message.value) {
      await tx.insert(offerMessageTable).values({ responseId: response.row.id, senderId: actor.member.id, body: message.value });
      if (!response.created) await notifyAboutOffer(tx, [item.author.id], "message", item, actor.member.displayName);
    }
    await recordAct(tx, actor, "offer.respond", { id }, item.network.id);
    return ok(await offerDetail(tx, publishing.origin, item, actor.member, role));
  });
}

async function openConversation(tx: DatabaseLike, offerId: string, responderId: string): Promise<{ row: OfferResponse; created: boolean }> {
  const [created] = await tx.insert(offerResponseTable).values({ offerId, responderId }).onConflictDoNothing().returning();
  if (created) return { row: created, created: true };
  const [row] = await tx
    .select()
    .from(offerResponseTable)
    .where(and(eq(offerResponseTable.offerId, offerId), eq(offerResponseTable.responderId, responderId)));
  return { row, created: false };
}

/** Interest in an offer from another instance: a reply to its author over ActivityPub. */
async function respondRemote(tx: DatabaseLike, actor: Actor, id: string, message: string, publishing: OfferPublishing): Promise<Result<OfferDetail>> {
  if (!isUuid(id)) return notFound();
  const [offer] = await tx.select().from(offerTable).where(and(eq(offerTable.id, id), isNotNull(offerTable.apId))).limit(1);
  if (!offer || !(await mayReadRemote(tx, offer, actor.member))) return notFound();
  if (offer.status !== "open" && offer.status !== "agreed") return fail("conflict", "offer_closed", `This offer is ${offer.status}`);
  if (offer.remoteAuthorId && (await isBlocked(tx, actor.member.id, offer.remoteAuthorId))) return notFound();
  const response = await openConversation(tx, offer.id, actor.member.id);
  const text = message || "Ça m'intéresse !";
  await sendToRemote(tx, publishing, { response: response.row, offer, sender: actor.member, recipientId: offer.remoteAuthorId!, text });
  await recordAct(tx, actor, "offer.respond", { id, remote: offer.apId });
  const detail = await getRemoteOffer(tx, actor.member, id, publishing.origin);
  return detail;
}

/** A message in a conversation, by its responder or the offer's author; to someone elsewhere, a direct Note. */
export async function sendMessage(
  db: DatabaseLike,
  actor: Actor,
  id: string,
  conversationId: string,
  input: { message: string },
  publishing: OfferPublishing,
): Promise<Result<OfferDetail>> {
  const message = checkText(input.message, MAX_MESSAGE, "message", true);
  if (!message.ok) return message;
  const noConversation = () => fail("not_found", "conversation_not_found", "No such conversation", "conversation");
  return transact(db, async (tx) => {
    if (!isUuid(id) || !isUuid(conversationId)) return notFound();
    const [response] = await tx
      .select()
      .from(offerResponseTable)
      .where(and(eq(offerResponseTable.id, conversationId), eq(offerResponseTable.offerId, id)));
    const item = await findOffer(tx, id);
    if (!item) {
      // An offer from elsewhere: our member writes to its author.
      const [offer] = await tx.select().from(offerTable).where(and(eq(offerTable.id, id), isNotNull(offerTable.apId))).limit(1);
      if (!offer?.remoteAuthorId) return notFound();
      if (!response || response.responderId !== actor.member.id) return noConversation();
      await sendToRemote(tx, publishing, { response, offer, sender: actor.member, recipientId: offer.remoteAuthorId, text: message.value });
      await recordAct(tx, actor, "offer.message", { id, conversation: conversationId, remote: offer.apId });
      return getRemoteOffer(tx, actor.member, id, publishing.origin);
    }
    const isAuthor = item.author.id === actor.member.id;
    if (!response || !(isAuthor || response.responderId === actor.member.id)) return noConversation();
    if (response.remoteActorId) {
      await sendToRemote(tx, publishing, {
        response, offer: item.offer, sender: actor.member, recipientId: response.remoteActorId, text: message.value,
        link: offerLink(publishing.origin, item.network.slug, item.offer),
      });
    } else {
      if (await blockedBetween(tx, item.author.id, response.responderId!)) return noConversation();
      await tx.insert(offerMessageTable).values({ responseId: response.id, senderId: actor.member.id, body: message.value });
      const other = isAuthor ? response.responderId : item.author.id;
      await notifyAboutOffer(tx, [other], "message", item, actor.member.displayName);
    }
    await recordAct(tx, actor, "offer.message", { id, conversation: conversationId }, item.network.id);
    return ok(await offerDetail(tx, publishing.origin, item, actor.member, await viewerRole(tx, item.network.id, actor.member)));
  });
}

/** Tells each agreed person elsewhere (a direct Note in their conversation). */
async function tellRemote(tx: DatabaseLike, publishing: OfferPublishing, item: OfferItem, responses: OfferResponse[], sender: Member, text: string) {
  for (const response of responses) {
    if (!response.remoteActorId) continue;
    await sendToRemote(tx, publishing, {
      response, offer: item.offer, sender, recipientId: response.remoteActorId, text,
      link: offerLink(publishing.origin, item.network.slug, item.offer),
    });
  }
}

async function ownOpenOffer(tx: DatabaseLike, actor: Actor, id: string): Promise<Result<OfferItem>> {
  const item = await findOffer(tx, id);
  if (!item) return notFound();
  if (item.author.id !== actor.member.id) return fail("forbidden", "not_offer_author", "Only its author may do this");
  return ok(item);
}

/** The author agrees with one or more responders: open → agreed. */
export async function agree(
  db: DatabaseLike,
  actor: Actor,
  id: string,
  input: { conversations: string[] },
  publishing: OfferPublishing,
): Promise<Result<OfferDetail>> {
  if (input.conversations.length === 0) return fail("invalid", "conversations_missing", "Choose whom you agree with", "conversations");
  return transact(db, async (tx) => {
    const own = await ownOpenOffer(tx, actor, id);
    if (!own.ok) return own;
    if (own.value.offer.status !== "open" && own.value.offer.status !== "agreed") {
      return fail("conflict", "offer_not_open", `This offer is ${own.value.offer.status}: nothing can be agreed on it`);
    }
    const ids = input.conversations.filter((c) => isUuid(c));
    const chosen = ids.length
      ? await tx.select().from(offerResponseTable).where(and(eq(offerResponseTable.offerId, id), inArray(offerResponseTable.id, ids)))
      : [];
    if (chosen.length !== input.conversations.length) return fail("invalid", "conversation_not_found", "No such conversation on this offer", "conversations");
    await tx.update(offerResponseTable).set({ agreedAt: new Date() }).where(inArray(offerResponseTable.id, ids));
    const item = own.value.offer.status === "agreed" ? own.value : await setStatus(tx, own.value, "agreed", publishing);
    await notifyAboutOffer(tx, chosen.map((r) => r.responderId), "agreed", item, actor.member.displayName);
    await tellRemote(tx, publishing, item, chosen.filter((r) => r.agreedAt === null), actor.member, `🤝 Accord trouvé pour « ${item.offer.title} » : c'est d'accord avec vous !`);
    await recordAct(tx, actor, "offer.agree", { id, conversations: ids }, item.network.id);
    return ok(await offerDetail(tx, publishing.origin, item, actor.member, "member"));
  });
}

/** agreed → done: the exchange happened; the author and the agreed responders took part. */
export async function markDone(db: DatabaseLike, actor: Actor, id: string, publishing: OfferPublishing): Promise<Result<OfferDetail>> {
  return transact(db, async (tx) => {
    const own = await ownOpenOffer(tx, actor, id);
    if (!own.ok) return own;
    if (own.value.offer.status !== "agreed") return fail("conflict", "offer_not_agreed", "Agree with someone first");
    const agreed = await tx
      .select({ id: offerResponseTable.responderId })
      .from(offerResponseTable)
      .where(and(eq(offerResponseTable.offerId, id), isNotNull(offerResponseTable.agreedAt), isNotNull(offerResponseTable.responderId)));
    const people = [own.value.author.id, ...agreed.map((a) => a.id!)];
    const agreedElsewhere = await tx
      .select()
      .from(offerResponseTable)
      .where(and(eq(offerResponseTable.offerId, id), isNotNull(offerResponseTable.agreedAt), isNotNull(offerResponseTable.remoteActorId)));
    const networkId = own.value.network.id;
    await tx.insert(exchangeParticipantTable).values(people.map((memberId) => ({ offerId: id, memberId, networkId }))).onConflictDoNothing();
    const item = await setStatus(tx, own.value, "done", publishing);
    await notifyAboutOffer(tx, people.slice(1), "done", item, actor.member.displayName);
    await tellRemote(tx, publishing, item, agreedElsewhere, actor.member, `✅ Échange réalisé : « ${item.offer.title} ». Merci !`);
    await recordAct(tx, actor, "offer.done", { id, participants: people.length }, networkId);
    return ok(await offerDetail(tx, publishing.origin, item, actor.member, "member"));
  });
}

/** A short thank-you between the author and someone they agreed with. */
export async function thank(
  db: DatabaseLike,
  actor: Actor,
  id: string,
  input: { to?: string; note: string },
  publishing: OfferPublishing,
): Promise<Result<OfferDetail>> {
  const note = checkText(input.note, MAX_THANKS, "note", true);
  if (!note.ok) return note;
  const origin = publishing.origin;
  return transact(db, async (tx) => {
    const item = await findOffer(tx, id);
    if (!item) return notFound();
    // The author thanks someone elsewhere they agreed with (`to`: their @name@host or id): a direct Note.
    if (item.author.id === actor.member.id && input.to) {
      const [elsewhere] = await tx
        .select({ response: offerResponseTable })
        .from(offerResponseTable)
        .innerJoin(remoteActorTable, eq(remoteActorTable.id, offerResponseTable.remoteActorId))
        .where(
          and(
            eq(offerResponseTable.offerId, id),
            isNotNull(offerResponseTable.agreedAt),
            or(eq(remoteActorTable.handle, input.to.startsWith("@") ? input.to : `@${input.to}`), eq(remoteActorTable.id, input.to)),
          ),
        )
        .limit(1);
      if (elsewhere) {
        await tellRemote(tx, publishing, item, [elsewhere.response], actor.member, `🙏 Merci : ${note.value}`);
        await recordAct(tx, actor, "offer.thank", { id, to: elsewhere.response.remoteActorId }, item.network.id);
        return ok(await offerDetail(tx, origin, item, actor.member, await viewerRole(tx, item.network.id, actor.member)));
      }
    }
    const agreed = await tx
      .select({ member: memberTable })
      .from(offerResponseTable)
      .innerJoin(memberTable, eq(memberTable.id, offerResponseTable.responderId))
      .where(and(eq(offerResponseTable.offerId, id), isNotNull(offerResponseTable.agreedAt)));
    const isAuthor = item.author.id === actor.member.id;
    const isPartner = agreed.some((a) => a.member.id === actor.member.id);
    if (!isAuthor && !isPartner) return fail("forbidden", "not_exchange_party", "Only those who took part in the exchange may thank");
    const to = isAuthor ? agreed.find((a) => a.member.handle === input.to)?.member : item.author;
    if (!to) return fail("invalid", "thanks_recipient", "Thank someone you agreed with", "to");
    await tx
      .insert(offerThanksTable)
      .values({ offerId: id, fromId: actor.member.id, toId: to.id, note: note.value })
      .onConflictDoUpdate({ target: [offerThanksTable.offerId, offerThanksTable.fromId, offerThanksTable.toId], set: { note: note.value, createdAt: new Date() } });
    await notifyAboutOffer(tx, [to.id], "thanks", item, actor.member.displayName);
    await recordAct(tx, actor, "offer.thank", { id, to: to.handle }, item.network.id);
    return ok(await offerDetail(tx, origin, item, actor.member, await viewerRole(tx, item.network.id, actor.member)));
  });
}
