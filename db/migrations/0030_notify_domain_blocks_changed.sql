-- Written by hand. Every inbound activity asks for the instance's domain
-- blocks (federation/blocks.ts). On PGlite the server's one session listens on
-- domain_blocks_changed and keeps the list in memory until a write to
-- domain_block commits: the NOTIFY, sent at that commit, reaches it before
-- whoever committed hears that it did. PostgreSQL's pooled connections never
-- listen, so they send nothing (each activity reads the list there).
CREATE FUNCTION "domain_blocks_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_listening_channels() AS c WHERE c = 'domain_blocks_changed') THEN
    PERFORM pg_notify('domain_blocks_changed', '');
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "domain_blocks_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "domain_block"
  FOR EACH STATEMENT EXECUTE FUNCTION "domain_blocks_changed"();
