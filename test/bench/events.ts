// Events: making a monthly series, 60 members answering "going" at once for
// 20 places (the row lock serialises them: how long the burst takes, and that
// exactly 20 get in), and building a network's calendar feed.
import { memberTable, membershipTable, networkTable } from "../../db/schema/index.ts";
import { migrate } from "../../db/migrate.ts";
import { networkIcs } from "../../server/domain/events/calendar.ts";
import { noEventOutbox } from "../../server/domain/events/ports.ts";
import { answerEvent } from "../../server/domain/events/rsvp.ts";
import { countsOf } from "../../server/domain/events/views.ts";
import { createEvent } from "../../server/domain/events/events.ts";
import { selfActor } from "../../server/domain/acts.ts";
import { onEachDatabase } from "./support.ts";

const publishing = { origin: "https://bench.example", outbox: noEventOutbox };
const ms = (start: number) => `${(performance.now() - start).toFixed(0)} ms`;

export async function benchEvents(): Promise<void> {
  await onEachDatabase("events", async (database) => {
    const handle = await database.open();
    try {
      await migrate(handle);
      const { db } = handle;
      const [network] = await db.insert(networkTable).values({ slug: "bench", name: "Bench" }).returning();
      const members = await db
        .insert(memberTable)
        .values(Array.from({ length: 61 }, (_, i) => ({ handle: `m${i}`, displayName: `Member ${i}` })))
        .returning();
      await db.insert(membershipTable).values(members.map((m, i) => ({ networkId: network.id, memberId: m.id, role: i === 0 ? ("animator" as const) : ("member" as const) })));
      const animator = selfActor(members[0]);

      let start = performance.now();
      const series = await createEvent(db, animator, "bench", {
        kind: "cafe", title: "Café", startsAt: "2027-01-02T10:00", endsAt: "2027-01-02T12:00", place: { name: "Salle" }, visibility: "public", rrule: "FREQ=WEEKLY;COUNT=100",
      }, publishing);
      if (!series.ok) throw new Error(series.error.code);
      console.log(`${database.label}: a weekly series of 100 occurrences made in ${ms(start)}`);

      const capped = await createEvent(db, animator, "bench", {
        kind: "atelier", title: "Atelier", startsAt: "2027-03-06T14:00", endsAt: "2027-03-06T16:00", place: { name: "Salle" }, capacity: 20,
      }, publishing);
      if (!capped.ok) throw new Error(capped.error.code);
      const id = capped.value[0].id;
      start = performance.now();
      await Promise.all(members.slice(1).map((m) => answerEvent(db, selfActor(m), id, "going", publishing)));
      const counts = (await countsOf(db, [id])).get(id)!;
      console.log(`${database.label}: 60 members answer "going" at once for 20 places in ${ms(start)} → ${counts.going} going, ${counts.waiting} waiting`);

      start = performance.now();
      const ics = await networkIcs(db, "bench", publishing.origin);
      if (!ics.ok) throw new Error(ics.error.code);
      console.log(`${database.label}: network calendar (a 100-occurrence series folded into one RRULE) in ${ms(start)}, ${ics.value.length} bytes`);
    } finally {
      await handle.close();
    }
  });
}
