CREATE TABLE "document_generation" (
	"id" integer PRIMARY KEY NOT NULL,
	"generation" bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO "document_generation" ("id", "generation") VALUES (1, 0);
--> statement-breakpoint
-- Written by hand (drizzle-kit does not model triggers). Once per writing
-- transaction, at its commit (deferred), so the row is locked only while the
-- transaction commits and no two such locks are ever taken in different orders.
CREATE FUNCTION "documents_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('maillage.documents_changed', true) IS DISTINCT FROM txid_current()::text THEN
    PERFORM set_config('maillage.documents_changed', txid_current()::text, true);
    UPDATE "document_generation" SET "generation" = "generation" + 1 WHERE "id" = 1;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Every table but those no document is built from (queue, key-value store,
-- sessions, counters, mail, notifications, Mastodon apps' grants and push). A later table needs the same
-- trigger in its migration: test/db/document-generation.test.ts checks it.
DO $$
DECLARE t text;
BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT IN (
    'document_generation', 'fedify_kv', 'fedify_message', 'rate_limit_counter', 'session',
    'mail_outbox', 'email_token', 'notification', 'calendar_token',
    'mastodon_app', 'mastodon_code', 'mastodon_token', 'mastodon_push_subscription', 'mastodon_vapid'
  ) LOOP
    EXECUTE format('CREATE CONSTRAINT TRIGGER documents_changed AFTER INSERT OR UPDATE OR DELETE ON %I DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION documents_changed()', t);
  END LOOP;
END $$;
