// Private messages with people on other servers: direct Notes and mentions
// received for a member, and the member's answers (sent as direct Notes).
// One conversation per member and remote account; nothing here is ever
// shown to anyone but that member.
import { sql } from "drizzle-orm";
import { boolean, index, integer, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { remoteActorTable } from "./federation.ts";
import { memberTable } from "./members.ts";

export const conversationTable = pgTable(
  "conversation",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberTable.id, { onDelete: "cascade" }),
    remoteActorId: text("remote_actor_id")
      .notNull()
      .references(() => remoteActorTable.id, { onDelete: "cascade" }),
    // Messages received since the member last opened it: the unread count needs no scan.
    unread: integer("unread").notNull().default(0),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("conversation_member_actor_uq").on(t.memberId, t.remoteActorId), index("conversation_member_idx").on(t.memberId, t.lastMessageAt)],
);
export type Conversation = typeof conversationTable.$inferSelect;

/** `direct`: a private message; `mention`: a post (public or not) that names the member. */
export const privateMessageKinds = ["direct", "mention"] as const;
export type PrivateMessageKind = (typeof privateMessageKinds)[number];
export const privateMessageKindEnum = pgEnum("private_message_kind", privateMessageKinds);

export const privateMessageTable = pgTable(
  "private_message",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversationTable.id, { onDelete: "cascade" }),
    // True for the member's own answers (plain text in body); false for what
    // was received (sanitised HTML in html).
    outgoing: boolean("outgoing").notNull(),
    kind: privateMessageKindEnum("kind").notNull().default("direct"),
    body: text("body").notNull().default(""),
    html: text("html"),
    // The Note's id: theirs as received (duplicates are processed once), ours as sent.
    apId: text("ap_id").notNull(),
    // A mention's link to the post on its own server.
    url: text("url"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("private_message_ap_uq").on(t.conversationId, t.apId),
    index("private_message_conversation_idx").on(t.conversationId, t.createdAt),
    index("private_message_ap_idx").on(t.apId).where(sql`${t.outgoing}`),
  ],
);
export type PrivateMessage = typeof privateMessageTable.$inferSelect;
