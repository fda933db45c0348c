import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Rate-limit counters shared by every process on the database (when REDIS_URL
 * is not set): one fixed window per key. Keys hold a hash of the subject (an
 * address, an account), never the subject itself; rows end with their window.
 */
export const rateLimitCounterTable = pgTable(
  "rate_limit_counter",
  {
    key: text("key").primaryKey(),
    count: integer("count").notNull(),
    resetAt: timestamp("reset_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("rate_limit_counter_reset_idx").on(t.resetAt)],
);
