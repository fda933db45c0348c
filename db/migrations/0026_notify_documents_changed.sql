-- Written by hand. The trigger of migration 0024 also says, once per writing
-- transaction and at its commit, that documents changed (NOTIFY
-- maillage_documents): Mastodon apps' streams wake on it to look for new items
-- of their home timeline instead of polling. One NOTIFY per transaction, no
-- payload (PostgreSQL folds identical ones), nothing else added per write.
CREATE OR REPLACE FUNCTION "documents_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('maillage.documents_changed', true) IS DISTINCT FROM txid_current()::text THEN
    PERFORM set_config('maillage.documents_changed', txid_current()::text, true);
    UPDATE "document_generation" SET "generation" = "generation" + 1 WHERE "id" = 1;
    PERFORM pg_notify('maillage_documents', '');
  END IF;
  RETURN NULL;
END $$;
