-- btree_gin lets one GIN index hold the network (a uuid) beside the search
-- vector: a search reads its network's entries only. Trusted extension, in
-- PostgreSQL's contrib and loaded by PGlite (db/client.ts).
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
DROP INDEX "offer_search_idx";--> statement-breakpoint
CREATE INDEX "offer_network_search_idx" ON "offer" USING gin ("network_id","search");
