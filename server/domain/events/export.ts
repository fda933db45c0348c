// A member's events data, for the account export. Deleting the account
// removes their answers, sign-ups, Joins elsewhere and calendar link (cascade);
// events they organised stay the network's, without their name.
import { eq } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import {
  calendarTokenTable,
  eventParticipationTable,
  eventSignupItemTable,
  eventSignupTable,
  eventTable,
  networkTable,
  remoteEventParticipationTable,
  type Member,
} from "../../../db/schema/index.ts";

export async function eventsExport(db: DatabaseLike, member: Member) {
  const organised = await db
    .select({ id: eventTable.id, network: networkTable.slug, title: eventTable.title, startsAt: eventTable.startsAt, visibility: eventTable.visibility })
    .from(eventTable)
    .innerJoin(networkTable, eq(networkTable.id, eventTable.networkId))
    .where(eq(eventTable.organiserId, member.id));
  const answers = await db
    .select({ event: eventTable.id, title: eventTable.title, startsAt: eventTable.startsAt, status: eventParticipationTable.status, at: eventParticipationTable.updatedAt })
    .from(eventParticipationTable)
    .innerJoin(eventTable, eq(eventTable.id, eventParticipationTable.eventId))
    .where(eq(eventParticipationTable.memberId, member.id));
  const signups = await db
    .select({ event: eventSignupItemTable.eventId, item: eventSignupItemTable.label, quantity: eventSignupTable.quantity })
    .from(eventSignupTable)
    .innerJoin(eventSignupItemTable, eq(eventSignupItemTable.id, eventSignupTable.itemId))
    .where(eq(eventSignupTable.memberId, member.id));
  const joinedElsewhere = await db
    .select({ event: remoteEventParticipationTable.remoteEventId, state: remoteEventParticipationTable.state, at: remoteEventParticipationTable.createdAt })
    .from(remoteEventParticipationTable)
    .where(eq(remoteEventParticipationTable.memberId, member.id));
  const [calendar] = await db.select({ since: calendarTokenTable.createdAt }).from(calendarTokenTable).where(eq(calendarTokenTable.memberId, member.id));
  return { organised, answers, signups, joinedElsewhere, calendarLinkSince: calendar?.since ?? null };
}
