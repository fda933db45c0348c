import { sql } from "drizzle-orm";
import { boolean, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** A person with an account on this instance (ActivityPub `Person`). */
export const memberTable = pgTable(
  "member",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Lower-case, unique across the instance (networks and members share the namespace).
    handle: text("handle").notNull().unique(),
    displayName: text("display_name").notNull(),
    email: text("email"),
    // Null for sponsored members, who never log in themselves.
    passwordHash: text("password_hash"),
    isAdmin: boolean("is_admin").notNull().default(false),
    locale: text("locale").notNull().default("fr"),
    bio: text("bio").notNull().default(""),
    acceptedPrinciplesAt: timestamp("accepted_principles_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("member_email_idx").on(t.email).where(sql`${t.email} is not null`)],
);
export type Member = typeof memberTable.$inferSelect;
export type NewMember = typeof memberTable.$inferInsert;

/** A login session; the cookie holds a random token, only its SHA-256 is stored. */
export const sessionTable = pgTable(
  "session",
  {
    tokenHash: text("token_hash").primaryKey(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberTable.id, { onDelete: "cascade" }),
    csrfToken: text("csrf_token").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("session_member_idx").on(t.memberId)],
);
export type Session = typeof sessionTable.$inferSelect;
