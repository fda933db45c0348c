// Impact figures are counted from what happened (issue #12): no figure is
// stored. What is stored is who may see them, and the yearly activity
// report's own words.
import { boolean, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { memberTable } from "./members.ts";
import { networkTable } from "./networks.ts";

export const impactSettingsTable = pgTable("impact_settings", {
  networkId: uuid("network_id")
    .primaryKey()
    .references(() => networkTable.id, { onDelete: "cascade" }),
  // Anyone sees the totals (never a breakdown) on the network page.
  publicSummary: boolean("public_summary").notNull().default(false),
  // Our partner networks' animators may count our totals in theirs (a regional network).
  shareWithPartners: boolean("share_with_partners").notNull().default(false),
  // We are a regional network: show the totals our partners share with us.
  showPartners: boolean("show_partners").notNull().default(false),
});
export type ImpactSettings = typeof impactSettingsTable.$inferSelect;

/** The pilots' words for a year's activity report (the figures come from the rows). */
export const activityReportTable = pgTable(
  "activity_report",
  {
    networkId: uuid("network_id")
      .notNull()
      .references(() => networkTable.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    intro: text("intro").notNull().default(""),
    thanks: text("thanks").notNull().default(""),
    published: boolean("published").notNull().default(false),
    updatedById: uuid("updated_by_id").references(() => memberTable.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.year] })],
);
export type ActivityReport = typeof activityReportTable.$inferSelect;
