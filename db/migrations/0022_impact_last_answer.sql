ALTER TABLE "offer" ADD COLUMN "last_answer_at" timestamp with time zone;--> statement-breakpoint
-- Written by hand (drizzle-kit does not make triggers): an offer knows when its latest
-- answer came, whatever adds, moves or removes an answer; the offers answered already are filled in.
UPDATE "offer" o SET "last_answer_at" = r."last" FROM (SELECT "offer_id", max("created_at") AS "last" FROM "offer_response" GROUP BY 1) r WHERE r."offer_id" = o."id";--> statement-breakpoint
CREATE FUNCTION "offer_last_answer"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "offer" SET "last_answer_at" = greatest("last_answer_at", NEW."created_at") WHERE "id" = NEW."offer_id";
    RETURN NULL;
  END IF;
  UPDATE "offer" SET "last_answer_at" = (SELECT max("created_at") FROM "offer_response" WHERE "offer_id" = OLD."offer_id") WHERE "id" = OLD."offer_id";
  IF TG_OP = 'UPDATE' THEN
    UPDATE "offer" SET "last_answer_at" = (SELECT max("created_at") FROM "offer_response" WHERE "offer_id" = NEW."offer_id") WHERE "id" = NEW."offer_id";
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "offer_response_last_answer" AFTER INSERT OR DELETE OR UPDATE OF "offer_id", "created_at" ON "offer_response" FOR EACH ROW EXECUTE FUNCTION "offer_last_answer"();
