-- Offers posted before reference numbers existed get theirs, oldest first in
-- each network, and each network's counter starts after its last one.
UPDATE "offer" SET "ref" = numbered.n
FROM (SELECT "id", row_number() OVER (PARTITION BY "network_id" ORDER BY "created_at", "id") AS n FROM "offer" WHERE "network_id" IS NOT NULL) AS numbered
WHERE "offer"."id" = numbered."id";
--> statement-breakpoint
INSERT INTO "offer_ref_counter" ("network_id", "last")
SELECT "network_id", max("ref") FROM "offer" WHERE "network_id" IS NOT NULL GROUP BY "network_id";
