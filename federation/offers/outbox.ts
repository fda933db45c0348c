// The domain's OfferOutbox port on Fedify: each call builds a context on the
// use-case's transaction, so publish() enqueues in that transaction.
import type { Federation } from "@fedify/fedify";
import { Create, Mention, Note, type Recipient } from "@fedify/vocab";
import type { DatabaseLike } from "../../db/client.ts";
import { remoteActorTable } from "../../db/schema/index.ts";
import type { OfferItem, OfferOutbox, RemoteInterest } from "../../server/domain/offers/offers.ts";
import { eq } from "drizzle-orm";
import { partnerRecipients } from "../access.ts";
import { deliverable } from "../blocks.ts";
import type { FedContext, FederationContextData } from "../context.ts";
import { escapeHtml } from "../html.ts";
import { memberIdentifier } from "../identifiers.ts";
import { buildOfferNote } from "./objects.ts";
import { publish, type PublishVerb } from "../publish.ts";
import { toInstant } from "../temporal.ts";

export async function publishOffer(ctx: FedContext, verb: PublishVerb, item: OfferItem, audience?: Recipient[]): Promise<void> {
  const visibility = item.offer.visibility;
  // Never leaves the instance: not even built into an activity.
  if (visibility === "network") return;
  await publish(ctx, {
    verb,
    object: await buildOfferNote(ctx, item),
    visibility,
    networkSlug: item.network.slug,
    authorHandle: item.author.handle,
    partners: visibility === "partners" ? await partnerRecipients(ctx, item.network.id) : undefined,
    audience,
  });
}

/** « Ça m'intéresse » on a remote offer: a direct reply to its author, mentioning them. */
export async function sendInterest(ctx: FedContext, interest: RemoteInterest): Promise<void> {
  const { offer, member, message } = interest;
  if (!offer.apId || !offer.remoteAuthorId) return;
  const [author] = await ctx.data.db.select().from(remoteActorTable).where(eq(remoteActorTable.id, offer.remoteAuthorId)).limit(1);
  if (!author) return;
  const identifier = memberIdentifier(member.handle);
  const me = ctx.getActorUri(identifier);
  const authorId = new URL(author.id);
  const id = new URL(`#interest/${interest.messageId}`, me);
  const mention = `<span class="h-card"><a href="${escapeHtml(author.url ?? author.id)}" class="u-url mention">@${escapeHtml(author.handle?.split("@")[1] ?? "")}</a></span>`;
  const note = new Note({
    id,
    attribution: me,
    replyTarget: new URL(offer.apId),
    to: authorId,
    tags: [new Mention({ href: authorId, name: author.handle ?? author.id })],
    content: `<p>${mention} ${escapeHtml(message)}</p>`,
    published: toInstant(new Date()),
  });
  const recipient: Recipient = { id: authorId, inboxId: new URL(author.inbox), endpoints: author.sharedInbox ? { sharedInbox: new URL(author.sharedInbox) } : null };
  const recipients = await deliverable(ctx.data.db, [recipient]);
  if (recipients.length === 0) return;
  await ctx.sendActivity({ identifier }, recipients, new Create({ id: new URL(`#create/${interest.messageId}`, me), actor: me, object: note, to: authorId }), {
    orderingKey: offer.apId,
  });
}

export function federatedOfferOutbox(federation: Federation<FederationContextData>, origin: URL | string): OfferOutbox {
  const base = new URL(origin);
  const on = (tx: DatabaseLike) => federation.createContext(base, { db: tx });
  return {
    offerPublished: (tx, item) => publishOffer(on(tx), "create", item),
    offerUpdated: (tx, item) => publishOffer(on(tx), "update", item),
    offerDeleted: (tx, item) => publishOffer(on(tx), "delete", item),
    interestSent: (tx, interest) => sendInterest(on(tx), interest),
  };
}
