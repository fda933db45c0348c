CREATE TYPE "public"."booking_state" AS ENUM('requested', 'accepted', 'declined', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."licence" AS ENUM('CC-BY-SA-4.0', 'CC-BY-4.0', 'CC0-1.0', 'all-rights-reserved');--> statement-breakpoint
CREATE TYPE "public"."resource_kind" AS ENUM('fiche', 'kit', 'formation', 'materiel', 'lieu');--> statement-breakpoint
CREATE TABLE "booking" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resource_id" uuid NOT NULL,
	"requester_network_id" uuid,
	"requester_actor_id" text,
	"request_activity_id" text,
	"requested_by_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"state" "booking_state" DEFAULT 'requested' NOT NULL,
	"decided_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "booking_range" CHECK ("booking"."ends_at" > "booking"."starts_at"),
	CONSTRAINT "booking_one_requester" CHECK (("booking"."requester_network_id" is null) <> ("booking"."requester_actor_id" is null))
);
--> statement-breakpoint
CREATE TABLE "commons_settings" (
	"network_id" uuid PRIMARY KEY NOT NULL,
	"members_may_add" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outgoing_booking" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"resource_id" text NOT NULL,
	"requested_by_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"state" "booking_state" DEFAULT 'requested' NOT NULL,
	"offer_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outgoing_booking_offer_id_unique" UNIQUE("offer_id")
);
--> statement-breakpoint
CREATE TABLE "remote_resource" (
	"id" text PRIMARY KEY NOT NULL,
	"group_id" text NOT NULL,
	"kind" "resource_kind" NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"content_html" text DEFAULT '' NOT NULL,
	"url" text,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"themes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"authors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"licence" "licence" NOT NULL,
	"files" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"derivation" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"public" boolean DEFAULT false NOT NULL,
	"published" timestamp with time zone DEFAULT now() NOT NULL,
	"updated" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('maillage_fr'::regconfig, coalesce("remote_resource"."title", '')), 'A') || setweight(to_tsvector('maillage_fr'::regconfig, coalesce("remote_resource"."summary", '')), 'B') || setweight(to_tsvector('maillage_fr'::regconfig, coalesce("remote_resource"."body", '')), 'C')) STORED
);
--> statement-breakpoint
CREATE TABLE "resource_adoption" (
	"network_id" uuid NOT NULL,
	"origin_id" text NOT NULL,
	"adopted_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resource_adoption_network_id_origin_id_pk" PRIMARY KEY("network_id","origin_id")
);
--> statement-breakpoint
CREATE TABLE "resource" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"kind" "resource_kind" NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"themes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"authors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"licence" "licence" DEFAULT 'CC-BY-SA-4.0' NOT NULL,
	"visibility" "visibility" DEFAULT 'network' NOT NULL,
	"derivation" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('maillage_fr'::regconfig, coalesce("resource"."title", '')), 'A') || setweight(to_tsvector('maillage_fr'::regconfig, coalesce("resource"."summary", '')), 'B') || setweight(to_tsvector('maillage_fr'::regconfig, coalesce("resource"."body", '')), 'C')) STORED
);
--> statement-breakpoint
CREATE TABLE "resource_version" (
	"resource_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"themes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"authors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"licence" "licence" DEFAULT 'CC-BY-SA-4.0' NOT NULL,
	"edited_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resource_version_resource_id_number_pk" PRIMARY KEY("resource_id","number")
);
--> statement-breakpoint
ALTER TABLE "booking" ADD CONSTRAINT "booking_resource_id_resource_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resource"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking" ADD CONSTRAINT "booking_requester_network_id_network_id_fk" FOREIGN KEY ("requester_network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking" ADD CONSTRAINT "booking_requester_actor_id_remote_actor_id_fk" FOREIGN KEY ("requester_actor_id") REFERENCES "public"."remote_actor"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking" ADD CONSTRAINT "booking_requested_by_id_member_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."member"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking" ADD CONSTRAINT "booking_decided_by_id_member_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."member"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commons_settings" ADD CONSTRAINT "commons_settings_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_booking" ADD CONSTRAINT "outgoing_booking_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_booking" ADD CONSTRAINT "outgoing_booking_resource_id_remote_resource_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."remote_resource"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_booking" ADD CONSTRAINT "outgoing_booking_requested_by_id_member_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."member"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remote_resource" ADD CONSTRAINT "remote_resource_group_id_remote_actor_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."remote_actor"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_adoption" ADD CONSTRAINT "resource_adoption_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_adoption" ADD CONSTRAINT "resource_adoption_adopted_by_id_member_id_fk" FOREIGN KEY ("adopted_by_id") REFERENCES "public"."member"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource" ADD CONSTRAINT "resource_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource" ADD CONSTRAINT "resource_created_by_id_member_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."member"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_version" ADD CONSTRAINT "resource_version_resource_id_resource_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resource"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_version" ADD CONSTRAINT "resource_version_edited_by_id_member_id_fk" FOREIGN KEY ("edited_by_id") REFERENCES "public"."member"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_resource_idx" ON "booking" USING btree ("resource_id","starts_at");--> statement-breakpoint
CREATE INDEX "outgoing_booking_network_idx" ON "outgoing_booking" USING btree ("network_id","starts_at");--> statement-breakpoint
CREATE INDEX "remote_resource_group_idx" ON "remote_resource" USING btree ("group_id","updated");--> statement-breakpoint
CREATE INDEX "remote_resource_search_idx" ON "remote_resource" USING gin ("search");--> statement-breakpoint
CREATE INDEX "resource_network_idx" ON "resource" USING btree ("network_id","updated_at");--> statement-breakpoint
CREATE INDEX "resource_search_idx" ON "resource" USING gin ("search");