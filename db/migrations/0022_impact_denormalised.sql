ALTER TABLE "offer_response" ADD COLUMN "network_id" uuid;--> statement-breakpoint
ALTER TABLE "offer" ADD COLUMN "last_answer_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "offer_thanks" ADD COLUMN "network_id" uuid;--> statement-breakpoint
ALTER TABLE "offer_response" ADD CONSTRAINT "offer_response_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_thanks" ADD CONSTRAINT "offer_thanks_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offer_response_network_idx" ON "offer_response" USING btree ("network_id","created_at");--> statement-breakpoint
CREATE INDEX "offer_thanks_network_idx" ON "offer_thanks" USING btree ("network_id","created_at");--> statement-breakpoint
-- Written by hand (drizzle-kit does not make triggers): each answer and thank-you
-- carries its offer's network, copied at insert whatever writes the row, and the
-- rows already there are filled in.
UPDATE "offer_response" r SET "network_id" = o."network_id" FROM "offer" o WHERE o."id" = r."offer_id" AND o."network_id" IS NOT NULL;--> statement-breakpoint
UPDATE "offer_thanks" t SET "network_id" = o."network_id" FROM "offer" o WHERE o."id" = t."offer_id" AND o."network_id" IS NOT NULL;--> statement-breakpoint
CREATE FUNCTION "offer_network_of_row"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."network_id" := (SELECT "network_id" FROM "offer" WHERE "id" = NEW."offer_id");
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "offer_response_network" BEFORE INSERT ON "offer_response" FOR EACH ROW EXECUTE FUNCTION "offer_network_of_row"();--> statement-breakpoint
CREATE TRIGGER "offer_thanks_network" BEFORE INSERT ON "offer_thanks" FOR EACH ROW EXECUTE FUNCTION "offer_network_of_row"();
--> statement-breakpoint
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
