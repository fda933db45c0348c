-- French search that ignores accents and plural forms: a text search
-- configuration that unaccents each word before the French Snowball stemmer.
-- Both extensions are "trusted" since PostgreSQL 13: a non-superuser owner of
-- the database may create them. btree_gist is for exclusion constraints
-- (no two bookings of one thing overlap).
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION maillage_fr (COPY = pg_catalog.french);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION maillage_fr
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
