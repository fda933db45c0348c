// A member's part of the commons, for their data export. Resources belong to
// their network (a common): when the account goes, they stay, with no link
// to the account (created_by / edited_by / requested_by are set null).
import { eq } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { bookingTable, networkTable, resourceTable, resourceVersionTable, type Member } from "../../../db/schema/index.ts";

export async function commonsExportOf(db: DatabaseLike, member: Member) {
  const resources = await db
    .select({ id: resourceTable.id, network: networkTable.slug, kind: resourceTable.kind, title: resourceTable.title, licence: resourceTable.licence, createdAt: resourceTable.createdAt })
    .from(resourceTable)
    .innerJoin(networkTable, eq(networkTable.id, resourceTable.networkId))
    .where(eq(resourceTable.createdById, member.id));
  const versions = await db
    .select({ resourceId: resourceVersionTable.resourceId, number: resourceVersionTable.number, title: resourceVersionTable.title, createdAt: resourceVersionTable.createdAt })
    .from(resourceVersionTable)
    .where(eq(resourceVersionTable.editedById, member.id));
  const bookings = await db
    .select({ id: bookingTable.id, resourceId: bookingTable.resourceId, startsAt: bookingTable.startsAt, endsAt: bookingTable.endsAt, state: bookingTable.state })
    .from(bookingTable)
    .where(eq(bookingTable.requestedById, member.id));
  return { resources, versionsEdited: versions, bookingsRequested: bookings };
}
