CREATE TYPE "public"."offer_kind" AS ENUM('offer', 'request');--> statement-breakpoint
CREATE TYPE "public"."offer_status" AS ENUM('open', 'agreed', 'done', 'withdrawn', 'expired');--> statement-breakpoint
CREATE TABLE "exchange_participant" (
	"offer_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"network_id" uuid NOT NULL,
	"done_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_participant_offer_id_member_id_pk" PRIMARY KEY("offer_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "offer_message" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"response_id" uuid NOT NULL,
	"sender_id" uuid,
	"body" text DEFAULT '' NOT NULL,
	"remote_html" text,
	"ap_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offer_message_ap_id_unique" UNIQUE("ap_id")
);
--> statement-breakpoint
CREATE TABLE "offer_response" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"offer_id" uuid NOT NULL,
	"responder_id" uuid,
	"remote_actor_id" text,
	"agreed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offer_response_member_uq" UNIQUE("offer_id","responder_id"),
	CONSTRAINT "offer_response_remote_uq" UNIQUE("offer_id","remote_actor_id"),
	CONSTRAINT "offer_response_one_responder" CHECK (("offer_response"."responder_id" is null) <> ("offer_response"."remote_actor_id" is null))
);
--> statement-breakpoint
CREATE TABLE "offer_settings" (
	"network_id" uuid PRIMARY KEY NOT NULL,
	"expiry_days" integer DEFAULT 90 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offer" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid,
	"author_id" uuid,
	"posted_by_id" uuid,
	"ap_id" text,
	"remote_author_id" text,
	"remote_network_id" text,
	"remote_url" text,
	"kind" "offer_kind" NOT NULL,
	"theme_id" uuid,
	"theme_slug" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"availability" text DEFAULT '' NOT NULL,
	"available_from" date,
	"available_until" date,
	"place" text DEFAULT '' NOT NULL,
	"visibility" "visibility" DEFAULT 'network' NOT NULL,
	"status" "offer_status" DEFAULT 'open' NOT NULL,
	"expires_at" timestamp with time zone,
	"reminder_sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('maillage_fr'::regconfig, coalesce("offer"."title", '')), 'A') || setweight(to_tsvector('maillage_fr'::regconfig, coalesce("offer"."body", '')), 'B')) STORED,
	CONSTRAINT "offer_ap_id_unique" UNIQUE("ap_id"),
	CONSTRAINT "offer_local_or_remote" CHECK (("offer"."network_id" is not null and "offer"."author_id" is not null) or ("offer"."ap_id" is not null and "offer"."remote_network_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "offer_thanks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"offer_id" uuid NOT NULL,
	"from_id" uuid NOT NULL,
	"to_id" uuid NOT NULL,
	"note" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offer_thanks_uq" UNIQUE("offer_id","from_id","to_id")
);
--> statement-breakpoint
ALTER TABLE "exchange_participant" ADD CONSTRAINT "exchange_participant_offer_id_offer_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offer"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_participant" ADD CONSTRAINT "exchange_participant_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_participant" ADD CONSTRAINT "exchange_participant_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_message" ADD CONSTRAINT "offer_message_response_id_offer_response_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."offer_response"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_message" ADD CONSTRAINT "offer_message_sender_id_member_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_response" ADD CONSTRAINT "offer_response_offer_id_offer_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offer"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_response" ADD CONSTRAINT "offer_response_responder_id_member_id_fk" FOREIGN KEY ("responder_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_response" ADD CONSTRAINT "offer_response_remote_actor_id_remote_actor_id_fk" FOREIGN KEY ("remote_actor_id") REFERENCES "public"."remote_actor"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_settings" ADD CONSTRAINT "offer_settings_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer" ADD CONSTRAINT "offer_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer" ADD CONSTRAINT "offer_author_id_member_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer" ADD CONSTRAINT "offer_posted_by_id_member_id_fk" FOREIGN KEY ("posted_by_id") REFERENCES "public"."member"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer" ADD CONSTRAINT "offer_remote_author_id_remote_actor_id_fk" FOREIGN KEY ("remote_author_id") REFERENCES "public"."remote_actor"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer" ADD CONSTRAINT "offer_remote_network_id_remote_actor_id_fk" FOREIGN KEY ("remote_network_id") REFERENCES "public"."remote_actor"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer" ADD CONSTRAINT "offer_theme_id_theme_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."theme"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_thanks" ADD CONSTRAINT "offer_thanks_offer_id_offer_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offer"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_thanks" ADD CONSTRAINT "offer_thanks_from_id_member_id_fk" FOREIGN KEY ("from_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_thanks" ADD CONSTRAINT "offer_thanks_to_id_member_id_fk" FOREIGN KEY ("to_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exchange_participant_member_idx" ON "exchange_participant" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "offer_message_response_idx" ON "offer_message" USING btree ("response_id","created_at");--> statement-breakpoint
CREATE INDEX "offer_response_responder_idx" ON "offer_response" USING btree ("responder_id");--> statement-breakpoint
CREATE INDEX "offer_network_idx" ON "offer" USING btree ("network_id","status","created_at");--> statement-breakpoint
CREATE INDEX "offer_remote_network_idx" ON "offer" USING btree ("remote_network_id","status","created_at");--> statement-breakpoint
CREATE INDEX "offer_author_idx" ON "offer" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "offer_expiry_idx" ON "offer" USING btree ("expires_at") WHERE "offer"."status" in ('open', 'agreed');--> statement-breakpoint
CREATE INDEX "offer_search_idx" ON "offer" USING gin ("search");