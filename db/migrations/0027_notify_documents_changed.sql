-- Written by hand. The trigger of migration 0024 also says, once per writing
-- transaction and at its commit, that documents changed:
-- - NOTIFY maillage_documents, always: Mastodon apps' streams, in any web
--   process, wake on it to look for new items of their home timeline instead
--   of polling. No payload; nothing else added per write.
-- - NOTIFY documents_changed, only to a session that is itself listening: on
--   PGlite the server's one session, whose document cache then knows the
--   generation without reading it (server/http/document-cache.ts). PostgreSQL's
--   pooled connections never listen, so they send nothing.
CREATE OR REPLACE FUNCTION "documents_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('maillage.documents_changed', true) IS DISTINCT FROM txid_current()::text THEN
    PERFORM set_config('maillage.documents_changed', txid_current()::text, true);
    UPDATE "document_generation" SET "generation" = "generation" + 1 WHERE "id" = 1;
    IF EXISTS (SELECT 1 FROM pg_listening_channels() AS c WHERE c = 'documents_changed') THEN
      PERFORM pg_notify('documents_changed', '');
    END IF;
    PERFORM pg_notify('maillage_documents', '');
  END IF;
  RETURN NULL;
END $$;
