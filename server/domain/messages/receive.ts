// What reaches a member privately from elsewhere: a direct message, or a post
// that mentions them. Called by the inbox (federation/messages/inbox.ts) once
// the sender and the members it names are known. A member who blocked the
// sender receives nothing (silently); duplicates are processed once.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { conversationTable, privateMessageTable, type PrivateMessageKind, type RemoteActor } from "../../../db/schema/index.ts";
import { isBlocked } from "../blocks/blocks.ts";
import { notify } from "../notifications.ts";
import { ok, transact } from "../result.ts";
import { conversationWith } from "./conversations.ts";

export interface ReceivedMessage {
  memberIds: string[];
  author: RemoteActor;
  kind: PrivateMessageKind;
  apId: string;
  /** Sanitised HTML. */
  html: string;
  url: string | null;
}

export const conversationPath = (id: string) => `/messages/${id}`;

/** Files the message into each member's conversation with its author; returns how many received it. */
export async function receivePrivateMessage(db: DatabaseLike, input: ReceivedMessage): Promise<number> {
  const result = await transact(db, async (tx) => {
    let delivered = 0;
    for (const memberId of new Set(input.memberIds)) {
      if (await isBlocked(tx, memberId, input.author.id)) continue;
      const conversation = await conversationWith(tx, memberId, input.author.id);
      const [message] = await tx
        .insert(privateMessageTable)
        .values({ conversationId: conversation.id, outgoing: false, kind: input.kind, html: input.html, apId: input.apId, url: input.url })
        .onConflictDoNothing()
        .returning();
      if (!message) continue;
      await tx
        .update(conversationTable)
        .set({ unread: sql`${conversationTable.unread} + 1`, lastMessageAt: sql`greatest(${conversationTable.lastMessageAt}, now())` })
        .where(eq(conversationTable.id, conversation.id));
      const from = input.author.name || input.author.handle || input.author.id;
      await notify(tx, [memberId], {
        kind: `messages.${input.kind}`,
        subject: { type: "conversation", id: conversation.id, title: input.author.handle ?? from, path: conversationPath(conversation.id) },
        fromName: from,
      });
      delivered++;
    }
    return ok(delivered);
  });
  return result.ok ? result.value : 0;
}

/** Its author deleted a message they sent: it goes from the conversations it was filed in. */
export async function deleteReceivedMessage(db: DatabaseLike, apId: string, authorId: string): Promise<boolean> {
  const deleted = await db
    .delete(privateMessageTable)
    .where(
      and(
        eq(privateMessageTable.apId, apId),
        eq(privateMessageTable.outgoing, false),
        inArray(privateMessageTable.conversationId, db.select({ id: conversationTable.id }).from(conversationTable).where(eq(conversationTable.remoteActorId, authorId))),
      ),
    )
    .returning({ id: privateMessageTable.id });
  return deleted.length > 0;
}
