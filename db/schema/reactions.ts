// What members of this instance do to items from their apps (issue #15):
// likes and boosts, counted with the fediverse's (remote_reaction) under the
// item's ActivityPub id; bookmarks, private to the member and never counted.
import { index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { reactionTypeEnum } from "./federation.ts";
import { memberTable } from "./members.ts";

/** The Mastodon status kinds an item can be: announcement, offer, event, resource, post from elsewhere. */
export const itemKinds = ["a", "o", "e", "r", "p"] as const;
export type ReactedItemKind = (typeof itemKinds)[number];

/** A member's like (favourite) or boost (reblog) of an item, local or from elsewhere. */
export const memberReactionTable = pgTable(
  "member_reaction",
  {
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberTable.id, { onDelete: "cascade" }),
    type: reactionTypeEnum("type").notNull(),
    // The item's ActivityPub id (its page's URL, or the remote post's IRI): what counts are keyed by.
    objectId: text("object_id").notNull(),
    itemKind: text("item_kind").$type<ReactedItemKind>().notNull(),
    itemId: text("item_id").notNull(),
    // The Like sent out for an item from elsewhere, for its Undo.
    activityId: text("activity_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.type, t.objectId] }), index("member_reaction_object_idx").on(t.objectId)],
);
export type MemberReaction = typeof memberReactionTable.$inferSelect;

/** A bookmark: only its member ever sees it. */
export const bookmarkTable = pgTable(
  "bookmark",
  {
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberTable.id, { onDelete: "cascade" }),
    itemKind: text("item_kind").$type<ReactedItemKind>().notNull(),
    itemId: text("item_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.itemKind, t.itemId] }), index("bookmark_member_idx").on(t.memberId, t.createdAt)],
);
export type Bookmark = typeof bookmarkTable.$inferSelect;
