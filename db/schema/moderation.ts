// Moderation (issue #13): reports (signalements) from members or from other
// servers (`Flag`), what the animators did about them (the moderation log),
// items hidden by them, suspensions, and remote accounts or servers a network
// blocked. Member-to-member blocks live elsewhere (server/domain/blocks/).
import { sql } from "drizzle-orm";
import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { memberTable } from "./members.ts";
import { networkTable } from "./networks.ts";

/** Against one of the four principles, or plainly wrong. */
export const reportReasons = ["promotion", "pressure", "incivility", "spam", "illegal", "other"] as const;
export type ReportReason = (typeof reportReasons)[number];

/** What can be reported: our items, a member, or something from elsewhere. */
export const reportSubjects = ["offer", "announcement", "event", "resource", "message", "remote_post", "member", "remote_actor"] as const;
export type ReportSubject = (typeof reportSubjects)[number];

export const reportStatuses = ["open", "dismissed", "resolved"] as const;
export type ReportStatus = (typeof reportStatuses)[number];

/** The reported item as it was when reported: kept even if it is edited or deleted since. */
export interface ReportSnapshot {
  title: string;
  text: string;
  url: string | null;
  /** The author as shown (a member's name, a remote handle). */
  author: string;
}

export const reportTable = pgTable(
  "report",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // The network whose animators handle it; null: the instance admin's queue.
    networkId: uuid("network_id").references(() => networkTable.id, { onDelete: "cascade" }),
    // The member who reported (their reports go with their account); null for a Flag from another server.
    reporterId: uuid("reporter_id").references(() => memberTable.id, { onDelete: "cascade" }),
    // A Flag received: the sending server, and the activity's id (a repeated delivery creates nothing).
    fromHost: text("from_host"),
    flagId: text("flag_id").unique(),
    subjectType: text("subject_type", { enum: reportSubjects }).notNull(),
    subjectId: text("subject_id").notNull(),
    // Who the report is about: one of our members, or a remote actor's IRI.
    targetMemberId: uuid("target_member_id").references(() => memberTable.id, { onDelete: "set null" }),
    targetActorId: text("target_actor_id"),
    reason: text("reason", { enum: reportReasons }).notNull(),
    comment: text("comment").notNull().default(""),
    snapshot: jsonb("snapshot").$type<ReportSnapshot>().notNull(),
    // The reporter asked to forward it to the remote account's server (as a Flag from the instance actor).
    forward: boolean("forward").notNull().default(false),
    forwardedAt: timestamp("forwarded_at", { withTimezone: true }),
    status: text("status", { enum: reportStatuses }).notNull().default("open"),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("report_queue_idx").on(t.networkId, t.status, t.createdAt),
    index("report_target_member_idx").on(t.targetMemberId),
    index("report_target_actor_idx").on(t.targetActorId),
    // One report per member and item: reporting again returns the first one.
    uniqueIndex("report_once_idx").on(t.reporterId, t.subjectType, t.subjectId).where(sql`${t.reporterId} is not null`),
  ],
);
export type Report = typeof reportTable.$inferSelect;
export type NewReport = typeof reportTable.$inferInsert;

export const moderationActions = [
  "dismiss",
  "hide",
  "unhide",
  "warn",
  "suspend",
  "remove",
  "block_remote",
  "request_domain_block",
  "forward",
  "review_requested",
  "approve",
  "settings",
] as const;
export type ModerationAction = (typeof moderationActions)[number];

/** The moderation log: who did what, when, why. Seen by the animation group, pilots and the admin. */
export const moderationLogTable = pgTable(
  "moderation_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    networkId: uuid("network_id").references(() => networkTable.id, { onDelete: "cascade" }),
    // Kept when the moderator leaves: the log is the network's.
    moderatorId: uuid("moderator_id").references(() => memberTable.id, { onDelete: "set null" }),
    moderatorName: text("moderator_name").notNull().default(""),
    reportId: uuid("report_id").references(() => reportTable.id, { onDelete: "set null" }),
    action: text("action", { enum: moderationActions }).notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    // Who it concerned, as shown then.
    targetName: text("target_name").notNull().default(""),
    reason: text("reason").notNull().default(""),
    until: timestamp("until", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("moderation_log_network_idx").on(t.networkId, t.createdAt)],
);
export type ModerationLogEntry = typeof moderationLogTable.$inferSelect;

/** An item the animators hid: its author sees it hidden, with the reason, and may ask for a review. */
export const hiddenItemTable = pgTable(
  "hidden_item",
  {
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    networkId: uuid("network_id").references(() => networkTable.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => memberTable.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    // Held for approval (a new member's first post), not hidden after a report.
    held: boolean("held").notNull().default(false),
    // What the item's status was, to give it back when the animators show it again.
    previousStatus: text("previous_status"),
    // Withdrawn with its author's suspension or removal, not for itself: a suspension's items come back when it ends.
    measure: text("measure", { enum: ["suspension", "removal"] }),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }).notNull().defaultNow(),
    reviewRequestedAt: timestamp("review_requested_at", { withTimezone: true }),
    reviewNote: text("review_note"),
  },
  (t) => [primaryKey({ columns: [t.subjectType, t.subjectId] }), index("hidden_item_author_idx").on(t.authorId)],
);
export type HiddenItem = typeof hiddenItemTable.$inferSelect;

/** A member suspended from a network until a date: they read, they neither post nor answer. */
export const suspensionTable = pgTable(
  "suspension",
  {
    networkId: uuid("network_id")
      .notNull()
      .references(() => networkTable.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberTable.id, { onDelete: "cascade" }),
    until: timestamp("until", { withTimezone: true }).notNull(),
    reason: text("reason").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.memberId] })],
);

/** A remote account (its IRI) or a whole server (its host) a network no longer federates with. */
export const networkBlockTable = pgTable(
  "network_block",
  {
    networkId: uuid("network_id")
      .notNull()
      .references(() => networkTable.id, { onDelete: "cascade" }),
    target: text("target").notNull(),
    kind: text("kind", { enum: ["actor", "host"] }).notNull(),
    reason: text("reason").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.target] })],
);

/** Per-network safety rails: hold a new member's first posts for an animator's approval (off by default). */
export const moderationSettingsTable = pgTable("moderation_settings", {
  networkId: uuid("network_id")
    .primaryKey()
    .references(() => networkTable.id, { onDelete: "cascade" }),
  holdFirstPosts: boolean("hold_first_posts").notNull().default(false),
});
