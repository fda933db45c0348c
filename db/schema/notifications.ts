import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { memberTable } from "./members.ts";

/**
 * What the app tells a member (someone is interested in my offer, my event
 * moved...). One table for every feature: the kind says what happened
 * ("offer.interest", "event.updated"), the subject what it is about; its title
 * and in-app path are kept as they were, so a list needs no joins.
 */
export const notificationTable = pgTable(
  "notification",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberTable.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    title: text("title").notNull(),
    path: text("path").notNull(),
    // Who caused it, as shown: a member's name or a remote handle.
    fromName: text("from_name").notNull().default(""),
    // Who caused it, when an app shows them as an account (a like, a boost):
    // a member here (their notifications go with them) or an actor elsewhere.
    fromMemberId: uuid("from_member_id").references(() => memberTable.id, { onDelete: "cascade" }),
    fromActorId: text("from_actor_id"),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("notification_member_idx").on(t.memberId, t.createdAt), index("notification_subject_idx").on(t.subjectType, t.subjectId)],
);
export type Notification = typeof notificationTable.$inferSelect;
