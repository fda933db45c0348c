// An offer's photo, through the Media foundation (purpose photo), attached in
// the offer's transaction. Until Media lands, ids are refused by name.
import type { Actor } from "../domain/acts.ts";
import type { OfferItem } from "../domain/offers.ts";
import { fail, ok, type Result } from "../domain/result.ts";
import type { DatabaseLike } from "../../db/client.ts";

export function offerAttacher(actor: Actor, media: string[] | undefined) {
  if (!media || media.length === 0) return undefined;
  return async (_tx: DatabaseLike, _item: OfferItem): Promise<Result<unknown>> => {
    void actor;
    return media.length ? fail("invalid", "media_not_found", "No such upload", "media") : ok(null);
  };
}
