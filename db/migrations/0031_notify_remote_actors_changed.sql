-- Written by hand. Every inbound activity reads its actor's row
-- (federation/remote-actors.ts). On PGlite the server's one session listens on
-- remote_actors_changed and keeps the rows it read until a write to
-- remote_actor commits (db/table-watch.ts): the NOTIFY, sent at that commit,
-- reaches it before whoever committed hears that it did. PostgreSQL's pooled
-- connections never listen, so they send nothing (rows are read each time).
CREATE FUNCTION "remote_actors_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_listening_channels() AS c WHERE c = 'remote_actors_changed') THEN
    PERFORM pg_notify('remote_actors_changed', '');
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "remote_actors_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "remote_actor"
  FOR EACH STATEMENT EXECUTE FUNCTION "remote_actors_changed"();
