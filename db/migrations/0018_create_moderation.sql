ALTER TYPE "public"."offer_status" ADD VALUE 'hidden';--> statement-breakpoint
CREATE TABLE "hidden_item" (
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"network_id" uuid,
	"author_id" uuid,
	"reason" text NOT NULL,
	"held" boolean DEFAULT false NOT NULL,
	"previous_status" text,
	"hidden_at" timestamp with time zone DEFAULT now() NOT NULL,
	"review_requested_at" timestamp with time zone,
	"review_note" text,
	CONSTRAINT "hidden_item_subject_type_subject_id_pk" PRIMARY KEY("subject_type","subject_id")
);
--> statement-breakpoint
CREATE TABLE "moderation_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid,
	"moderator_id" uuid,
	"moderator_name" text DEFAULT '' NOT NULL,
	"report_id" uuid,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"target_name" text DEFAULT '' NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "moderation_settings" (
	"network_id" uuid PRIMARY KEY NOT NULL,
	"hold_first_posts" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_block" (
	"network_id" uuid NOT NULL,
	"target" text NOT NULL,
	"kind" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_block_network_id_target_pk" PRIMARY KEY("network_id","target")
);
--> statement-breakpoint
CREATE TABLE "report" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid,
	"reporter_id" uuid,
	"from_host" text,
	"flag_id" text,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"target_member_id" uuid,
	"target_actor_id" text,
	"reason" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"snapshot" jsonb NOT NULL,
	"forward" boolean DEFAULT false NOT NULL,
	"forwarded_at" timestamp with time zone,
	"status" text DEFAULT 'open' NOT NULL,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_flag_id_unique" UNIQUE("flag_id")
);
--> statement-breakpoint
CREATE TABLE "suspension" (
	"network_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"until" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suspension_network_id_member_id_pk" PRIMARY KEY("network_id","member_id")
);
--> statement-breakpoint
ALTER TABLE "hidden_item" ADD CONSTRAINT "hidden_item_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hidden_item" ADD CONSTRAINT "hidden_item_author_id_member_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_log" ADD CONSTRAINT "moderation_log_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_log" ADD CONSTRAINT "moderation_log_moderator_id_member_id_fk" FOREIGN KEY ("moderator_id") REFERENCES "public"."member"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_log" ADD CONSTRAINT "moderation_log_report_id_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."report"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_settings" ADD CONSTRAINT "moderation_settings_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_block" ADD CONSTRAINT "network_block_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report" ADD CONSTRAINT "report_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report" ADD CONSTRAINT "report_reporter_id_member_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report" ADD CONSTRAINT "report_target_member_id_member_id_fk" FOREIGN KEY ("target_member_id") REFERENCES "public"."member"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suspension" ADD CONSTRAINT "suspension_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suspension" ADD CONSTRAINT "suspension_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "hidden_item_author_idx" ON "hidden_item" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "moderation_log_network_idx" ON "moderation_log" USING btree ("network_id","created_at");--> statement-breakpoint
CREATE INDEX "report_queue_idx" ON "report" USING btree ("network_id","status","created_at");--> statement-breakpoint
CREATE INDEX "report_target_member_idx" ON "report" USING btree ("target_member_id");--> statement-breakpoint
CREATE INDEX "report_target_actor_idx" ON "report" USING btree ("target_actor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "report_once_idx" ON "report" USING btree ("reporter_id","subject_type","subject_id") WHERE "report"."reporter_id" is not null;