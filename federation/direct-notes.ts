// Direct Notes from a member to one account elsewhere: the offer
// conversations' messages, agreements and thanks, and private answers. Each
// is addressed to its recipient only (no Public, no followers) and mentions
// them, which Mastodon (and most servers) show as a direct message; it replies
// (`inReplyTo`) to the previous message of the thread, so both sides thread it.
//
// A Note's id is `{member actor}#note/{uuid}` (answers to offers made before
// were `#interest/{uuid}`): a reply to it names our message back.
import { Create, Mention, Note, type Recipient } from "@fedify/vocab";
import type { RemoteActor } from "../db/schema/index.ts";
import { deliverable } from "./blocks.ts";
import { outboxLogger, type FedContext } from "./context.ts";
import { escapeHtml, textToHtml } from "./html.ts";
import { memberIdentifier, parseIdentifier } from "./identifiers.ts";
import { toInstant } from "./temporal.ts";
import { isOurs } from "./uris.ts";

export interface DirectNote {
  senderHandle: string;
  recipient: RemoteActor;
  /** Plain text, as the member wrote it. */
  text: string;
  /** The local message's id (a uuid): the Note's id is made from it. */
  messageId: string;
  /** The previous message of the thread (or the offer), when there is one. */
  inReplyTo: string | null;
  /** A link after the text (the offer's page). */
  link?: { href: string; label: string };
  /** Keeps a thread's Notes in order on the queue. */
  orderingKey?: string;
}

export const directNoteId = (ctx: FedContext, handle: string, messageId: string) =>
  new URL(`#note/${messageId}`, ctx.getActorUri(memberIdentifier(handle)));

/** The local message a Note id of ours names (`…/m/{handle}#note/{uuid}`), if any. */
export function ourMessageOf(ctx: FedContext, url: URL | null): { handle: string; messageId: string } | null {
  if (!url || !isOurs(ctx, url)) return null;
  const fragment = /^#(?:note|interest)\/([0-9a-f-]{36})$/i.exec(url.hash);
  if (!fragment) return null;
  const parsed = ctx.parseUri(new URL(url.pathname, url));
  const ref = parsed?.type === "actor" ? parseIdentifier(parsed.identifier) : null;
  return ref?.kind === "member" ? { handle: ref.handle, messageId: fragment[1].toLowerCase() } : null;
}

export function directNoteHtml(recipient: RemoteActor, text: string, link?: DirectNote["link"]): string {
  const name = recipient.handle?.split("@")[1] ?? recipient.name ?? "";
  const mention = `<span class="h-card"><a href="${escapeHtml(recipient.url ?? recipient.id)}" class="u-url mention">@<span>${escapeHtml(name)}</span></a></span>`;
  const paragraphs = textToHtml(text) || "<p></p>";
  const body = paragraphs.replace(/^<p>/, `<p>${mention} `);
  return link ? `${body}<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>` : body;
}

/** Enqueues the Create(Note) in the caller's transaction; nothing for a blocked host. */
export async function sendDirectNote(ctx: FedContext, note: DirectNote): Promise<URL | null> {
  const identifier = memberIdentifier(note.senderHandle);
  const me = ctx.getActorUri(identifier);
  const to = new URL(note.recipient.id);
  const id = directNoteId(ctx, note.senderHandle, note.messageId);
  const object = new Note({
    id,
    attribution: me,
    replyTarget: note.inReplyTo ? new URL(note.inReplyTo) : null,
    to,
    tags: [new Mention({ href: to, name: note.recipient.handle ?? note.recipient.id })],
    content: directNoteHtml(note.recipient, note.text, note.link),
    published: toInstant(new Date()),
  });
  const recipient: Recipient = {
    id: to,
    inboxId: new URL(note.recipient.inbox),
    endpoints: note.recipient.sharedInbox ? { sharedInbox: new URL(note.recipient.sharedInbox) } : null,
  };
  const recipients = await deliverable(ctx.data.db, [recipient]);
  if (recipients.length === 0) {
    outboxLogger.info("Direct note to {actor} not sent: host blocked", { actor: note.recipient.id });
    return null;
  }
  // The personal inbox, never the shared one: a direct message is for one person.
  await ctx.sendActivity({ identifier }, recipients, new Create({ id: new URL(`#create/${note.messageId}`, me), actor: me, object, to }), {
    orderingKey: note.orderingKey ?? id.href,
    preferSharedInbox: false,
  });
  return id;
}
