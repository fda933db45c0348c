// The Mastodon client API (issue #15): apps registered by Mastodon clients,
// the one-time codes of the OAuth flow, and the tokens apps hold. Secrets,
// codes and tokens are random; only their SHA-256 is stored.
import { integer, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { memberTable } from "./members.ts";

/** An app registered with POST /api/v1/apps (anyone may register one). */
export const mastodonAppTable = pgTable("mastodon_app", {
  id: uuid("id").primaryKey().defaultRandom(),
  clientId: text("client_id").notNull().unique(),
  clientSecretHash: text("client_secret_hash").notNull(),
  name: text("name").notNull(),
  website: text("website"),
  // Exact URIs the app may be sent back to (urn:ietf:wg:oauth:2.0:oob included).
  redirectUris: text("redirect_uris").array().notNull(),
  scopes: text("scopes").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
export type MastodonApp = typeof mastodonAppTable.$inferSelect;

/** A code handed to the app after the member said yes; used once, within minutes. */
export const mastodonCodeTable = pgTable(
  "mastodon_code",
  {
    codeHash: text("code_hash").primaryKey(),
    appId: uuid("app_id")
      .notNull()
      .references(() => mastodonAppTable.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberTable.id, { onDelete: "cascade" }),
    redirectUri: text("redirect_uri").notNull(),
    scopes: text("scopes").notNull(),
    codeChallenge: text("code_challenge"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("mastodon_code_member_idx").on(t.memberId)],
);

/** An access token: a member's (authorization code) or the app's own (client credentials, no member). */
export const mastodonTokenTable = pgTable(
  "mastodon_token",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull().unique(),
    appId: uuid("app_id")
      .notNull()
      .references(() => mastodonAppTable.id, { onDelete: "cascade" }),
    memberId: uuid("member_id").references(() => memberTable.id, { onDelete: "cascade" }),
    scopes: text("scopes").notNull(),
    // The code it was issued for: a code used twice revokes its token (RFC 6749 §4.1.2).
    codeHash: text("code_hash"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [index("mastodon_token_member_idx").on(t.memberId)],
);
export type MastodonToken = typeof mastodonTokenTable.$inferSelect;

/** A phone's Web Push subscription, one per token (docs.joinmastodon.org/methods/push/). */
export const mastodonPushTable = pgTable(
  "mastodon_push_subscription",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenId: uuid("token_id")
      .notNull()
      .unique()
      .references(() => mastodonTokenTable.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberTable.id, { onDelete: "cascade" }),
    endpoint: text("endpoint").notNull(),
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    // The Mastodon types the phone wants, space-separated (mention, follow, …).
    alerts: text("alerts").notNull(),
    policy: text("policy", { enum: ["all", "followed", "follower", "none"] }).notNull().default("all"),
    // Notifications made before this were pushed (or predate the subscription).
    pushedUntil: timestamp("pushed_until", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("mastodon_push_member_idx").on(t.memberId)],
);
export type MastodonPush = typeof mastodonPushTable.$inferSelect;

/** The instance's VAPID key pair for Web Push: made once, on first need, then kept. */
export const mastodonVapidTable = pgTable("mastodon_vapid", {
  id: integer("id").primaryKey().default(1),
  publicKey: text("public_key").notNull(),
  privateKey: text("private_key").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
