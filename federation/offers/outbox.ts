// The domain's OfferOutbox port on Fedify: a Create or Update is a job enqueued
// in the use-case's transaction, published by the worker (publish-jobs.ts);
// the other calls build a context on that transaction, so publish() enqueues in it.
import type { Federation } from "@fedify/fedify";
import type { Recipient } from "@fedify/vocab";
import type { DatabaseLike } from "../../db/client.ts";
import { remoteActorTable } from "../../db/schema/index.ts";
import type { OfferItem, OfferOutbox } from "../../server/domain/offers/offers.ts";
import type { OfferNote } from "../../server/domain/offers/remote-conversations.ts";
import { sendDirectNote } from "../direct-notes.ts";
import { eq } from "drizzle-orm";
import { partnerRecipients } from "../access.ts";
import type { FedContext, FederationContextData } from "../context.ts";
import { buildOfferNote } from "./objects.ts";
import { publish, type PublishVerb } from "../publish.ts";
import { deferPublish } from "../publish-jobs.ts";

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

/** A member's message in an offer conversation with someone elsewhere: a direct Note in the thread. */
export async function sendOfferNote(ctx: FedContext, note: OfferNote): Promise<void> {
  const [recipient] = await ctx.data.db.select().from(remoteActorTable).where(eq(remoteActorTable.id, note.remoteActorId)).limit(1);
  if (!recipient) return;
  await sendDirectNote(ctx, {
    senderHandle: note.member.handle,
    recipient,
    text: note.text,
    messageId: note.messageId,
    inReplyTo: note.inReplyTo,
    link: note.link ?? undefined,
    orderingKey: `${note.member.id} ${recipient.id}`,
  });
}

export function federatedOfferOutbox(federation: Federation<FederationContextData>, origin: URL | string): OfferOutbox {
  const base = new URL(origin);
  const on = (tx: DatabaseLike) => federation.createContext(base, { db: tx });
  return {
    offerPublished: (_tx, item) => deferPublish(federation, "offer", "create", item.offer.id),
    offerUpdated: (_tx, item) => deferPublish(federation, "offer", "update", item.offer.id),
    offerDeleted: (tx, item) => publishOffer(on(tx), "delete", item),
    noteSent: (tx, note) => sendOfferNote(on(tx), note),
  };
}
