// The federation as the offers' use-cases see it. Without a federation
// (API-only tests, tools) nothing is sent.
import type { Context } from "hono";
import { federatedOfferOutbox } from "../../federation/offers/outbox.ts";
import { noOfferOutbox, type OfferPublishing } from "../domain/offers/offers.ts";
import type { AppEnv } from "../http/context.ts";

export function offerPublishingOf(c: Context<AppEnv>): OfferPublishing {
  const { federation, config } = c.var.deps;
  return { origin: config.publicUrl.origin, outbox: federation ? federatedOfferOutbox(federation, config.publicUrl) : noOfferOutbox };
}
