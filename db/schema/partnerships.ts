import { index, pgEnum, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { memberTable } from "./members.ts";
import { networkTable } from "./networks.ts";

/**
 * `outgoing`: we asked, waiting for them; `incoming`: they asked, our animators
 * decide; `active`: both Groups follow each other; `declined` / `ended` are kept
 * for the record.
 */
export const partnershipStates = ["outgoing", "incoming", "active", "declined", "ended"] as const;
export type PartnershipState = (typeof partnershipStates)[number];
export const partnershipStateEnum = pgEnum("partnership_state", partnershipStates);

/** One of our networks and a partner network (on this instance or another), by the partner Group's IRI. */
export const partnershipTable = pgTable(
  "partnership",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networkTable.id, { onDelete: "cascade" }),
    partnerActorId: text("partner_actor_id").notNull(),
    state: partnershipStateEnum("state").notNull(),
    // The asking side's words, shown to the other side's animators.
    message: text("message").notNull().default(""),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedById: uuid("decided_by_id").references(() => memberTable.id, { onDelete: "set null" }),
    // For a remote request (incoming): the partner Group's Follow, answered by Accept or Reject.
    requestActivityId: text("request_activity_id"),
  },
  (t) => [unique("partnership_uq").on(t.networkId, t.partnerActorId), index("partnership_partner_idx").on(t.partnerActorId)],
);
export type Partnership = typeof partnershipTable.$inferSelect;
export type NewPartnership = typeof partnershipTable.$inferInsert;

/** Instance-level block: nothing is accepted from the host and nothing is sent to it. */
export const domainBlockTable = pgTable("domain_block", {
  host: text("host").primaryKey(),
  reason: text("reason").notNull().default(""),
  createdById: uuid("created_by_id").references(() => memberTable.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
export type DomainBlock = typeof domainBlockTable.$inferSelect;

/** In allowlist mode, the hosts a network federates with (besides its partners' hosts). */
export const networkAllowedHostTable = pgTable(
  "network_allowed_host",
  {
    networkId: uuid("network_id")
      .notNull()
      .references(() => networkTable.id, { onDelete: "cascade" }),
    host: text("host").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.host] })],
);
export type NetworkAllowedHost = typeof networkAllowedHostTable.$inferSelect;
