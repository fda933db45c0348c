// A sponsor finds an offer by the number printed beside it on the offers sheet.
import { and, eq } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { offerTable, type Member } from "../../../db/schema/index.ts";
import { getOffer } from "../offers/detail.ts";
import type { OfferDetail } from "../offers/views.ts";
import { fail, type Result } from "../result.ts";
import { findNetwork } from "../roles.ts";

export const MAX_REF = 9_999_999;

/** The offer with this number in the network, if the viewer may see it (else "not found", as for any offer). */
export async function offerByRef(db: DatabaseLike, viewer: Member | null, slug: string, ref: string, origin: string): Promise<Result<OfferDetail>> {
  const number = /^\s*(?:n°\s*)?#?(\d{1,7})\s*$/i.exec(ref)?.[1];
  if (!number || Number(number) < 1 || Number(number) > MAX_REF) return fail("invalid", "invalid_ref", "A reference is the number printed beside the offer", "ref");
  const network = await findNetwork(db, slug);
  if (!network.ok) return network;
  const [offer] = await db
    .select({ id: offerTable.id })
    .from(offerTable)
    .where(and(eq(offerTable.networkId, network.value.id), eq(offerTable.ref, Number(number))))
    .limit(1);
  if (!offer) return fail("not_found", "offer_ref_not_found", `No offer n° ${number} in this network`, "ref");
  return getOffer(db, viewer, offer.id, origin);
}
