import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { announcementTable } from "./announcements.ts";
import { memberTable } from "./members.ts";
import { networkTable } from "./networks.ts";

/**
 * Emails waiting for the worker, and a trace of those sent. A row is written in
 * the transaction that causes the email (a reset request, a notification), so a
 * rollback sends nothing; the worker renders it (template + params, in the
 * member's language) and sends it. Once sent or given up, the params (which may
 * hold a one-time link) are wiped: only the trace stays.
 */
export const mailOutboxTable = pgTable(
  "mail_outbox",
  {
    // Also the Message-ID's local part: a message retried keeps its identity.
    id: uuid("id").primaryKey().defaultRandom(),
    // Whom it is about (its language, its unsubscribe link); null for none.
    memberId: uuid("member_id").references(() => memberTable.id, { onDelete: "cascade" }),
    toAddress: text("to_address").notNull(),
    template: text("template").notNull(),
    params: jsonb("params").$type<Record<string, unknown>>().notNull().default({}),
    status: text("status", { enum: ["pending", "sent", "failed"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    // A worker holding the row; another takes it once this passes (a crashed worker).
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("mail_outbox_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index("mail_outbox_member_idx").on(t.memberId),
  ],
);
export type MailOutbox = typeof mailOutboxTable.$inferSelect;

export const emailTokenPurposes = ["password_reset", "reset_code", "email_confirm"] as const;
export type EmailTokenPurpose = (typeof emailTokenPurposes)[number];

/**
 * One-time tokens: a password-reset link, an in-person reset code, an address
 * to confirm. Only the SHA-256 is kept; used once, then marked.
 */
export const emailTokenTable = pgTable(
  "email_token",
  {
    tokenHash: text("token_hash").primaryKey(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberTable.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: emailTokenPurposes }).notNull(),
    // The address to confirm (email_confirm only).
    email: text("email"),
    // The animator or sponsor who made an in-person code.
    createdById: uuid("created_by_id").references(() => memberTable.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("email_token_member_idx").on(t.memberId, t.purpose)],
);
export type EmailToken = typeof emailTokenTable.$inferSelect;

export const mailCategories = ["offers", "events", "bookings", "tasks", "newsletter", "moderation"] as const;
export type MailCategory = (typeof mailCategories)[number];
export const mailModes = ["immediate", "daily", "weekly", "none"] as const;
export type MailMode = (typeof mailModes)[number];

/** A member's choice for one kind of email (absent: the default). */
export const mailPreferenceTable = pgTable(
  "mail_preference",
  {
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberTable.id, { onDelete: "cascade" }),
    category: text("category", { enum: mailCategories }).notNull(),
    mode: text("mode", { enum: mailModes }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.category] })],
);
export type MailPreference = typeof mailPreferenceTable.$inferSelect;

/** Per member: whether a sponsor receives their emails, and up to when digests went out. */
export const mailSettingsTable = pgTable("mail_settings", {
  memberId: uuid("member_id")
    .primaryKey()
    .references(() => memberTable.id, { onDelete: "cascade" }),
  // A sponsored neighbour's emails go to their sponsor's address (the sponsor chose it).
  viaSponsor: boolean("via_sponsor").notNull().default(false),
  dailyDigestUntil: timestamp("daily_digest_until", { withTimezone: true }),
  weeklyDigestUntil: timestamp("weekly_digest_until", { withTimezone: true }),
});
export type MailSettings = typeof mailSettingsTable.$inferSelect;

/**
 * An issue of a network's newsletter, written in Markdown by its animators.
 * Sending enqueues one outbox row per recipient in one statement (INSERT …
 * SELECT), so a send to thousands holds nothing per recipient in memory.
 */
export const newsletterIssueTable = pgTable(
  "newsletter_issue",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networkTable.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => memberTable.id, { onDelete: "set null" }),
    subject: text("subject").notNull(),
    body: text("body").notNull().default(""),
    // Archived on the network page for its members, or for everyone.
    visibility: text("visibility", { enum: ["members", "public"] }).notNull().default("members"),
    status: text("status", { enum: ["draft", "sent"] }).notNull().default("draft"),
    recipientCount: integer("recipient_count"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    // Once published as an announcement (at most once; free again if that one is deleted).
    announcementId: uuid("announcement_id").references(() => announcementTable.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }),
  },
  (t) => [index("newsletter_issue_network_idx").on(t.networkId, t.createdAt)],
);
export type NewsletterIssue = typeof newsletterIssueTable.$inferSelect;
