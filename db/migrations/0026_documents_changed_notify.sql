-- Written by hand. A process that keeps the document generation in memory
-- listens on `documents_changed` from the session that does all its writes
-- (PGlite: one session, one process); it is then told of each writing commit,
-- in that commit's own results. Connections that do not listen (PostgreSQL's
-- pooled connections) send nothing: NOTIFY would serialise their commits.
CREATE OR REPLACE FUNCTION "documents_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('maillage.documents_changed', true) IS DISTINCT FROM txid_current()::text THEN
    PERFORM set_config('maillage.documents_changed', txid_current()::text, true);
    UPDATE "document_generation" SET "generation" = "generation" + 1 WHERE "id" = 1;
    IF EXISTS (SELECT 1 FROM pg_listening_channels() AS c WHERE c = 'documents_changed') THEN
      PERFORM pg_notify('documents_changed', '');
    END IF;
  END IF;
  RETURN NULL;
END $$;
