-- Written by hand. The trigger of migration 0024 also says, once per writing
-- transaction and at its commit, that documents changed (NOTIFY
-- maillage_documents): Mastodon apps' streams, in any web process, wake on it
-- to look for new items of their home timeline instead of polling. One NOTIFY
-- per writing transaction, no payload; nothing else added per write.
-- The `documents_changed` NOTIFY to a listening session of the same process is
-- the PGlite document cache's (branch w/docfast, its own migration 0026): kept
-- here so that whichever of the two migrations runs last keeps both.
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
