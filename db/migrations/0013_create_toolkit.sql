CREATE TYPE "public"."task_category" AS ENUM('inscriptions', 'communication', 'cafes', 'plateforme', 'evenementiel', 'reporting');--> statement-breakpoint
CREATE TYPE "public"."task_repeat" AS ENUM('monthly', 'each_cafe');--> statement-breakpoint
CREATE TYPE "public"."task_status" AS ENUM('todo', 'doing', 'done');--> statement-breakpoint
CREATE TABLE "offer_ref_counter" (
	"network_id" uuid PRIMARY KEY NOT NULL,
	"last" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_assignee" (
	"task_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_assignee_task_id_member_id_pk" PRIMARY KEY("task_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "task" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"category" "task_category" NOT NULL,
	"title" text NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"due_on" date,
	"status" "task_status" DEFAULT 'todo' NOT NULL,
	"event_id" uuid,
	"repeat" "task_repeat",
	"days_before" integer,
	"starter_key" text,
	"next_id" uuid,
	"due_notice_on" date,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone,
	CONSTRAINT "task_days_before" CHECK ("task"."days_before" is null or ("task"."days_before" >= 0 and "task"."days_before" <= 30))
);
--> statement-breakpoint
CREATE TABLE "activity_report" (
	"network_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"intro" text DEFAULT '' NOT NULL,
	"thanks" text DEFAULT '' NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"updated_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_report_network_id_year_pk" PRIMARY KEY("network_id","year")
);
--> statement-breakpoint
CREATE TABLE "impact_settings" (
	"network_id" uuid PRIMARY KEY NOT NULL,
	"public_summary" boolean DEFAULT false NOT NULL,
	"share_with_partners" boolean DEFAULT false NOT NULL,
	"show_partners" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "event_participation" ADD COLUMN "attended" boolean;--> statement-breakpoint
ALTER TABLE "offer" ADD COLUMN "ref" integer;--> statement-breakpoint
ALTER TABLE "offer_ref_counter" ADD CONSTRAINT "offer_ref_counter_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_assignee" ADD CONSTRAINT "task_assignee_task_id_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."task"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_assignee" ADD CONSTRAINT "task_assignee_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_event_id_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."event"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_created_by_id_member_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."member"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_report" ADD CONSTRAINT "activity_report_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_report" ADD CONSTRAINT "activity_report_updated_by_id_member_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."member"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impact_settings" ADD CONSTRAINT "impact_settings_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "task_assignee_member_idx" ON "task_assignee" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "task_network_idx" ON "task" USING btree ("network_id","status","due_on");--> statement-breakpoint
CREATE INDEX "task_event_idx" ON "task" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "task_due_idx" ON "task" USING btree ("due_on") WHERE "task"."status" <> 'done';--> statement-breakpoint
CREATE INDEX "exchange_participant_network_idx" ON "exchange_participant" USING btree ("network_id","done_at");--> statement-breakpoint
CREATE INDEX "offer_network_created_idx" ON "offer" USING btree ("network_id","created_at");--> statement-breakpoint
CREATE INDEX "offer_network_done_idx" ON "offer" USING btree ("network_id","done_at") WHERE "offer"."status" = 'done';--> statement-breakpoint
CREATE UNIQUE INDEX "offer_network_ref_idx" ON "offer" USING btree ("network_id","ref");