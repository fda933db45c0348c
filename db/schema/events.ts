// Events (rendez-vous): cafés-rencontres, the yearly fête, ateliers, collective
// actions. A recurring event is a series (its RRULE, as iCalendar keeps it)
// whose occurrences are materialised as `event` rows: each occurrence is one
// ActivityPub `Event`, has its own participants and may be edited or
// cancelled alone (`detached`).
import type { SQL } from "drizzle-orm";
import { boolean, doublePrecision, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { searchDocument, tsvector } from "../search.ts";
import { visibilityEnum } from "./announcements.ts";
import { remoteActorTable } from "./federation.ts";
import { memberTable } from "./members.ts";
import { networkTable } from "./networks.ts";

export const eventKinds = ["cafe", "fete", "atelier", "formation", "action", "reunion"] as const;
export type EventKind = (typeof eventKinds)[number];
export const eventKindEnum = pgEnum("event_kind", eventKinds);

/** `waiting`: said "going" when the event was full; promoted in order when a place frees up. */
export const rsvpStatuses = ["going", "maybe", "not_going", "waiting"] as const;
export type RsvpStatus = (typeof rsvpStatuses)[number];
export const rsvpEnum = pgEnum("rsvp_status", rsvpStatuses);

/** A recurrence: the RRULE the UI produced (DTSTART is the first occurrence's start, Europe/Paris). */
export const eventSeriesTable = pgTable("event_series", {
  id: uuid("id").primaryKey().defaultRandom(),
  networkId: uuid("network_id")
    .notNull()
    .references(() => networkTable.id, { onDelete: "cascade" }),
  rrule: text("rrule").notNull(),
  // "Never ends" was chosen explicitly; occurrences are materialised a year ahead.
  endless: boolean("endless").notNull().default(false),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
export type EventSeries = typeof eventSeriesTable.$inferSelect;

export const eventTable = pgTable(
  "event",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networkTable.id, { onDelete: "cascade" }),
    seriesId: uuid("series_id").references(() => eventSeriesTable.id, { onDelete: "cascade" }),
    // The start this occurrence had in its series (iCalendar RECURRENCE-ID), kept when it moves.
    originalStartsAt: timestamp("original_starts_at", { withTimezone: true }),
    // Edited on its own: whole-series edits leave it alone.
    detached: boolean("detached").notNull().default(false),
    organiserId: uuid("organiser_id").references(() => memberTable.id, { onDelete: "set null" }),
    kind: eventKindEnum("kind").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    placeName: text("place_name").notNull(),
    street: text("street"),
    postalCode: text("postal_code"),
    locality: text("locality"),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    capacity: integer("capacity"),
    visibility: visibilityEnum("visibility").notNull().default("network"),
    cancelled: boolean("cancelled").notNull().default(false),
    signupClosed: boolean("signup_closed").notNull().default(false),
    // Hidden by the animators (moderation): gone from every surface but its author's and the animators' view.
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }),
    search: tsvector("search").generatedAlwaysAs((): SQL => searchDocument(eventTable.title, eventTable.body, eventTable.placeName)),
  },
  (t) => [
    index("event_network_start_idx").on(t.networkId, t.startsAt),
    index("event_series_idx").on(t.seriesId),
    index("event_search_idx").using("gin", t.search),
  ],
);
export type Event = typeof eventTable.$inferSelect;
export type NewEvent = typeof eventTable.$inferInsert;

/** Who comes: a local member (maybe answered by a sponsor) or a remote actor (Join). */
export const eventParticipationTable = pgTable(
  "event_participation",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => eventTable.id, { onDelete: "cascade" }),
    memberId: uuid("member_id").references(() => memberTable.id, { onDelete: "cascade" }),
    remoteActorId: text("remote_actor_id").references(() => remoteActorTable.id, { onDelete: "cascade" }),
    // The remote actor's Join, answered by Accept or Reject.
    joinActivityId: text("join_activity_id"),
    status: rsvpEnum("status").notNull(),
    respondedById: uuid("responded_by_id").references(() => memberTable.id, { onDelete: "set null" }),
    // Ticked by the organiser after the event: came (true), did not (false), not ticked (null).
    attended: boolean("attended"),
    // Waiting-list order.
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("event_participation_member_idx").on(t.eventId, t.memberId),
    uniqueIndex("event_participation_remote_idx").on(t.eventId, t.remoteActorId),
    index("event_participation_of_member_idx").on(t.memberId),
  ],
);
export type EventParticipation = typeof eventParticipationTable.$inferSelect;

/** A collective action's sign-up line: "bags of compost", "a hand on Saturday morning". */
export const eventSignupItemTable = pgTable(
  "event_signup_item",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => eventTable.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("event_signup_item_event_idx").on(t.eventId)],
);
export type EventSignupItem = typeof eventSignupItemTable.$inferSelect;

export const eventSignupTable = pgTable(
  "event_signup",
  {
    itemId: uuid("item_id")
      .notNull()
      .references(() => eventSignupItemTable.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberTable.id, { onDelete: "cascade" }),
    quantity: integer("quantity").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.memberId] })],
);

/** A remote `Event` we know of: a partner's shared event, or one a member joined. */
export const remoteEventTable = pgTable(
  "remote_event",
  {
    id: text("id").primaryKey(),
    // attributedTo (the organiser) and the Group that shared it (audience, or who announced it).
    actorId: text("actor_id").notNull(),
    groupId: text("group_id"),
    name: text("name").notNull(),
    contentHtml: text("content_html").notNull().default(""),
    url: text("url"),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    place: text("place"),
    joinMode: text("join_mode"),
    capacity: integer("capacity"),
    participantCount: integer("participant_count"),
    isPublic: boolean("is_public").notNull().default(false),
    cancelled: boolean("cancelled").notNull().default(false),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("remote_event_group_idx").on(t.groupId, t.startsAt)],
);
export type RemoteEvent = typeof remoteEventTable.$inferSelect;

/** A local member's Join of a remote event: pending until the organiser's server accepts. */
export const remoteEventParticipationTable = pgTable(
  "remote_event_participation",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    remoteEventId: text("remote_event_id")
      .notNull()
      .references(() => remoteEventTable.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberTable.id, { onDelete: "cascade" }),
    joinActivityId: text("join_activity_id").notNull(),
    state: text("state", { enum: ["pending", "accepted", "rejected"] }).notNull().default("pending"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("remote_event_participation_idx").on(t.remoteEventId, t.memberId)],
);
export type RemoteEventParticipation = typeof remoteEventParticipationTable.$inferSelect;

/** The secret of a member's calendar feed URL; a new one revokes the old. */
export const calendarTokenTable = pgTable(
  "calendar_token",
  {
    memberId: uuid("member_id")
      .primaryKey()
      .references(() => memberTable.id, { onDelete: "cascade" }),
    token: text("token").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("calendar_token_idx").on(t.token)],
);
