-- No double booking: two accepted bookings of one matériel or lieu never
-- overlap, even when two animators accept at the same moment. Half-open
-- ranges, so a booking may start when the previous one ends. btree_gist
-- (migration 0006) lets the gist index compare the uuid with =.
ALTER TABLE "booking" ADD CONSTRAINT "booking_no_overlap"
  EXCLUDE USING gist ("resource_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&)
  WHERE ("state" = 'accepted');
