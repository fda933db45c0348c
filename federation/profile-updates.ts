// When a network's or a member's profile changes (name, description, logo),
// its actor goes out as an Update, so that Mastodon and the partner networks
// show the new one without waiting to fetch it again.
import type { Federation } from "@fedify/fedify";
import { PUBLIC_COLLECTION, Update, type Recipient } from "@fedify/vocab";
import type { DatabaseLike } from "../db/client.ts";
import { partnerRecipients } from "./access.ts";
import { buildActor } from "./actors.ts";
import { deliverable } from "./blocks.ts";
import type { FedContext, FederationContextData } from "./context.ts";
import { loadLocalActor, memberIdentifier, networkIdentifier } from "./identifiers.ts";
import { followerInboxes } from "./follower-inboxes.ts";
import { newActivityId } from "./uris.ts";

export async function sendActorUpdate(ctx: FedContext, identifier: string): Promise<void> {
  const local = await loadLocalActor(ctx.data.db, identifier);
  if (!local || local.kind === "instance") return;
  const networkId = local.kind === "network" ? local.network.id : null;
  const audience: Recipient[] = [...(await followerInboxes(ctx, identifier)), ...(networkId ? await partnerRecipients(ctx, networkId) : [])];
  const recipients = await deliverable(ctx.data.db, audience, networkId);
  if (recipients.length === 0) return;
  const actorUri = ctx.getActorUri(identifier);
  const update = new Update({
    id: newActivityId(ctx, identifier, "update"),
    actor: actorUri,
    object: await buildActor(ctx, local),
    to: PUBLIC_COLLECTION,
    cc: ctx.getFollowersUri(identifier),
  });
  await ctx.sendActivity({ identifier }, recipients, update, { preferSharedInbox: true, orderingKey: actorUri.href });
}

/** The domain's ProfileUpdates port, on Fedify, in the use-case's transaction. */
export function federatedProfileUpdates(federation: Federation<FederationContextData>, origin: URL | string) {
  const on = (tx: DatabaseLike) => federation.createContext(new URL(origin), { db: tx });
  return {
    networkChanged: (tx: DatabaseLike, slug: string) => sendActorUpdate(on(tx), networkIdentifier(slug)),
    memberChanged: (tx: DatabaseLike, handle: string) => sendActorUpdate(on(tx), memberIdentifier(handle)),
  };
}
