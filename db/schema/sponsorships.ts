import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid, bigserial } from "drizzle-orm/pg-core";
import { memberTable } from "./members.ts";
import { networkTable } from "./networks.ts";

/** A sponsor (parrain/marraine) acts for a neighbour without email or device. */
export const sponsorshipTable = pgTable(
  "sponsorship",
  {
    sponsorId: uuid("sponsor_id")
      .notNull()
      .references(() => memberTable.id, { onDelete: "cascade" }),
    sponsoredId: uuid("sponsored_id")
      .notNull()
      .references(() => memberTable.id, { onDelete: "cascade" }),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networkTable.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sponsorId, t.sponsoredId] }), index("sponsorship_sponsored_idx").on(t.sponsoredId)],
);
export type Sponsorship = typeof sponsorshipTable.$inferSelect;

/** Every act done on someone's behalf or by an animator: "by X for Y". */
export const actLogTable = pgTable(
  "act_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    // Who pressed the button (null once that account is deleted).
    byMemberId: uuid("by_member_id").references(() => memberTable.id, { onDelete: "set null" }),
    // For whom; equal to byMemberId when acting for oneself.
    forMemberId: uuid("for_member_id").references(() => memberTable.id, { onDelete: "cascade" }),
    networkId: uuid("network_id").references(() => networkTable.id, { onDelete: "cascade" }),
    action: text("action").notNull(),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("act_log_for_idx").on(t.forMemberId), index("act_log_by_idx").on(t.byMemberId)],
);
export type Act = typeof actLogTable.$inferSelect;
