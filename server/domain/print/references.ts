// Reference numbers of offers: short, per network (n° 1, 2, 3…), printed on
// the offers sheet so that a neighbour without internet can say « le 42 »
// to their sponsor, who finds the offer in the app by that number.
import { sql } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { offerRefCounterTable } from "../../../db/schema/index.ts";

/** The network's next number, taken atomically in the caller's transaction (the counter row is locked until it ends). */
export async function nextOfferRef(tx: DatabaseLike, networkId: string): Promise<number> {
  const [row] = await tx
    .insert(offerRefCounterTable)
    .values({ networkId, last: 1 })
    .onConflictDoUpdate({ target: offerRefCounterTable.networkId, set: { last: sql`${offerRefCounterTable.last} + 1` } })
    .returning({ last: offerRefCounterTable.last });
  return row.last;
}
