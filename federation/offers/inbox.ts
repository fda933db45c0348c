// Offers in the inbox:
// - a reply (Create Note inReplyTo one of our offers) is an expression of
//   interest, shown to the offer's author only (never among public replies);
// - an offer announced by a network we follow (a Note carrying FEP-0837
//   `purpose`) joins our offers list, marked with its network;
// - its author's (or its Group's) Update and Delete apply to it.
import { Proposal, type Object as APObject } from "@fedify/vocab";
import { and, eq, or } from "drizzle-orm";
import { offerTable, type RemoteActor } from "../../db/schema/index.ts";
import { recordRemoteAnswer, recordRemoteInterest } from "../../server/domain/offers/remote-conversations.ts";
import { ourMessageOf } from "../direct-notes.ts";
import { inboxLogger, signedLoader, type FedContext } from "../context.ts";
import { mayPass } from "../fetch-failures.ts";
import { sanitizeRemoteHtml, toPlainText } from "../html.ts";
import { VF } from "./note.ts";
import type { PostLike } from "../remote-posts.ts";
import { isOurs } from "../uris.ts";
import { toDate } from "../temporal.ts";
import { webUrl } from "../../server/domain/web-url.ts";

const OFFER_ROUTE = /^\/n\/[^/]+\/o\/([0-9a-f-]{36})$/i;

/** The id of our offer this URL names, if any. */
function ourOfferId(ctx: FedContext, url: URL | null): string | null {
  if (!url || !isOurs(ctx, url)) return null;
  return OFFER_ROUTE.exec(url.pathname)?.[1] ?? null;
}

/**
 * A reply to one of our offers becomes a private interest; a reply to a
 * message of an offer conversation, the next message of it. True when it was
 * either (even if ignored: an offer the sender may not see stores nothing).
 */
export async function receiveOfferReply(ctx: FedContext, object: PostLike, author: RemoteActor): Promise<boolean> {
  const inReplyTo = object.replyTargetId;
  if (!object.id || !inReplyTo) return false;
  const apId = object.id.href;
  // Sanitised only for a reply that is an offer's (most replies are public ones, sanitised when stored).
  const reply = () => ({
    remoteActorId: author.id,
    host: author.host,
    fromName: author.name ?? author.handle ?? author.id,
    apId,
    html: sanitizeRemoteHtml(String(object.content ?? "").slice(0, 20_000)),
  });
  const offerId = ourOfferId(ctx, inReplyTo);
  if (offerId) {
    const stored = await recordRemoteInterest(ctx.data.db, { ...reply(), offerId });
    inboxLogger.info("Reply {object} to offer {offer}: {result}", { object: object.id.href, offer: offerId, result: stored ? "interest recorded" : "ignored" });
    return true;
  }
  // A reply to a message of an offer conversation: ours (our Note's id), or
  // theirs (they thread their own messages). Else maybe a private
  // conversation's (federation/messages/) or a public reply.
  const ours = ourMessageOf(ctx, inReplyTo);
  // Our own messages are named as `ours` is; any other URL of ours (an
  // announcement, an event) is no conversation's: no transaction to find out.
  if (!ours && isOurs(ctx, inReplyTo)) return false;
  const answered = await recordRemoteAnswer(ctx.data.db, { ...reply(), messageId: ours?.messageId ?? null, inReplyTo: inReplyTo.href });
  if (answered || ours) {
    inboxLogger.info("Reply {object} to {message}: {result}", {
      object: object.id.href,
      message: inReplyTo.href,
      result: answered ? "offer conversation" : "not an offer conversation",
    });
  }
  return answered;
}

interface Fep0837Terms {
  purpose: "offer" | "request";
  theme: string;
}

/**
 * Reads `purpose` and the Intent's `resourceConformsTo` from the object's
 * JSON-LD, whatever its form: read as a FEP-0837 Proposal by Fedify.
 */
export async function fep0837Of(ctx: FedContext, document: unknown): Promise<Fep0837Terms | null> {
  if (!document || typeof document !== "object" || Array.isArray(document)) return null;
  const { type: _type, "@type": _t, ...rest } = document as Record<string, unknown>;
  let proposal: Proposal;
  try {
    proposal = await Proposal.fromJsonLd({ ...rest, "@type": `${VF}Proposal` }, { documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader });
  } catch {
    return null;
  }
  const purpose = proposal.purpose;
  if (purpose !== "offer" && purpose !== "request") return null;
  const conforms = proposal.publishes?.resourceConformsTo;
  const theme = conforms ? decodeURIComponent(conforms.pathname.split("/").filter(Boolean).at(-1) ?? "") : "";
  return { purpose, theme: theme.slice(0, 64) || "autre" };
}

// Fedify keeps only the properties it knows: the FEP-0837 terms are read from
// the object as its server serves it (signed, for partner-only offers).
async function rawDocument(ctx: FedContext, object: APObject): Promise<unknown> {
  const { document } = await (await signedLoader(ctx))(object.id!.href);
  return document;
}

const plain = (html: string) => toPlainText(html.replace(/<\/p>|<br\s*\/?>/gi, "\n")).replace(/\n{3,}/g, "\n\n").trim();

function fieldsOf(object: PostLike, terms: Fep0837Terms) {
  const text = plain(String(object.content ?? ""));
  const title = object.name ? toPlainText(String(object.name)) : text.split("\n")[0];
  const url = webUrl(object.url instanceof URL ? object.url : object.url?.href) ?? object.id!.href;
  const publicIds = ["https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public"];
  const isPublic = [...object.toIds, ...object.ccIds].some((u) => publicIds.includes(u.href));
  return {
    kind: terms.purpose,
    themeSlug: terms.theme,
    title: title.slice(0, 200) || "—",
    body: text.slice(0, 5000),
    remoteUrl: url,
    visibility: isPublic ? ("public" as const) : ("partners" as const),
  };
}

/** An offer a followed network announced; returns whether it was one. */
export async function receiveRemoteOffer(ctx: FedContext, object: PostLike, author: RemoteActor, group: RemoteActor): Promise<boolean> {
  if (!object.id) return false;
  const terms = await fep0837Of(ctx, await rawDocument(ctx, object).catch((error) => {
    // A refusal (not a partner, gone) means not for us; no answer yet means later.
    if (!mayPass(error)) return null;
    inboxLogger.warn("Fetching the offer {id} failed; the activity will be tried again: {error}", { id: object.id?.href, error });
    throw error;
  }));
  if (!terms) return false;
  const place = await object.getLocation({ documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader, suppressError: true }).catch(() => null);
  await ctx.data.db
    .insert(offerTable)
    .values({
      ...fieldsOf(object, terms),
      apId: object.id.href,
      remoteAuthorId: author.id,
      remoteNetworkId: group.id,
      place: place?.name ? toPlainText(String(place.name)).slice(0, 120) : "",
      createdAt: toDate(object.published) ?? new Date(),
    })
    .onConflictDoNothing();
  inboxLogger.info("Offer {object} from {group} received", { object: object.id.href, group: group.id });
  return true;
}

const byAuthorOrGroup = (apId: string, actorId: string) =>
  and(eq(offerTable.apId, apId), or(eq(offerTable.remoteAuthorId, actorId), eq(offerTable.remoteNetworkId, actorId)));

/** An Update of a remote offer we keep, from its author or its network. */
export async function updateRemoteOffer(ctx: FedContext, object: PostLike, actorId: string): Promise<boolean> {
  if (!object.id) return false;
  const [known] = await ctx.data.db.select().from(offerTable).where(byAuthorOrGroup(object.id.href, actorId)).limit(1);
  if (!known) return false;
  const { kind: _k, themeSlug: _t, visibility: _v, ...fields } = fieldsOf(object, { purpose: known.kind, theme: known.themeSlug });
  const content = String(object.content ?? "");
  const status = content.includes("Échange réalisé") ? "done" : content.includes("Accord trouvé") ? "agreed" : known.status;
  await ctx.data.db.update(offerTable).set({ ...fields, status, updatedAt: new Date() }).where(eq(offerTable.id, known.id));
  return true;
}

/** A Delete (withdrawn or expired offer) from its author or its network. */
export async function deleteRemoteOffer(ctx: FedContext, objectId: string, actorId: string): Promise<boolean> {
  const deleted = await ctx.data.db.delete(offerTable).where(byAuthorOrGroup(objectId, actorId)).returning({ id: offerTable.id });
  return deleted.length > 0;
}
