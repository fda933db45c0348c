import { index, integer, pgTable, text, timestamp, uuid, check } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { memberTable } from "./members.ts";
import { networkTable, roleEnum } from "./networks.ts";

/** Handed out in person by an animator; redeemed at signup. */
export const invitationTable = pgTable(
  "invitation",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networkTable.id, { onDelete: "cascade" }),
    // Kept readable so that the animator can print the cards again later.
    code: text("code").notNull().unique(),
    role: roleEnum("role").notNull().default("member"),
    maxUses: integer("max_uses").notNull().default(1),
    uses: integer("uses").notNull().default(0),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    note: text("note").notNull().default(""),
    createdById: uuid("created_by_id").references(() => memberTable.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    index("invitation_network_idx").on(t.networkId),
    check("invitation_uses_check", sql`${t.uses} >= 0 and ${t.uses} <= ${t.maxUses}`),
  ],
);
export type Invitation = typeof invitationTable.$inferSelect;
export type NewInvitation = typeof invitationTable.$inferInsert;
