CREATE TABLE "mastodon_app" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" text NOT NULL,
	"client_secret_hash" text NOT NULL,
	"name" text NOT NULL,
	"website" text,
	"redirect_uris" text[] NOT NULL,
	"scopes" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mastodon_app_client_id_unique" UNIQUE("client_id")
);
--> statement-breakpoint
CREATE TABLE "mastodon_code" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"app_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"redirect_uri" text NOT NULL,
	"scopes" text NOT NULL,
	"code_challenge" text,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "mastodon_push_subscription" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"endpoint" text NOT NULL,
	"p256dh" text NOT NULL,
	"auth" text NOT NULL,
	"alerts" text NOT NULL,
	"policy" text DEFAULT 'all' NOT NULL,
	"pushed_until" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mastodon_push_subscription_token_id_unique" UNIQUE("token_id")
);
--> statement-breakpoint
CREATE TABLE "mastodon_token" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"app_id" uuid NOT NULL,
	"member_id" uuid,
	"scopes" text NOT NULL,
	"code_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "mastodon_token_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "mastodon_vapid" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"public_key" text NOT NULL,
	"private_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mastodon_code" ADD CONSTRAINT "mastodon_code_app_id_mastodon_app_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."mastodon_app"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mastodon_code" ADD CONSTRAINT "mastodon_code_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mastodon_push_subscription" ADD CONSTRAINT "mastodon_push_subscription_token_id_mastodon_token_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."mastodon_token"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mastodon_push_subscription" ADD CONSTRAINT "mastodon_push_subscription_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mastodon_token" ADD CONSTRAINT "mastodon_token_app_id_mastodon_app_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."mastodon_app"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mastodon_token" ADD CONSTRAINT "mastodon_token_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mastodon_code_member_idx" ON "mastodon_code" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "mastodon_push_member_idx" ON "mastodon_push_subscription" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "mastodon_token_member_idx" ON "mastodon_token" USING btree ("member_id");