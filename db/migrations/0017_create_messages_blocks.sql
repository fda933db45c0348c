CREATE TYPE "public"."private_message_kind" AS ENUM('direct', 'mention');--> statement-breakpoint
CREATE TABLE "conversation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"remote_actor_id" text NOT NULL,
	"unread" integer DEFAULT 0 NOT NULL,
	"last_message_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_member_actor_uq" UNIQUE("member_id","remote_actor_id")
);
--> statement-breakpoint
CREATE TABLE "private_message" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conversation_id" uuid NOT NULL,
	"outgoing" boolean NOT NULL,
	"kind" "private_message_kind" DEFAULT 'direct' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"html" text,
	"ap_id" text NOT NULL,
	"url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "private_message_ap_uq" UNIQUE("conversation_id","ap_id")
);
--> statement-breakpoint
CREATE TABLE "member_block" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"blocked_member_id" uuid,
	"blocked_actor_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_block_member_uq" UNIQUE("member_id","blocked_member_id"),
	CONSTRAINT "member_block_actor_uq" UNIQUE("member_id","blocked_actor_id"),
	CONSTRAINT "member_block_one_target" CHECK (("member_block"."blocked_member_id" is null) <> ("member_block"."blocked_actor_id" is null))
);
--> statement-breakpoint
ALTER TABLE "conversation" ADD CONSTRAINT "conversation_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation" ADD CONSTRAINT "conversation_remote_actor_id_remote_actor_id_fk" FOREIGN KEY ("remote_actor_id") REFERENCES "public"."remote_actor"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "private_message" ADD CONSTRAINT "private_message_conversation_id_conversation_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_block" ADD CONSTRAINT "member_block_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_block" ADD CONSTRAINT "member_block_blocked_member_id_member_id_fk" FOREIGN KEY ("blocked_member_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_block" ADD CONSTRAINT "member_block_blocked_actor_id_remote_actor_id_fk" FOREIGN KEY ("blocked_actor_id") REFERENCES "public"."remote_actor"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_member_idx" ON "conversation" USING btree ("member_id","last_message_at");--> statement-breakpoint
CREATE INDEX "private_message_conversation_idx" ON "private_message" USING btree ("conversation_id","created_at");--> statement-breakpoint
CREATE INDEX "private_message_ap_idx" ON "private_message" USING btree ("ap_id") WHERE "private_message"."outgoing";--> statement-breakpoint
CREATE INDEX "member_block_blocked_idx" ON "member_block" USING btree ("blocked_member_id");