ALTER TABLE "notification" ADD COLUMN "from_member_id" uuid;--> statement-breakpoint
ALTER TABLE "notification" ADD COLUMN "from_actor_id" text;--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_from_member_id_member_id_fk" FOREIGN KEY ("from_member_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;