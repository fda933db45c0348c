// A member's private conversations with accounts elsewhere: the direct
// messages and mentions they received (receive.ts) and their answers, sent as
// direct Notes through the MessagePort. Only the member (or their sponsor,
// acting for them) ever reads them; they are never shown as public.
import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, lt, sum } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { conversationTable, privateMessageTable, remoteActorTable, type Member, type PrivateMessage, type RemoteActor } from "../../../db/schema/index.ts";
import { remoteAuthorView, type RemoteAuthorView } from "../announcement-views.ts";
import { recordAct, type Actor } from "../acts.ts";
import { blockedActorIds, isBlocked } from "../blocks/blocks.ts";
import { isUuid } from "../ids.ts";
import { fail, ok, transact, type Result } from "../result.ts";

export const MAX_PRIVATE_MESSAGE = 5000;
export const conversationPageSize = 30;

/** The port to the fediverse (federation/messages.ts): sends enqueue in the caller's transaction. */
export interface MessagePort {
  send(tx: DatabaseLike, note: { member: Member; recipient: RemoteActor; text: string; messageId: string; inReplyTo: string | null }): Promise<void>;
  /** An account elsewhere by `@name@host` or URL, remembered; null when none answers there. */
  lookup(db: DatabaseLike, target: string): Promise<RemoteActor | null>;
}

export interface MessageView {
  id: string;
  outgoing: boolean;
  kind: PrivateMessage["kind"];
  /** The member's own text (outgoing). */
  body: string;
  /** What was received, sanitised. */
  html: string | null;
  /** A mention: the post on its own server. */
  url: string | null;
  createdAt: Date;
}

export interface ConversationView {
  id: string;
  with: RemoteAuthorView;
  unread: number;
  lastMessageAt: Date;
  /** The member blocked this account: nothing more arrives from it. */
  blocked: boolean;
  last: { outgoing: boolean; kind: PrivateMessage["kind"]; excerpt: string } | null;
}

/** Our Note id for a message of a member (federation/direct-notes.ts makes the same). */
export const localNoteId = (origin: string, handle: string, messageId: string) => new URL(`/m/${handle}#note/${messageId}`, origin).href;

const excerpt = (m: PrivateMessage) =>
  (m.outgoing ? m.body : (m.html ?? "").replace(/<[^>]*>/g, " ").replace(/&[a-z#0-9]+;/gi, " "))
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 140);

export async function unreadMessages(db: DatabaseLike, member: Member): Promise<number> {
  const [row] = await db.select({ n: sum(conversationTable.unread) }).from(conversationTable).where(eq(conversationTable.memberId, member.id));
  return Number(row?.n ?? 0);
}

/** The member's conversations, latest first (`before`: the lastMessageAt of the last one shown). */
export async function listConversations(db: DatabaseLike, member: Member, before?: Date): Promise<ConversationView[]> {
  const rows = await db
    .select({ conversation: conversationTable, with: remoteActorTable })
    .from(conversationTable)
    .innerJoin(remoteActorTable, eq(remoteActorTable.id, conversationTable.remoteActorId))
    .where(and(eq(conversationTable.memberId, member.id), before ? lt(conversationTable.lastMessageAt, before) : undefined))
    .orderBy(desc(conversationTable.lastMessageAt))
    .limit(conversationPageSize);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.conversation.id);
  // The last message of each: one query, newest first, first seen wins.
  const messages = await db
    .selectDistinctOn([privateMessageTable.conversationId])
    .from(privateMessageTable)
    .where(inArray(privateMessageTable.conversationId, ids))
    .orderBy(privateMessageTable.conversationId, desc(privateMessageTable.createdAt));
  const blocked = new Set(await blockedActorIds(db, member.id));
  return rows.map(({ conversation, with: other }) => {
    const last = messages.find((m) => m.conversationId === conversation.id);
    return {
      id: conversation.id,
      with: remoteAuthorView(other),
      unread: conversation.unread,
      lastMessageAt: conversation.lastMessageAt,
      blocked: blocked.has(other.id),
      last: last ? { outgoing: last.outgoing, kind: last.kind, excerpt: excerpt(last) } : null,
    };
  });
}

const notFound = () => fail("not_found", "conversation_not_found", "No such conversation", "conversation");

async function ownConversation(db: DatabaseLike, member: Member, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ conversation: conversationTable, with: remoteActorTable })
    .from(conversationTable)
    .innerJoin(remoteActorTable, eq(remoteActorTable.id, conversationTable.remoteActorId))
    .where(and(eq(conversationTable.id, id), eq(conversationTable.memberId, member.id)))
    .limit(1);
  return row ?? null;
}

const messageView = (m: PrivateMessage): MessageView => ({
  id: m.id,
  outgoing: m.outgoing,
  kind: m.kind,
  body: m.body,
  html: m.html,
  url: m.url,
  createdAt: m.createdAt,
});

/** A conversation with its messages, oldest first; opening it marks it read. */
export async function readConversation(
  db: DatabaseLike,
  member: Member,
  id: string,
): Promise<Result<{ conversation: ConversationView; messages: MessageView[] }>> {
  const row = await ownConversation(db, member, id);
  if (!row) return notFound();
  const messages = await db
    .select()
    .from(privateMessageTable)
    .where(eq(privateMessageTable.conversationId, id))
    .orderBy(desc(privateMessageTable.createdAt))
    .limit(200);
  if (row.conversation.unread > 0) await db.update(conversationTable).set({ unread: 0 }).where(eq(conversationTable.id, id));
  const last = messages[0];
  return ok({
    conversation: {
      id,
      with: remoteAuthorView(row.with),
      unread: 0,
      lastMessageAt: row.conversation.lastMessageAt,
      blocked: await isBlocked(db, member.id, row.with.id),
      last: last ? { outgoing: last.outgoing, kind: last.kind, excerpt: excerpt(last) } : null,
    },
    messages: messages.reverse().map(messageView),
  });
}

function checkMessage(text: string | undefined): Result<string> {
  const value = (text ?? "").trim();
  if (value === "") return fail("invalid", "message_empty", "Write something first", "message");
  if (value.length > MAX_PRIVATE_MESSAGE) return fail("invalid", "message_too_long", `At most ${MAX_PRIVATE_MESSAGE} characters`, "message");
  return ok(value);
}

/** Writes the member's message and enqueues its direct Note, replying to the thread's last message. */
async function sendInto(
  tx: DatabaseLike,
  member: Member,
  conversationId: string,
  recipient: RemoteActor,
  text: string,
  origin: string,
  port: MessagePort,
): Promise<PrivateMessage> {
  const [previous] = await tx
    .select({ apId: privateMessageTable.apId })
    .from(privateMessageTable)
    .where(eq(privateMessageTable.conversationId, conversationId))
    .orderBy(desc(privateMessageTable.createdAt))
    .limit(1);
  const id = randomUUID();
  const [message] = await tx
    .insert(privateMessageTable)
    .values({ id, conversationId, outgoing: true, body: text, apId: localNoteId(origin, member.handle, id) })
    .returning();
  await tx.update(conversationTable).set({ lastMessageAt: message.createdAt, unread: 0 }).where(eq(conversationTable.id, conversationId));
  await port.send(tx, { member, recipient, text, messageId: id, inReplyTo: previous?.apId ?? null });
  return message;
}

/** The member answers in a conversation: a direct Note to the other account. */
export async function answer(
  db: DatabaseLike,
  actor: Actor,
  id: string,
  input: { message?: string },
  origin: string,
  port: MessagePort,
): Promise<Result<MessageView>> {
  const text = checkMessage(input.message);
  if (!text.ok) return text;
  return transact(db, async (tx) => {
    const row = await ownConversation(tx, actor.member, id);
    if (!row) return notFound();
    if (await isBlocked(tx, actor.member.id, row.with.id)) return fail("conflict", "account_blocked", "You blocked this account: unblock it first", "conversation");
    const message = await sendInto(tx, actor.member, id, row.with, text.value, origin, port);
    await recordAct(tx, actor, "message.send", { conversation: id });
    return ok(messageView(message));
  });
}

/** Starts (or continues) a conversation with an account elsewhere, by `@name@host` or URL. */
export async function startConversation(
  db: DatabaseLike,
  actor: Actor,
  input: { to: string; message?: string },
  origin: string,
  port: MessagePort,
): Promise<Result<{ conversation: ConversationView; messages: MessageView[] }>> {
  const text = checkMessage(input.message);
  if (!text.ok) return text;
  const target = input.to.trim();
  if (!/^@?[^@\s]+@[^@\s]+$/.test(target) && !URL.canParse(target)) {
    return fail("invalid", "invalid_target", "Give a handle like @name@example.org or a URL", "to");
  }
  const other = await port.lookup(db, target);
  if (!other) return fail("not_found", "remote_actor_not_found", "No account found at this address", "to");
  const started = await transact(db, async (tx) => {
    if (await isBlocked(tx, actor.member.id, other.id)) return fail("conflict", "account_blocked", "You blocked this account: unblock it first", "to");
    const conversation = await conversationWith(tx, actor.member.id, other.id);
    await sendInto(tx, actor.member, conversation.id, other, text.value, origin, port);
    await recordAct(tx, actor, "message.send", { conversation: conversation.id });
    return ok(conversation.id);
  });
  if (!started.ok) return started;
  return readConversation(db, actor.member, started.value);
}

/** The member's conversation with this account, made when there is none. */
export async function conversationWith(tx: DatabaseLike, memberId: string, remoteActorId: string) {
  const [created] = await tx.insert(conversationTable).values({ memberId, remoteActorId }).onConflictDoNothing().returning();
  if (created) return created;
  const [row] = await tx
    .select()
    .from(conversationTable)
    .where(and(eq(conversationTable.memberId, memberId), eq(conversationTable.remoteActorId, remoteActorId)));
  return row;
}

/** For the export of the member's data: every conversation with its messages. */
export async function messagesExportOf(db: DatabaseLike, member: Member) {
  const conversations = await db
    .select({ id: conversationTable.id, with: conversationTable.remoteActorId, createdAt: conversationTable.createdAt })
    .from(conversationTable)
    .where(eq(conversationTable.memberId, member.id));
  const messages = conversations.length
    ? await db
        .select()
        .from(privateMessageTable)
        .where(inArray(privateMessageTable.conversationId, conversations.map((c) => c.id)))
        .orderBy(privateMessageTable.createdAt)
    : [];
  return { conversations, messages };
}
