import { index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { memberTable } from "./members.ts";
import { networkTable } from "./networks.ts";

/**
 * Who may see what a member posts: `network` (members only, never federated),
 * `partners` (also the partner networks' Groups), `public` (anyone).
 * Shared by announcements now, offers, events and resources later.
 */
export const visibilities = ["network", "partners", "public"] as const;
export type Visibility = (typeof visibilities)[number];
export const visibilityEnum = pgEnum("visibility", visibilities);

/** A network's short post (news, a welcome, the next café): an ActivityPub `Note`. */
export const announcementTable = pgTable(
  "announcement",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networkTable.id, { onDelete: "cascade" }),
    // Null when the network itself speaks (its animators); else the member who wrote it.
    authorId: uuid("author_id").references(() => memberTable.id, { onDelete: "cascade" }),
    // Who pressed the button (a sponsor may post for a sponsored member).
    postedById: uuid("posted_by_id").references(() => memberTable.id, { onDelete: "set null" }),
    content: text("content").notNull(),
    visibility: visibilityEnum("visibility").notNull().default("network"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }),
    // Hidden by the animators (moderation): gone from every surface but its author's and the animators' view.
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
  },
  (t) => [index("announcement_network_idx").on(t.networkId, t.createdAt), index("announcement_author_idx").on(t.authorId)],
);
export type Announcement = typeof announcementTable.$inferSelect;
export type NewAnnouncement = typeof announcementTable.$inferInsert;
