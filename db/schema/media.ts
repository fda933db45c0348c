import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { visibilityEnum } from "./announcements.ts";
import { memberTable } from "./members.ts";
import { networkTable } from "./networks.ts";

export const mediaPurposes = ["photo", "document"] as const;
export type MediaPurpose = (typeof mediaPurposes)[number];
export const mediaPurposeEnum = pgEnum("media_purpose", mediaPurposes);

/**
 * An uploaded file (its bytes live in DATA_DIR/media/<id>). It is uploaded
 * first, then attached to what it illustrates (an offer, an event, a
 * resource), whose visibility it takes. Unattached uploads are swept after a day.
 */
export const mediaTable = pgTable(
  "media",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networkTable.id, { onDelete: "cascade" }),
    // Kept null when the uploader leaves: what it is attached to decides its fate.
    uploaderId: uuid("uploader_id").references(() => memberTable.id, { onDelete: "set null" }),
    purpose: mediaPurposeEnum("purpose").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    // A safe file name for Content-Disposition, e.g. "fiche-cafe.pdf".
    name: text("name").notNull(),
    // What a photo shows, for those who cannot see it (alt text; `name` on the fediverse).
    description: text("description").notNull().default(""),
    width: integer("width"),
    height: integer("height"),
    sha256: text("sha256").notNull(),
    // What it is attached to, e.g. ("offer", <offer id>); null until attached.
    ownerType: text("owner_type"),
    ownerId: uuid("owner_id"),
    visibility: visibilityEnum("visibility").notNull().default("network"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("media_owner_idx").on(t.ownerType, t.ownerId), index("media_unattached_idx").on(t.createdAt).where(sql`owner_id is null`)],
);
export type Media = typeof mediaTable.$inferSelect;
