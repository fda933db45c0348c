CREATE TABLE "object_tombstone" (
	"object_id" text PRIMARY KEY NOT NULL,
	"former_type" text NOT NULL,
	"deleted" timestamp with time zone DEFAULT now() NOT NULL
);
