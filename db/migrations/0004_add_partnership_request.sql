ALTER TABLE "remote_actor" ADD COLUMN "summary" text;--> statement-breakpoint
ALTER TABLE "partnership" ADD COLUMN "request_activity_id" text;