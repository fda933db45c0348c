// The commons library (issue #6): training resources a network publishes,
// their history, what it takes in from partner networks, and bookings of the
// equipment and places it lends.
import { sql, type SQL } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { searchDocument, tsvector } from "../search.ts";
import { visibilityEnum } from "./announcements.ts";
import { remoteActorTable } from "./federation.ts";
import { memberTable } from "./members.ts";
import { networkTable } from "./networks.ts";

/** fiche, kit de démarrage, support de formation, matériel à prêter, lieu à partager. */
export const resourceKinds = ["fiche", "kit", "formation", "materiel", "lieu"] as const;
export type ResourceKind = (typeof resourceKinds)[number];
export const resourceKindEnum = pgEnum("resource_kind", resourceKinds);

/** SPDX identifiers, plus "all rights reserved" (rules in server/domain/commons/licences.ts). */
export const licences = ["CC-BY-SA-4.0", "CC-BY-4.0", "CC0-1.0", "all-rights-reserved"] as const;
export type Licence = (typeof licences)[number];
export const licenceEnum = pgEnum("licence", licences);

/**
 * One link of an adaptation's attribution chain, nearest origin first: what
 * was adapted (its ActivityPub id), by whom, under which licence. Kept as
 * data so that it survives the origin's deletion.
 */
export interface Attribution {
  id: string;
  url: string | null;
  title: string;
  networkId: string;
  networkName: string;
  authors: string[];
  licence: Licence;
}

/** The content fields that versions keep. */
const contentColumns = () => ({
  title: text("title").notNull(),
  summary: text("summary").notNull().default(""),
  // Markdown, rendered inert (server/domain/markdown.ts).
  body: text("body").notNull().default(""),
  tags: jsonb("tags").$type<string[]>().notNull().default([]),
  themes: jsonb("themes").$type<string[]>().notNull().default([]),
  authors: jsonb("authors").$type<string[]>().notNull().default([]),
  licence: licenceEnum("licence").notNull().default("CC-BY-SA-4.0"),
});

/** A resource of a network's library; an ActivityPub `Article` at /n/{slug}/r/{id}. */
export const resourceTable = pgTable(
  "resource",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networkTable.id, { onDelete: "cascade" }),
    kind: resourceKindEnum("kind").notNull(),
    ...contentColumns(),
    visibility: visibilityEnum("visibility").notNull().default("network"),
    // An adaptation: the chain of what it was adapted from (empty for an original).
    derivation: jsonb("derivation").$type<Attribution[]>().notNull().default([]),
    version: integer("version").notNull().default(1),
    // Hidden by the animators (moderation): gone from every surface but its author's and the animators' view.
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    createdById: uuid("created_by_id").references(() => memberTable.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    search: tsvector("search").generatedAlwaysAs((): SQL => searchDocument(resourceTable.title, resourceTable.summary, resourceTable.body)),
  },
  (t) => [index("resource_network_idx").on(t.networkId, t.updatedAt), index("resource_search_idx").using("gin", t.search)],
);
export type Resource = typeof resourceTable.$inferSelect;
export type NewResource = typeof resourceTable.$inferInsert;

/** Every version of a resource, the latest included: readers open earlier ones. */
export const resourceVersionTable = pgTable(
  "resource_version",
  {
    resourceId: uuid("resource_id")
      .notNull()
      .references(() => resourceTable.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    ...contentColumns(),
    editedById: uuid("edited_by_id").references(() => memberTable.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.resourceId, t.number] })],
);
export type ResourceVersion = typeof resourceVersionTable.$inferSelect;

/**
 * A resource received from a partner network's Group (sanitised, keyed by its
 * ActivityPub id). A sibling of `resource` rather than rows in it: it is a
 * cache of someone else's document — no versions, no files of ours, no local
 * network — and a Delete turns it into a tombstone that adopted references
 * still point at ("no longer available").
 */
export const remoteResourceTable = pgTable(
  "remote_resource",
  {
    id: text("id").primaryKey(),
    groupId: text("group_id")
      .notNull()
      .references(() => remoteActorTable.id, { onDelete: "cascade" }),
    kind: resourceKindEnum("kind").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    // The Markdown source when the partner sent one (rendered by us), else "".
    body: text("body").notNull().default(""),
    contentHtml: text("content_html").notNull().default(""),
    url: text("url"),
    tags: jsonb("tags").$type<string[]>().notNull().default([]),
    themes: jsonb("themes").$type<string[]>().notNull().default([]),
    authors: jsonb("authors").$type<string[]>().notNull().default([]),
    licence: licenceEnum("licence").notNull(),
    files: jsonb("files").$type<{ url: string; mediaType: string | null; name: string | null }[]>().notNull().default([]),
    derivation: jsonb("derivation").$type<Attribution[]>().notNull().default([]),
    public: boolean("public").notNull().default(false),
    published: timestamp("published", { withTimezone: true }).notNull().defaultNow(),
    updated: timestamp("updated", { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    search: tsvector("search").generatedAlwaysAs(
      (): SQL => searchDocument(remoteResourceTable.title, remoteResourceTable.summary, remoteResourceTable.body),
    ),
  },
  (t) => [index("remote_resource_group_idx").on(t.groupId, t.updated), index("remote_resource_search_idx").using("gin", t.search)],
);
export type RemoteResource = typeof remoteResourceTable.$inferSelect;
export type NewRemoteResource = typeof remoteResourceTable.$inferInsert;

/** A network adopts a partner's resource as is: a reference (by ActivityPub id) that follows its updates. */
export const resourceAdoptionTable = pgTable(
  "resource_adoption",
  {
    networkId: uuid("network_id")
      .notNull()
      .references(() => networkTable.id, { onDelete: "cascade" }),
    originId: text("origin_id").notNull(),
    adoptedById: uuid("adopted_by_id").references(() => memberTable.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.originId] })],
);
export type ResourceAdoption = typeof resourceAdoptionTable.$inferSelect;

/** Per network: may plain members add resources (animators always may)? */
export const commonsSettingsTable = pgTable("commons_settings", {
  networkId: uuid("network_id")
    .primaryKey()
    .references(() => networkTable.id, { onDelete: "cascade" }),
  membersMayAdd: boolean("members_may_add").notNull().default(false),
});

export const bookingStates = ["requested", "accepted", "declined", "cancelled"] as const;
export type BookingState = (typeof bookingStates)[number];
export const bookingStateEnum = pgEnum("booking_state", bookingStates);

/**
 * A partner network (or the owner itself) asks for a matériel or lieu for a
 * time range. Accepted bookings of one resource never overlap: an exclusion
 * constraint (custom migration, btree_gist) guards it under concurrency.
 */
export const bookingTable = pgTable(
  "booking",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    resourceId: uuid("resource_id")
      .notNull()
      .references(() => resourceTable.id, { onDelete: "cascade" }),
    // A network of this instance, or (requesterActorId) a partner network's Group elsewhere.
    requesterNetworkId: uuid("requester_network_id").references(() => networkTable.id, { onDelete: "cascade" }),
    requesterActorId: text("requester_actor_id").references(() => remoteActorTable.id, { onDelete: "cascade" }),
    // Their Offer, answered by Accept or Reject.
    requestActivityId: text("request_activity_id"),
    requestedById: uuid("requested_by_id").references(() => memberTable.id, { onDelete: "set null" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    message: text("message").notNull().default(""),
    state: bookingStateEnum("state").notNull().default("requested"),
    decidedById: uuid("decided_by_id").references(() => memberTable.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [
    index("booking_resource_idx").on(t.resourceId, t.startsAt),
    check("booking_range", sql`${t.endsAt} > ${t.startsAt}`),
    check("booking_one_requester", sql`(${t.requesterNetworkId} is null) <> (${t.requesterActorId} is null)`),
  ],
);
export type Booking = typeof bookingTable.$inferSelect;

/**
 * Our network's request to book a partner's matériel or lieu on another
 * instance: sent as an `Offer` to its Group, answered by `Accept` or `Reject`.
 */
export const outgoingBookingTable = pgTable(
  "outgoing_booking",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networkTable.id, { onDelete: "cascade" }),
    resourceId: text("resource_id")
      .notNull()
      .references(() => remoteResourceTable.id, { onDelete: "cascade" }),
    requestedById: uuid("requested_by_id").references(() => memberTable.id, { onDelete: "set null" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    message: text("message").notNull().default(""),
    state: bookingStateEnum("state").notNull().default("requested"),
    offerId: text("offer_id").unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("outgoing_booking_network_idx").on(t.networkId, t.startsAt)],
);
export type OutgoingBooking = typeof outgoingBookingTable.$inferSelect;
