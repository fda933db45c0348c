import { bigint, integer, pgTable } from "drizzle-orm/pg-core";

/**
 * One row: bumped (by deferred triggers, at commit, in the writing transaction)
 * whenever a table that ActivityPub documents are built from changes. Cached
 * documents are valid while it has not moved (federation/document-cache.ts).
 */
export const documentGenerationTable = pgTable("document_generation", {
  id: integer("id").primaryKey(),
  generation: bigint("generation", { mode: "number" }).notNull(),
});

/** NOTIFY channel of the same trigger, once per writing transaction at its commit (migration 0027): wakes Mastodon apps' streams. */
export const DOCUMENTS_CHANNEL = "maillage_documents";
