// What a network already shares with its partners (current offers, coming
// events, resources), for a partner that has just joined: it receives them
// as if they had been posted after the partnership (federation/partner-backfill.ts).
// Partners on this instance need none of it: they read these from the database.
import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, or } from "drizzle-orm";
import type { DatabaseLike } from "../../db/client.ts";
import { eventSeriesTable, eventTable, memberTable, networkTable, offerTable, resourceTable, themeTable } from "../../db/schema/index.ts";
import type { ResourceItem } from "./commons/commons.ts";
import type { EventItem } from "./events/ports.ts";
import type { OfferItem } from "./offers/offers.ts";

/** At most this many of each kind: the newest offers and resources, the soonest events. */
export const BACKFILL_LIMIT = 100;

const shared = ["partners", "public"] as const;

export interface SharedItems {
  offers: OfferItem[];
  events: EventItem[];
  resources: ResourceItem[];
}

export async function sharedWithPartners(db: DatabaseLike, networkId: string, now = new Date()): Promise<SharedItems> {
  const offers = await db
    .select({ offer: offerTable, network: networkTable, author: memberTable, theme: themeTable })
    .from(offerTable)
    .innerJoin(networkTable, eq(networkTable.id, offerTable.networkId))
    .innerJoin(memberTable, eq(memberTable.id, offerTable.authorId))
    .leftJoin(themeTable, eq(themeTable.id, offerTable.themeId))
    .where(and(
      eq(offerTable.networkId, networkId),
      inArray(offerTable.visibility, shared),
      inArray(offerTable.status, ["open", "agreed"]),
      or(isNull(offerTable.expiresAt), gt(offerTable.expiresAt, now)),
    ))
    .orderBy(desc(offerTable.createdAt))
    .limit(BACKFILL_LIMIT);
  const events = await db
    .select({ event: eventTable, network: networkTable, organiser: memberTable, series: eventSeriesTable })
    .from(eventTable)
    .innerJoin(networkTable, eq(networkTable.id, eventTable.networkId))
    .leftJoin(memberTable, and(isNotNull(eventTable.organiserId), eq(memberTable.id, eventTable.organiserId)))
    .leftJoin(eventSeriesTable, eq(eventSeriesTable.id, eventTable.seriesId))
    .where(and(eq(eventTable.networkId, networkId), inArray(eventTable.visibility, shared), eq(eventTable.cancelled, false), gte(eventTable.endsAt, now), isNull(eventTable.hiddenAt)))
    .orderBy(asc(eventTable.startsAt))
    .limit(BACKFILL_LIMIT);
  const resources = await db
    .select({ resource: resourceTable, network: networkTable })
    .from(resourceTable)
    .innerJoin(networkTable, eq(networkTable.id, resourceTable.networkId))
    .where(and(eq(resourceTable.networkId, networkId), inArray(resourceTable.visibility, shared), isNull(resourceTable.hiddenAt)))
    .orderBy(desc(resourceTable.updatedAt))
    .limit(BACKFILL_LIMIT);
  return { offers, events, resources };
}
