// A member's blocks: another member of this instance or a remote account.
// Silent: the blocked side is never told; answers, messages and mentions from
// them stop reaching the blocker, and neither sees the other's offers.
import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { remoteActorTable } from "./federation.ts";
import { memberTable } from "./members.ts";

export const memberBlockTable = pgTable(
  "member_block",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberTable.id, { onDelete: "cascade" }),
    blockedMemberId: uuid("blocked_member_id").references(() => memberTable.id, { onDelete: "cascade" }),
    blockedActorId: text("blocked_actor_id").references(() => remoteActorTable.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("member_block_member_uq").on(t.memberId, t.blockedMemberId),
    unique("member_block_actor_uq").on(t.memberId, t.blockedActorId),
    index("member_block_blocked_idx").on(t.blockedMemberId),
    check("member_block_one_target", sql`(${t.blockedMemberId} is null) <> (${t.blockedActorId} is null)`),
  ],
);
export type MemberBlock = typeof memberBlockTable.$inferSelect;
