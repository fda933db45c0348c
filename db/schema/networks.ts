import { boolean, index, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { memberTable } from "./members.ts";

/** A micro-quartier or an association (ActivityPub `Group`). */
export const networkTable = pgTable("network", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  area: text("area").notNull().default(""),
  rules: text("rules").notNull().default(""),
  approvesFollowers: boolean("approves_followers").notNull().default(false),
  // `allowlist`: federate only with partner networks and the network's allowed hosts.
  federationMode: text("federation_mode", { enum: ["open", "allowlist"] }).notNull().default("open"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
export type Network = typeof networkTable.$inferSelect;
export type NewNetwork = typeof networkTable.$inferInsert;

export const roles = ["member", "animator", "pilot"] as const;
export type Role = (typeof roles)[number];
export const roleEnum = pgEnum("network_role", roles);

export const membershipTable = pgTable(
  "membership",
  {
    networkId: uuid("network_id")
      .notNull()
      .references(() => networkTable.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberTable.id, { onDelete: "cascade" }),
    role: roleEnum("role").notNull().default("member"),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
    // The household (foyer) the animators say this member lives in, a label of
    // their choosing ("Famille Martin", "C 12"): members with the same label
    // count as one household in the impact figures. Seen by the animation group only.
    household: text("household"),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.memberId] }), index("membership_member_idx").on(t.memberId)],
);
export type Membership = typeof membershipTable.$inferSelect;
