CREATE TABLE "bookmark" (
	"member_id" uuid NOT NULL,
	"item_kind" text NOT NULL,
	"item_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bookmark_member_id_item_kind_item_id_pk" PRIMARY KEY("member_id","item_kind","item_id")
);
--> statement-breakpoint
CREATE TABLE "member_reaction" (
	"member_id" uuid NOT NULL,
	"type" "reaction_type" NOT NULL,
	"object_id" text NOT NULL,
	"item_kind" text NOT NULL,
	"item_id" text NOT NULL,
	"activity_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_reaction_member_id_type_object_id_pk" PRIMARY KEY("member_id","type","object_id")
);
--> statement-breakpoint
ALTER TABLE "bookmark" ADD CONSTRAINT "bookmark_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_reaction" ADD CONSTRAINT "member_reaction_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bookmark_member_idx" ON "bookmark" USING btree ("member_id","created_at");--> statement-breakpoint
CREATE INDEX "member_reaction_object_idx" ON "member_reaction" USING btree ("object_id");