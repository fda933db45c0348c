// A partner that has just joined receives what the network already shares
// with partners (current offers, coming events, resources): the same Create /
// Announce as when they were posted, to that partner's Group only. Run when
// the partnership becomes active on our side and our follow is accepted, so
// the partner already counts us as its partner when they arrive.
import type { Recipient } from "@fedify/vocab";
import type { Network, RemoteActor } from "../db/schema/index.ts";
import { sharedWithPartners } from "../server/domain/partner-backfill.ts";
import { deliverable } from "./blocks.ts";
import { publishResource } from "./commons/outbox.ts";
import { federationLogger, type FedContext } from "./context.ts";
import { publishEvent } from "./events/outbox.ts";
import { publishOffer } from "./offers/outbox.ts";

export async function backfillPartner(ctx: FedContext, network: Network, partner: RemoteActor): Promise<void> {
  const recipient: Recipient = {
    id: new URL(partner.id),
    inboxId: new URL(partner.inbox),
    endpoints: partner.sharedInbox ? { sharedInbox: new URL(partner.sharedInbox) } : null,
  };
  const audience = await deliverable(ctx.data.db, [recipient], network.id);
  if (audience.length === 0) return;
  const { offers, events, resources } = await sharedWithPartners(ctx.data.db, network.id);
  for (const item of offers) await publishOffer(ctx, "create", item, audience);
  for (const item of events) await publishEvent(ctx, "create", item, audience);
  for (const item of resources) await publishResource(ctx, "create", item, audience);
  federationLogger.info("Back-filled {partner} with {offers} offer(s), {events} event(s), {resources} resource(s) of {network}", {
    partner: partner.id, network: network.slug, offers: offers.length, events: events.length, resources: resources.length,
  });
}
