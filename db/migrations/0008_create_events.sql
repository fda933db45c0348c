CREATE TYPE "public"."event_kind" AS ENUM('cafe', 'fete', 'atelier', 'formation', 'action', 'reunion');--> statement-breakpoint
CREATE TYPE "public"."rsvp_status" AS ENUM('going', 'maybe', 'not_going', 'waiting');--> statement-breakpoint
CREATE TABLE "calendar_token" (
	"member_id" uuid PRIMARY KEY NOT NULL,
	"token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_participation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"member_id" uuid,
	"remote_actor_id" text,
	"join_activity_id" text,
	"status" "rsvp_status" NOT NULL,
	"responded_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_series" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"rrule" text NOT NULL,
	"endless" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_signup_item" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"label" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_signup" (
	"item_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_signup_item_id_member_id_pk" PRIMARY KEY("item_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"series_id" uuid,
	"original_starts_at" timestamp with time zone,
	"detached" boolean DEFAULT false NOT NULL,
	"organiser_id" uuid,
	"kind" "event_kind" NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place_name" text NOT NULL,
	"street" text,
	"postal_code" text,
	"locality" text,
	"latitude" double precision,
	"longitude" double precision,
	"capacity" integer,
	"visibility" "visibility" DEFAULT 'network' NOT NULL,
	"cancelled" boolean DEFAULT false NOT NULL,
	"signup_closed" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('maillage_fr'::regconfig, coalesce("event"."title", '')), 'A') || setweight(to_tsvector('maillage_fr'::regconfig, coalesce("event"."body", '')), 'B') || setweight(to_tsvector('maillage_fr'::regconfig, coalesce("event"."place_name", '')), 'C')) STORED
);
--> statement-breakpoint
CREATE TABLE "remote_event_participation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"remote_event_id" text NOT NULL,
	"member_id" uuid NOT NULL,
	"join_activity_id" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "remote_event" (
	"id" text PRIMARY KEY NOT NULL,
	"actor_id" text NOT NULL,
	"group_id" text,
	"name" text NOT NULL,
	"content_html" text DEFAULT '' NOT NULL,
	"url" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"place" text,
	"join_mode" text,
	"capacity" integer,
	"participant_count" integer,
	"is_public" boolean DEFAULT false NOT NULL,
	"cancelled" boolean DEFAULT false NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calendar_token" ADD CONSTRAINT "calendar_token_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_participation" ADD CONSTRAINT "event_participation_event_id_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."event"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_participation" ADD CONSTRAINT "event_participation_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_participation" ADD CONSTRAINT "event_participation_remote_actor_id_remote_actor_id_fk" FOREIGN KEY ("remote_actor_id") REFERENCES "public"."remote_actor"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_participation" ADD CONSTRAINT "event_participation_responded_by_id_member_id_fk" FOREIGN KEY ("responded_by_id") REFERENCES "public"."member"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_series" ADD CONSTRAINT "event_series_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_signup_item" ADD CONSTRAINT "event_signup_item_event_id_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."event"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_signup" ADD CONSTRAINT "event_signup_item_id_event_signup_item_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."event_signup_item"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_signup" ADD CONSTRAINT "event_signup_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event" ADD CONSTRAINT "event_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event" ADD CONSTRAINT "event_series_id_event_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."event_series"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event" ADD CONSTRAINT "event_organiser_id_member_id_fk" FOREIGN KEY ("organiser_id") REFERENCES "public"."member"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remote_event_participation" ADD CONSTRAINT "remote_event_participation_remote_event_id_remote_event_id_fk" FOREIGN KEY ("remote_event_id") REFERENCES "public"."remote_event"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remote_event_participation" ADD CONSTRAINT "remote_event_participation_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_token_idx" ON "calendar_token" USING btree ("token");--> statement-breakpoint
CREATE UNIQUE INDEX "event_participation_member_idx" ON "event_participation" USING btree ("event_id","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "event_participation_remote_idx" ON "event_participation" USING btree ("event_id","remote_actor_id");--> statement-breakpoint
CREATE INDEX "event_participation_of_member_idx" ON "event_participation" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "event_signup_item_event_idx" ON "event_signup_item" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "event_network_start_idx" ON "event" USING btree ("network_id","starts_at");--> statement-breakpoint
CREATE INDEX "event_series_idx" ON "event" USING btree ("series_id");--> statement-breakpoint
CREATE INDEX "event_search_idx" ON "event" USING gin ("search");--> statement-breakpoint
CREATE UNIQUE INDEX "remote_event_participation_idx" ON "remote_event_participation" USING btree ("remote_event_id","member_id");--> statement-breakpoint
CREATE INDEX "remote_event_group_idx" ON "remote_event" USING btree ("group_id","starts_at");