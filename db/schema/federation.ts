// Federation state: our actors' keys, the remote actors we know, who follows
// whom, what remote servers sent us, and what we published.
//
// A *local actor* is a network (ActivityPub `Group`, networkId set), a member
// (`Person`, memberId set) or, with both null, the instance actor
// (`Application`). Tables that belong to a local actor carry both columns.
import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  index,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
  jsonb,
} from "drizzle-orm/pg-core";
import { memberTable } from "./members.ts";
import { networkTable } from "./networks.ts";

const localActorColumns = () => ({
  networkId: uuid("network_id").references(() => networkTable.id, { onDelete: "cascade" }),
  memberId: uuid("member_id").references(() => memberTable.id, { onDelete: "cascade" }),
});

export const keyAlgorithms = ["rsa", "ed25519"] as const;
export type KeyAlgorithm = (typeof keyAlgorithms)[number];
export const keyAlgorithmEnum = pgEnum("key_algorithm", keyAlgorithms);

/** Key pairs of local actors (RSASSA-PKCS1-v1_5 for HTTP signatures, Ed25519 for proofs), made once. */
export const actorKeyTable = pgTable(
  "actor_key",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    ...localActorColumns(),
    algorithm: keyAlgorithmEnum("algorithm").notNull(),
    // JWK; the private half never leaves the server.
    publicKey: jsonb("public_key").$type<JsonWebKey>().notNull(),
    privateKey: jsonb("private_key").$type<JsonWebKey>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("actor_key_owner_uq").on(t.networkId, t.memberId, t.algorithm).nullsNotDistinct(),
    check("actor_key_one_owner", sql`${t.networkId} is null or ${t.memberId} is null`),
  ],
);
export type ActorKey = typeof actorKeyTable.$inferSelect;
export type NewActorKey = typeof actorKeyTable.$inferInsert;

/** Remote actors we have met, refreshed each time they interact with us. */
export const remoteActorTable = pgTable(
  "remote_actor",
  {
    // The actor's IRI.
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    host: text("host").notNull(),
    // `@name@host`, from preferredUsername and the id's host (no WebFinger round trip).
    handle: text("handle"),
    name: text("name"),
    // Plain text, for showing a partner network's description.
    summary: text("summary"),
    url: text("url"),
    iconUrl: text("icon_url"),
    inbox: text("inbox").notNull(),
    sharedInbox: text("shared_inbox"),
    refreshedAt: timestamp("refreshed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("remote_actor_host_idx").on(t.host)],
);
export type RemoteActor = typeof remoteActorTable.$inferSelect;
export type NewRemoteActor = typeof remoteActorTable.$inferInsert;

export const followStates = ["pending", "accepted"] as const;
export type FollowState = (typeof followStates)[number];
export const followStateEnum = pgEnum("follow_state", followStates);

/** A remote actor following one of our networks or members. */
export const followerTable = pgTable(
  "follower",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    ...localActorColumns(),
    remoteActorId: text("remote_actor_id")
      .notNull()
      .references(() => remoteActorTable.id, { onDelete: "cascade" }),
    // The remote Follow activity: answered by Accept or Reject, matched by Undo.
    followId: text("follow_id").notNull(),
    state: followStateEnum("state").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
  },
  (t) => [
    unique("follower_uq").on(t.networkId, t.memberId, t.remoteActorId).nullsNotDistinct(),
    index("follower_remote_idx").on(t.remoteActorId),
    check("follower_one_owner", sql`${t.networkId} is null or ${t.memberId} is null`),
  ],
);
export type Follower = typeof followerTable.$inferSelect;
export type NewFollower = typeof followerTable.$inferInsert;

/** One of our networks or members following a remote actor. */
export const followingTable = pgTable(
  "following",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    ...localActorColumns(),
    remoteActorId: text("remote_actor_id")
      .notNull()
      .references(() => remoteActorTable.id, { onDelete: "cascade" }),
    // Our Follow activity's id, quoted back by the remote Accept or Reject.
    followId: text("follow_id").notNull().unique(),
    state: followStateEnum("state").notNull().default("pending"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
  },
  (t) => [
    unique("following_uq").on(t.networkId, t.memberId, t.remoteActorId).nullsNotDistinct(),
    index("following_remote_idx").on(t.remoteActorId),
    check("following_one_owner", sql`${t.networkId} is null or ${t.memberId} is null`),
  ],
);
export type Following = typeof followingTable.$inferSelect;
export type NewFollowing = typeof followingTable.$inferInsert;

export const remoteVisibilities = ["public", "unlisted", "followers", "direct"] as const;
export type RemoteVisibility = (typeof remoteVisibilities)[number];
export const remoteVisibilityEnum = pgEnum("remote_visibility", remoteVisibilities);

/** A post from elsewhere: a reply to one of ours, or from someone we follow. HTML is sanitised. */
export const remotePostTable = pgTable(
  "remote_post",
  {
    // The object's IRI.
    id: text("id").primaryKey(),
    authorId: text("author_id")
      .notNull()
      .references(() => remoteActorTable.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    inReplyTo: text("in_reply_to"),
    // Set when it reached us through a group's Announce (FEP-1b12).
    announcedById: text("announced_by_id").references(() => remoteActorTable.id, { onDelete: "set null" }),
    name: text("name"),
    summary: text("summary"),
    contentHtml: text("content_html").notNull().default(""),
    language: text("language"),
    url: text("url"),
    sensitive: boolean("sensitive").notNull().default(false),
    visibility: remoteVisibilityEnum("visibility").notNull(),
    // Actor IRIs of ours that it is addressed to or mentions.
    localRecipients: jsonb("local_recipients").$type<string[]>().notNull().default([]),
    published: timestamp("published", { withTimezone: true }).notNull().defaultNow(),
    updated: timestamp("updated", { withTimezone: true }),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    // Hidden by the animators (moderation): no longer shown under our item.
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
  },
  (t) => [
    index("remote_post_reply_idx").on(t.inReplyTo),
    index("remote_post_author_idx").on(t.authorId, t.published),
  ],
);
export type RemotePost = typeof remotePostTable.$inferSelect;
export type NewRemotePost = typeof remotePostTable.$inferInsert;

export const reactionTypes = ["like", "announce"] as const;
export type ReactionType = (typeof reactionTypes)[number];
export const reactionTypeEnum = pgEnum("reaction_type", reactionTypes);

/** A remote Like or Announce of one of our objects; counted, removed by Undo. */
export const remoteReactionTable = pgTable(
  "remote_reaction",
  {
    activityId: text("activity_id").primaryKey(),
    type: reactionTypeEnum("type").notNull(),
    actorId: text("actor_id")
      .notNull()
      .references(() => remoteActorTable.id, { onDelete: "cascade" }),
    objectId: text("object_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("remote_reaction_uq").on(t.type, t.actorId, t.objectId),
    index("remote_reaction_object_idx").on(t.objectId),
  ],
);
export type RemoteReaction = typeof remoteReactionTable.$inferSelect;

export const outboxVisibilities = ["public", "partners"] as const;
export type OutboxVisibility = (typeof outboxVisibilities)[number];
export const outboxVisibilityEnum = pgEnum("outbox_visibility", outboxVisibilities);

/** What a local actor published (Create or Announce of an object), listed in its outbox. */
export const outboxEntryTable = pgTable(
  "outbox_entry",
  {
    activityId: text("activity_id").primaryKey(),
    ...localActorColumns(),
    type: text("type").notNull(),
    objectId: text("object_id").notNull(),
    visibility: outboxVisibilityEnum("visibility").notNull(),
    published: timestamp("published", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("outbox_entry_owner_idx").on(t.networkId, t.memberId, t.published),
    index("outbox_entry_object_idx").on(t.objectId),
    check("outbox_entry_one_owner", sql`${t.networkId} is null or ${t.memberId} is null`),
  ],
);
export type OutboxEntry = typeof outboxEntryTable.$inferSelect;

/**
 * Our objects that were deleted after they left the instance (a `Delete` was
 * sent): their id answers 410 Gone with a `Tombstone` (its former type and
 * when it went). A later `Create` of the same id removes the row. Ids only:
 * nothing personal is kept.
 */
export const objectTombstoneTable = pgTable("object_tombstone", {
  objectId: text("object_id").primaryKey(),
  formerType: text("former_type").notNull(),
  deleted: timestamp("deleted", { withTimezone: true }).notNull().defaultNow(),
});
export type ObjectTombstone = typeof objectTombstoneTable.$inferSelect;
