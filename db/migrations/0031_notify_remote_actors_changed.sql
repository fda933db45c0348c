-- Written by hand. Every inbound activity reads its actor's row
-- (federation/remote-actors.ts). On PGlite the server's one session listens on
-- remote_actors_changed and keeps the rows it read until a write to
-- remote_actor commits (db/table-watch.ts): the NOTIFY, sent at that commit,
-- reaches it before whoever committed hears that it did. PostgreSQL's pooled
-- connections never listen, so they send nothing (rows are read each time).
-- One function for every watched table, its channel given by the trigger;
-- domain_block's trigger (0030) moves to it.
CREATE FUNCTION "notify_if_listening"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_listening_channels() AS c WHERE c = TG_ARGV[0]) THEN
    PERFORM pg_notify(TG_ARGV[0], '');
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "remote_actors_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "remote_actor"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_if_listening"('remote_actors_changed');
--> statement-breakpoint
DROP TRIGGER "domain_blocks_changed" ON "domain_block";
--> statement-breakpoint
CREATE TRIGGER "domain_blocks_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "domain_block"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_if_listening"('domain_blocks_changed');
--> statement-breakpoint
DROP FUNCTION "domain_blocks_changed"();
