import { sql } from "drizzle-orm";
import { bigserial, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Fedify's key-value store (caches, idempotence keys): keys are joined with U+001F. */
export const fedifyKvTable = pgTable(
  "fedify_kv",
  {
    key: text("key").primaryKey(),
    value: jsonb("value").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
  },
  (t) => [index("fedify_kv_expires_idx").on(t.expiresAt)],
);

/** Fedify's message queue: outgoing deliveries and inbox work, persisted across restarts. */
export const fedifyMessageTable = pgTable(
  "fedify_message",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    message: jsonb("message").notNull(),
    deliverAt: timestamp("deliver_at", { withTimezone: true }).notNull().defaultNow(),
    // Set while a worker handles it; a crashed worker's message is taken again after this.
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    orderingKey: text("ordering_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("fedify_message_ready_idx").on(t.deliverAt),
    // The claim query checks that no earlier message holds the same key: without
    // this index it scanned the whole backlog for every candidate (93 ms vs 1.5 ms at 1,000).
    index("fedify_message_ordering_idx").on(t.orderingKey).where(sql`${t.orderingKey} is not null`),
  ],
);
