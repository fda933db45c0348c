CREATE TYPE "public"."network_role" AS ENUM('member', 'animator', 'pilot');--> statement-breakpoint
CREATE TYPE "public"."questionnaire_choice" AS ENUM('offer', 'need', 'not_now');--> statement-breakpoint
CREATE TABLE "member" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"handle" text NOT NULL,
	"display_name" text NOT NULL,
	"email" text,
	"password_hash" text,
	"is_admin" boolean DEFAULT false NOT NULL,
	"locale" text DEFAULT 'fr' NOT NULL,
	"bio" text DEFAULT '' NOT NULL,
	"accepted_principles_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_handle_unique" UNIQUE("handle")
);
--> statement-breakpoint
CREATE TABLE "session" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "membership" (
	"network_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"role" "network_role" DEFAULT 'member' NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "membership_network_id_member_id_pk" PRIMARY KEY("network_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "network" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"area" text DEFAULT '' NOT NULL,
	"rules" text DEFAULT '' NOT NULL,
	"approves_followers" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "invitation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"code" text NOT NULL,
	"role" "network_role" DEFAULT 'member' NOT NULL,
	"max_uses" integer DEFAULT 1 NOT NULL,
	"uses" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "invitation_code_unique" UNIQUE("code"),
	CONSTRAINT "invitation_uses_check" CHECK ("invitation"."uses" >= 0 and "invitation"."uses" <= "invitation"."max_uses")
);
--> statement-breakpoint
CREATE TABLE "questionnaire_answer" (
	"member_id" uuid NOT NULL,
	"theme_id" uuid NOT NULL,
	"choice" "questionnaire_choice" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "questionnaire_answer_member_id_theme_id_pk" PRIMARY KEY("member_id","theme_id")
);
--> statement-breakpoint
CREATE TABLE "theme" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"network_id" uuid,
	"label_fr" text NOT NULL,
	"label_en" text NOT NULL,
	"position" integer DEFAULT 100 NOT NULL,
	CONSTRAINT "theme_slug_network_uq" UNIQUE NULLS NOT DISTINCT("slug","network_id")
);
--> statement-breakpoint
CREATE TABLE "act_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"by_member_id" uuid,
	"for_member_id" uuid,
	"network_id" uuid,
	"action" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sponsorship" (
	"sponsor_id" uuid NOT NULL,
	"sponsored_id" uuid NOT NULL,
	"network_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sponsorship_sponsor_id_sponsored_id_pk" PRIMARY KEY("sponsor_id","sponsored_id")
);
--> statement-breakpoint
CREATE TABLE "fedify_kv" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "fedify_message" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"message" jsonb NOT NULL,
	"deliver_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"ordering_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership" ADD CONSTRAINT "membership_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership" ADD CONSTRAINT "membership_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_created_by_id_member_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."member"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_answer" ADD CONSTRAINT "questionnaire_answer_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_answer" ADD CONSTRAINT "questionnaire_answer_theme_id_theme_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."theme"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theme" ADD CONSTRAINT "theme_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "act_log" ADD CONSTRAINT "act_log_by_member_id_member_id_fk" FOREIGN KEY ("by_member_id") REFERENCES "public"."member"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "act_log" ADD CONSTRAINT "act_log_for_member_id_member_id_fk" FOREIGN KEY ("for_member_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "act_log" ADD CONSTRAINT "act_log_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sponsorship" ADD CONSTRAINT "sponsorship_sponsor_id_member_id_fk" FOREIGN KEY ("sponsor_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sponsorship" ADD CONSTRAINT "sponsorship_sponsored_id_member_id_fk" FOREIGN KEY ("sponsored_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sponsorship" ADD CONSTRAINT "sponsorship_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "member_email_idx" ON "member" USING btree ("email") WHERE "member"."email" is not null;--> statement-breakpoint
CREATE INDEX "session_member_idx" ON "session" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "membership_member_idx" ON "membership" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "invitation_network_idx" ON "invitation" USING btree ("network_id");--> statement-breakpoint
CREATE INDEX "act_log_for_idx" ON "act_log" USING btree ("for_member_id");--> statement-breakpoint
CREATE INDEX "act_log_by_idx" ON "act_log" USING btree ("by_member_id");--> statement-breakpoint
CREATE INDEX "sponsorship_sponsored_idx" ON "sponsorship" USING btree ("sponsored_id");--> statement-breakpoint
CREATE INDEX "fedify_kv_expires_idx" ON "fedify_kv" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "fedify_message_ready_idx" ON "fedify_message" USING btree ("deliver_at");