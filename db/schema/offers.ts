// Offers and requests (offres / demandes), the conversations they open, the
// exchanges they become, and the thanks that follow.
//
// Offers received from partner or followed networks over ActivityPub live in
// the same table as ours (networkId/authorId null, remote* and apId set): the
// list, the search and the paging are then one query over one index, and a
// remote offer reads like a local one everywhere in the UI.
import { sql } from "drizzle-orm";
import { check, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { searchDocument, tsvector } from "../search.ts";
import { visibilityEnum } from "./announcements.ts";
import { remoteActorTable } from "./federation.ts";
import { memberTable } from "./members.ts";
import { networkTable } from "./networks.ts";
import { themeTable } from "./themes.ts";

export const offerKinds = ["offer", "request"] as const;
export type OfferKind = (typeof offerKinds)[number];
export const offerKindEnum = pgEnum("offer_kind", offerKinds);

/** open → agreed → done; withdrawn by its author; expired after the network's period; hidden by the animators (moderation). */
export const offerStatuses = ["open", "agreed", "done", "withdrawn", "expired", "hidden"] as const;
export type OfferStatus = (typeof offerStatuses)[number];
export const offerStatusEnum = pgEnum("offer_status", offerStatuses);

export const offerTable = pgTable(
  "offer",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Local offers: the network and the member who offers (or asks).
    networkId: uuid("network_id").references(() => networkTable.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => memberTable.id, { onDelete: "cascade" }),
    // Who pressed the button (a sponsor may post for a sponsored member).
    postedById: uuid("posted_by_id").references(() => memberTable.id, { onDelete: "set null" }),
    // Remote offers: the object's IRI, its author (Person) and the Group that announced it.
    apId: text("ap_id").unique(),
    remoteAuthorId: text("remote_author_id").references(() => remoteActorTable.id, { onDelete: "cascade" }),
    remoteNetworkId: text("remote_network_id").references(() => remoteActorTable.id, { onDelete: "cascade" }),
    remoteUrl: text("remote_url"),
    kind: offerKindEnum("kind").notNull(),
    // Local themes by id; the slug is kept for every offer (remote ones have only a slug) and filters the list.
    themeId: uuid("theme_id").references(() => themeTable.id, { onDelete: "set null" }),
    themeSlug: text("theme_slug").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    availability: text("availability").notNull().default(""),
    availableFrom: date("available_from"),
    availableUntil: date("available_until"),
    // The building or the street: never an exact address.
    place: text("place").notNull().default(""),
    visibility: visibilityEnum("visibility").notNull().default("network"),
    status: offerStatusEnum("status").notNull().default("open"),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    reminderSentAt: timestamp("reminder_sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }),
    doneAt: timestamp("done_at", { withTimezone: true }),
    // When its latest answer (offer_response) came, kept by a trigger (migration 0022): the
    // impact figures count the offers answered since a date without reading the answers.
    lastAnswerAt: timestamp("last_answer_at", { withTimezone: true }),
    // A short number within the network, printed on the offers sheet: a sponsor finds the offer by it.
    ref: integer("ref"),
    search: tsvector("search").generatedAlwaysAs((): ReturnType<typeof sql> => searchDocument(offerTable.title, offerTable.body)),
  },
  (t) => [
    index("offer_network_idx").on(t.networkId, t.status, t.createdAt),
    index("offer_remote_network_idx").on(t.remoteNetworkId, t.status, t.createdAt),
    index("offer_author_idx").on(t.authorId),
    // The impact figures count a network's offers by period, whatever their status.
    index("offer_network_created_idx").on(t.networkId, t.createdAt),
    index("offer_network_done_idx").on(t.networkId, t.doneAt).where(sql`${t.status} = 'done'`),
    uniqueIndex("offer_network_ref_idx").on(t.networkId, t.ref),
    index("offer_expiry_idx").on(t.expiresAt).where(sql`${t.status} in ('open', 'agreed')`),
    // Search within a network: one GIN index over both (btree_gin, migration
    // 0026), so a prefix search reads that network's entries only, not every
    // network's and then a bitmap of the network's rows. Still used alone for
    // remote offers, which have no network_id.
    index("offer_network_search_idx").using("gin", t.networkId, t.search),
    check("offer_local_or_remote", sql`(${t.networkId} is not null and ${t.authorId} is not null) or (${t.apId} is not null and ${t.remoteNetworkId} is not null)`),
  ],
);
export type Offer = typeof offerTable.$inferSelect;
export type NewOffer = typeof offerTable.$inferInsert;

/** « Ça m'intéresse »: a private conversation between a neighbour (or a remote account) and the author. */
export const offerResponseTable = pgTable(
  "offer_response",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    offerId: uuid("offer_id")
      .notNull()
      .references(() => offerTable.id, { onDelete: "cascade" }),
    responderId: uuid("responder_id").references(() => memberTable.id, { onDelete: "cascade" }),
    // A reply from the fediverse: an interest only the author sees.
    remoteActorId: text("remote_actor_id").references(() => remoteActorTable.id, { onDelete: "cascade" }),
    // Set when the author agreed with this responder.
    agreedAt: timestamp("agreed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    // The offer's network (null for a remote offer), copied by a trigger at insert (migration
    // 0022): the impact figures read a network's answers by period without reading its offers.
    networkId: uuid("network_id").references(() => networkTable.id, { onDelete: "cascade" }),
  },
  (t) => [
    unique("offer_response_member_uq").on(t.offerId, t.responderId),
    unique("offer_response_remote_uq").on(t.offerId, t.remoteActorId),
    check("offer_response_one_responder", sql`(${t.responderId} is null) <> (${t.remoteActorId} is null)`),
    index("offer_response_responder_idx").on(t.responderId),
    index("offer_response_network_idx").on(t.networkId, t.createdAt),
  ],
);
export type OfferResponse = typeof offerResponseTable.$inferSelect;

export const offerMessageTable = pgTable(
  "offer_message",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    responseId: uuid("response_id")
      .notNull()
      .references(() => offerResponseTable.id, { onDelete: "cascade" }),
    // The member who wrote it; null for a remote reply (its HTML is sanitised).
    senderId: uuid("sender_id").references(() => memberTable.id, { onDelete: "cascade" }),
    body: text("body").notNull().default(""),
    remoteHtml: text("remote_html"),
    apId: text("ap_id").unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    // Hidden by the animators (moderation): its sender still sees it, the other side no longer.
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
  },
  (t) => [index("offer_message_response_idx").on(t.responseId, t.createdAt)],
);
export type OfferMessage = typeof offerMessageTable.$inferSelect;

/** Who took part in a done exchange: the impact figures and the profile count come from here. */
export const exchangeParticipantTable = pgTable(
  "exchange_participant",
  {
    offerId: uuid("offer_id")
      .notNull()
      .references(() => offerTable.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberTable.id, { onDelete: "cascade" }),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networkTable.id, { onDelete: "cascade" }),
    doneAt: timestamp("done_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.offerId, t.memberId] }),
    index("exchange_participant_member_idx").on(t.memberId),
    index("exchange_participant_network_idx").on(t.networkId, t.doneAt),
  ],
);

export const offerThanksTable = pgTable(
  "offer_thanks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    offerId: uuid("offer_id")
      .notNull()
      .references(() => offerTable.id, { onDelete: "cascade" }),
    fromId: uuid("from_id")
      .notNull()
      .references(() => memberTable.id, { onDelete: "cascade" }),
    toId: uuid("to_id")
      .notNull()
      .references(() => memberTable.id, { onDelete: "cascade" }),
    note: text("note").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    // The offer's network, copied by a trigger at insert, as for offer_response.
    networkId: uuid("network_id").references(() => networkTable.id, { onDelete: "cascade" }),
  },
  (t) => [unique("offer_thanks_uq").on(t.offerId, t.fromId, t.toId), index("offer_thanks_network_idx").on(t.networkId, t.createdAt)],
);
export type OfferThanks = typeof offerThanksTable.$inferSelect;

/** Per-network settings of offers: how long before an offer expires. */
export const offerSettingsTable = pgTable("offer_settings", {
  networkId: uuid("network_id")
    .primaryKey()
    .references(() => networkTable.id, { onDelete: "cascade" }),
  expiryDays: integer("expiry_days").notNull().default(90),
});

/** The last reference number given to an offer of each network (one row per network, updated atomically). */
export const offerRefCounterTable = pgTable("offer_ref_counter", {
  networkId: uuid("network_id")
    .primaryKey()
    .references(() => networkTable.id, { onDelete: "cascade" }),
  last: integer("last").notNull().default(0),
});
