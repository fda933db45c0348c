// After an event, its organiser (or an animator) ticks who came on the list
// of participants: the impact figures count attendance from these ticks.
import { and, eq } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { eventParticipationTable, type Member } from "../../../db/schema/index.ts";
import { recordAct, selfActor } from "../acts.ts";
import { isUuid } from "../ids.ts";
import { fail, ok, transact, type Result } from "../result.ts";
import { findEvent, mayManage } from "./views.ts";

/** `attended`: true (came), false (did not), null (not ticked). */
export async function tickAttendance(
  db: DatabaseLike,
  by: Member,
  eventId: string,
  participantId: string,
  attended: boolean | null,
  now = new Date(),
): Promise<Result<{ id: string; attended: boolean | null }>> {
  return transact(db, async (tx) => {
    const item = await findEvent(tx, eventId);
    if (!item) return fail("not_found", "event_not_found", "No such event");
    if (!(await mayManage(tx, item, by))) return fail("forbidden", "not_event_organiser", "Only its organiser or an animator ticks who came");
    if (item.event.startsAt > now) return fail("conflict", "event_not_started", "Who came is ticked once the event has started");
    const [row] = isUuid(participantId)
      ? await tx
          .update(eventParticipationTable)
          .set({ attended })
          .where(and(eq(eventParticipationTable.id, participantId), eq(eventParticipationTable.eventId, eventId)))
          .returning({ id: eventParticipationTable.id, attended: eventParticipationTable.attended })
      : [];
    if (!row) return fail("not_found", "participant_not_found", "No such participant of this event", "participant");
    await recordAct(tx, selfActor(by), "event.attendance", { event: eventId, participant: participantId, attended }, item.network.id);
    return ok(row);
  });
}
