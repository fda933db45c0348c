CREATE TYPE "public"."follow_state" AS ENUM('pending', 'accepted');--> statement-breakpoint
CREATE TYPE "public"."key_algorithm" AS ENUM('rsa', 'ed25519');--> statement-breakpoint
CREATE TYPE "public"."outbox_visibility" AS ENUM('public', 'partners');--> statement-breakpoint
CREATE TYPE "public"."reaction_type" AS ENUM('like', 'announce');--> statement-breakpoint
CREATE TYPE "public"."remote_visibility" AS ENUM('public', 'unlisted', 'followers', 'direct');--> statement-breakpoint
CREATE TABLE "actor_key" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"network_id" uuid,
	"member_id" uuid,
	"algorithm" "key_algorithm" NOT NULL,
	"public_key" jsonb NOT NULL,
	"private_key" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "actor_key_owner_uq" UNIQUE NULLS NOT DISTINCT("network_id","member_id","algorithm"),
	CONSTRAINT "actor_key_one_owner" CHECK ("actor_key"."network_id" is null or "actor_key"."member_id" is null)
);
--> statement-breakpoint
CREATE TABLE "follower" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"network_id" uuid,
	"member_id" uuid,
	"remote_actor_id" text NOT NULL,
	"follow_id" text NOT NULL,
	"state" "follow_state" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	CONSTRAINT "follower_uq" UNIQUE NULLS NOT DISTINCT("network_id","member_id","remote_actor_id"),
	CONSTRAINT "follower_one_owner" CHECK ("follower"."network_id" is null or "follower"."member_id" is null)
);
--> statement-breakpoint
CREATE TABLE "following" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"network_id" uuid,
	"member_id" uuid,
	"remote_actor_id" text NOT NULL,
	"follow_id" text NOT NULL,
	"state" "follow_state" DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	CONSTRAINT "following_follow_id_unique" UNIQUE("follow_id"),
	CONSTRAINT "following_uq" UNIQUE NULLS NOT DISTINCT("network_id","member_id","remote_actor_id"),
	CONSTRAINT "following_one_owner" CHECK ("following"."network_id" is null or "following"."member_id" is null)
);
--> statement-breakpoint
CREATE TABLE "outbox_entry" (
	"activity_id" text PRIMARY KEY NOT NULL,
	"network_id" uuid,
	"member_id" uuid,
	"type" text NOT NULL,
	"object_id" text NOT NULL,
	"visibility" "outbox_visibility" NOT NULL,
	"published" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbox_entry_one_owner" CHECK ("outbox_entry"."network_id" is null or "outbox_entry"."member_id" is null)
);
--> statement-breakpoint
CREATE TABLE "remote_actor" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"host" text NOT NULL,
	"handle" text,
	"name" text,
	"url" text,
	"icon_url" text,
	"inbox" text NOT NULL,
	"shared_inbox" text,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "remote_post" (
	"id" text PRIMARY KEY NOT NULL,
	"author_id" text NOT NULL,
	"type" text NOT NULL,
	"in_reply_to" text,
	"announced_by_id" text,
	"name" text,
	"summary" text,
	"content_html" text DEFAULT '' NOT NULL,
	"language" text,
	"url" text,
	"sensitive" boolean DEFAULT false NOT NULL,
	"visibility" "remote_visibility" NOT NULL,
	"local_recipients" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"published" timestamp with time zone DEFAULT now() NOT NULL,
	"updated" timestamp with time zone,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "remote_reaction" (
	"activity_id" text PRIMARY KEY NOT NULL,
	"type" "reaction_type" NOT NULL,
	"actor_id" text NOT NULL,
	"object_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "remote_reaction_uq" UNIQUE("type","actor_id","object_id")
);
--> statement-breakpoint
ALTER TABLE "actor_key" ADD CONSTRAINT "actor_key_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actor_key" ADD CONSTRAINT "actor_key_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follower" ADD CONSTRAINT "follower_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follower" ADD CONSTRAINT "follower_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follower" ADD CONSTRAINT "follower_remote_actor_id_remote_actor_id_fk" FOREIGN KEY ("remote_actor_id") REFERENCES "public"."remote_actor"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "following" ADD CONSTRAINT "following_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "following" ADD CONSTRAINT "following_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "following" ADD CONSTRAINT "following_remote_actor_id_remote_actor_id_fk" FOREIGN KEY ("remote_actor_id") REFERENCES "public"."remote_actor"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_entry" ADD CONSTRAINT "outbox_entry_network_id_network_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."network"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_entry" ADD CONSTRAINT "outbox_entry_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remote_post" ADD CONSTRAINT "remote_post_author_id_remote_actor_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."remote_actor"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remote_post" ADD CONSTRAINT "remote_post_announced_by_id_remote_actor_id_fk" FOREIGN KEY ("announced_by_id") REFERENCES "public"."remote_actor"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remote_reaction" ADD CONSTRAINT "remote_reaction_actor_id_remote_actor_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."remote_actor"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "follower_remote_idx" ON "follower" USING btree ("remote_actor_id");--> statement-breakpoint
CREATE INDEX "following_remote_idx" ON "following" USING btree ("remote_actor_id");--> statement-breakpoint
CREATE INDEX "outbox_entry_owner_idx" ON "outbox_entry" USING btree ("network_id","member_id","published");--> statement-breakpoint
CREATE INDEX "outbox_entry_object_idx" ON "outbox_entry" USING btree ("object_id");--> statement-breakpoint
CREATE INDEX "remote_actor_host_idx" ON "remote_actor" USING btree ("host");--> statement-breakpoint
CREATE INDEX "remote_post_reply_idx" ON "remote_post" USING btree ("in_reply_to");--> statement-breakpoint
CREATE INDEX "remote_post_author_idx" ON "remote_post" USING btree ("author_id","published");--> statement-breakpoint
CREATE INDEX "remote_reaction_object_idx" ON "remote_reaction" USING btree ("object_id");