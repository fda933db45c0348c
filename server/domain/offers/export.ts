// A member's offers, conversations and thanks, for the export of their data.
// Deleting the account removes them all (foreign keys cascade from the
// member): offers, conversations they opened, their messages, thanks given
// and received, exchange records and notifications.
import { eq, getTableColumns, or } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { exchangeParticipantTable, offerMessageTable, offerResponseTable, offerTable, offerThanksTable, type Member } from "../../../db/schema/index.ts";

export async function offersExportOf(db: DatabaseLike, member: Member) {
  const { search: _search, ...columns } = getTableColumns(offerTable);
  const offers = await db.select(columns).from(offerTable).where(eq(offerTable.authorId, member.id));
  const responses = await db.select().from(offerResponseTable).where(eq(offerResponseTable.responderId, member.id));
  const messages = await db.select().from(offerMessageTable).where(eq(offerMessageTable.senderId, member.id));
  const thanks = await db.select().from(offerThanksTable).where(or(eq(offerThanksTable.fromId, member.id), eq(offerThanksTable.toId, member.id)));
  const exchanges = await db.select().from(exchangeParticipantTable).where(eq(exchangeParticipantTable.memberId, member.id));
  return { offers, responses, messages, thanks, exchanges };
}
