// A remote offer (from a partner or followed network) as its page here shows
// it: public ones to any member of this instance, partner ones to members of
// its partner networks here; the viewer's own conversation with its author.
import { and, eq, isNotNull } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { offerMessageTable, offerResponseTable, offerTable, partnershipTable, type Member, type Offer } from "../../../db/schema/index.ts";
import { viewerRole } from "../announcement-views.ts";
import { isBlocked } from "../blocks/blocks.ts";
import { isUuid } from "../ids.ts";
import { ok, type Result } from "../result.ts";
import { decorate, offerNotFound, offerView, personView, selectOfferRows, type OfferDetail } from "./views.ts";

/** A remote offer: public ones for any member of this instance; partner ones for members of its partner networks here. */
export async function getRemoteOffer(db: DatabaseLike, viewer: Member | null, id: string, origin: string): Promise<Result<OfferDetail>> {
  if (!viewer || !isUuid(id)) return offerNotFound();
  const [row] = await decorate(db, await selectOfferRows(db).where(and(eq(offerTable.id, id), isNotNull(offerTable.apId))).limit(1));
  if (!row || !(await mayReadRemote(db, row.offer, viewer))) return offerNotFound();
  if (row.offer.remoteAuthorId && (await isBlocked(db, viewer.id, row.offer.remoteAuthorId))) return offerNotFound();
  const view = offerView(origin, row, true);
  const responses = await db
    .select({ response: offerResponseTable, message: offerMessageTable })
    .from(offerResponseTable)
    .leftJoin(offerMessageTable, eq(offerMessageTable.responseId, offerResponseTable.id))
    .where(and(eq(offerResponseTable.offerId, id), eq(offerResponseTable.responderId, viewer.id)));
  const conversations = responses.length
    ? [
        {
          id: responses[0].response.id,
          responder: personView(viewer),
          agreed: false,
          createdAt: responses[0].response.createdAt,
          // Ours, and its author's answers from elsewhere.
          messages: responses
            .flatMap(({ message: m }) => (m ? [m] : []))
            .sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime())
            .map((m) => {
              const fromAuthor = m.senderId === null;
              const sender = fromAuthor ? (view.remoteAuthor?.name ?? view.remoteAuthor?.handle ?? "") : viewer.displayName;
              return { id: m.id, fromAuthor, sender, body: m.body, html: fromAuthor ? m.remoteHtml : null, createdAt: m.createdAt };
            }),
        },
      ]
    : [];
  return ok({ ...view, mine: false, conversations, interested: 0, participants: [], thanks: [] });
}

export async function mayReadRemote(db: DatabaseLike, offer: Pick<Offer, "visibility" | "remoteNetworkId">, viewer: Member): Promise<boolean> {
  if (offer.visibility === "public") return true;
  const partners = await db
    .select({ networkId: partnershipTable.networkId })
    .from(partnershipTable)
    .where(and(eq(partnershipTable.partnerActorId, offer.remoteNetworkId!), eq(partnershipTable.state, "active")));
  for (const { networkId } of partners) if ((await viewerRole(db, networkId, viewer)) !== null) return true;
  return false;
}
