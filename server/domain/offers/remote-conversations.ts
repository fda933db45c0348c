// Offer conversations with people on other servers, both ways:
// - someone elsewhere answered one of our offers: the author's messages,
//   agreement, « done » and thanks reach them as direct Notes;
// - one of our members answered an offer from elsewhere: their messages go to
//   its author, and the author's answers come back here.
// Each message we send replies (`inReplyTo`) to the thread's previous
// message, theirs or ours; a reply to one of ours finds its thread again.
import { randomUUID } from "node:crypto";
import { and, desc, eq, or } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { offerMessageTable, offerResponseTable, offerTable, partnershipTable, type Member, type Offer, type OfferResponse } from "../../../db/schema/index.ts";
import { isBlocked } from "../blocks/blocks.ts";
import { localNoteId } from "../messages/conversations.ts";
import { ok, transact } from "../result.ts";
import { notifyAboutOffer } from "./notifications.ts";
import { findOffer, type OfferPublishing } from "./offers.ts";
import { offerUrl } from "./views.ts";

/** A direct Note about an offer, for the OfferOutbox port. */
export interface OfferNote {
  member: Member;
  remoteActorId: string;
  text: string;
  messageId: string;
  inReplyTo: string | null;
  link: { href: string; label: string } | null;
}

/**
 * Writes a member's message in a conversation with someone elsewhere and
 * enqueues it as a direct Note to them (in the caller's transaction).
 */
export async function sendToRemote(
  tx: DatabaseLike,
  publishing: OfferPublishing,
  input: { response: OfferResponse; offer: Offer; sender: Member; recipientId: string; text: string; link?: OfferNote["link"] },
): Promise<void> {
  const [previous] = await tx
    .select({ apId: offerMessageTable.apId })
    .from(offerMessageTable)
    .where(eq(offerMessageTable.responseId, input.response.id))
    .orderBy(desc(offerMessageTable.createdAt))
    .limit(1);
  const id = randomUUID();
  const apId = localNoteId(publishing.origin, input.sender.handle, id);
  await tx.insert(offerMessageTable).values({ id, responseId: input.response.id, senderId: input.sender.id, body: input.text, apId });
  const thread = previous?.apId ?? input.offer.apId ?? null;
  await publishing.outbox.noteSent(tx, {
    member: input.sender,
    remoteActorId: input.recipientId,
    text: input.text,
    messageId: id,
    inReplyTo: thread,
    link: input.link ?? null,
  });
}

/** The link under a note about one of our offers. */
export const offerLink = (origin: string, slug: string, offer: Offer) => ({ href: offerUrl(origin, slug, offer.id), label: `« ${offer.title} »` });

/** May an actor of `host` see this local offer? Public: anyone; partners: the hosts of the network's active partners. */
async function hostMaySee(db: DatabaseLike, offer: Offer, host: string): Promise<boolean> {
  if (offer.visibility === "public") return true;
  if (offer.visibility !== "partners" || !offer.networkId) return false;
  const partners = await db
    .select({ actorId: partnershipTable.partnerActorId })
    .from(partnershipTable)
    .where(and(eq(partnershipTable.networkId, offer.networkId), eq(partnershipTable.state, "active")));
  return partners.some((p) => URL.canParse(p.actorId) && new URL(p.actorId).host === host);
}

export interface RemoteReply {
  remoteActorId: string;
  host: string;
  fromName: string;
  apId: string;
  html: string;
}

/**
 * A reply from elsewhere to one of our offers: an interest only the author
 * sees. Ignored (false, nothing stored) when the offer is not open, when the
 * sender may not see it, or when the author blocked them.
 */
export async function recordRemoteInterest(db: DatabaseLike, input: RemoteReply & { offerId: string }): Promise<boolean> {
  const result = await transact(db, async (tx) => {
    const item = await findOffer(tx, input.offerId);
    if (!item || (item.offer.status !== "open" && item.offer.status !== "agreed")) return ok(false);
    if (!(await hostMaySee(tx, item.offer, input.host))) return ok(false);
    if (await isBlocked(tx, item.author.id, input.remoteActorId)) return ok(false);
    const [created] = await tx.insert(offerResponseTable).values({ offerId: item.offer.id, remoteActorId: input.remoteActorId }).onConflictDoNothing().returning();
    const [response] = created
      ? [created]
      : await tx
          .select()
          .from(offerResponseTable)
          .where(and(eq(offerResponseTable.offerId, item.offer.id), eq(offerResponseTable.remoteActorId, input.remoteActorId)));
    const [message] = await tx
      .insert(offerMessageTable)
      .values({ responseId: response.id, body: "", remoteHtml: input.html, apId: input.apId })
      .onConflictDoNothing()
      .returning();
    if (message) await notifyAboutOffer(tx, [item.author.id], created ? "interest" : "message", item, input.fromName);
    return ok(true);
  });
  return result.ok && result.value;
}

/**
 * A reply from elsewhere to a message of an offer conversation — one of ours
 * (`messageId`, from our Note's id) or one of theirs (`inReplyTo`, as they
 * thread their own messages): the next message of that conversation, when its
 * sender is the other side of it. Returns whether it was one.
 */
export async function recordRemoteAnswer(db: DatabaseLike, input: RemoteReply & { messageId: string | null; inReplyTo: string }): Promise<boolean> {
  const result = await transact(db, async (tx) => {
    const [row] = await tx
      .select({ response: offerResponseTable, offer: offerTable })
      .from(offerMessageTable)
      .innerJoin(offerResponseTable, eq(offerResponseTable.id, offerMessageTable.responseId))
      .innerJoin(offerTable, eq(offerTable.id, offerResponseTable.offerId))
      .where(input.messageId ? or(eq(offerMessageTable.id, input.messageId), eq(offerMessageTable.apId, input.inReplyTo)) : eq(offerMessageTable.apId, input.inReplyTo))
      .limit(1);
    if (!row) return ok(false);
    const { response, offer } = row;
    // Our offer, answered from elsewhere: the responder writes again.
    const theirAnswerToOurOffer = offer.authorId !== null && response.remoteActorId === input.remoteActorId;
    // An offer from elsewhere our member answered: its author answers back.
    const authorAnswersOurMember = offer.remoteAuthorId === input.remoteActorId && response.responderId !== null;
    if (!theirAnswerToOurOffer && !authorAnswersOurMember) return ok(false);
    const recipient = theirAnswerToOurOffer ? offer.authorId! : response.responderId!;
    if (await isBlocked(tx, recipient, input.remoteActorId)) return ok(true);
    const [message] = await tx
      .insert(offerMessageTable)
      .values({ responseId: response.id, body: "", remoteHtml: input.html, apId: input.apId })
      .onConflictDoNothing()
      .returning();
    if (message) {
      const item = theirAnswerToOurOffer ? await findOffer(tx, offer.id) : null;
      await notifyAboutOffer(tx, [recipient], "message", item ?? { offer, network: null }, input.fromName);
    }
    return ok(true);
  });
  return result.ok && result.value;
}
