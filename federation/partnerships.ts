// Partnerships with remote networks, on the wire (FEP-1b12 groups following
// each other, with approval). A asks B; B accepts; either ends it:
//
//   A → B  Follow { name: "partnership", content: A's message }   B: incoming
//   B → A  Accept(Follow)  and  B → A  Follow (follow back)         B: active
//   A → B  Accept(Follow back), automatic                           A: active
//   B → A  Reject(Follow)                                           both: declined
//   X → Y  Undo(Follow X→Y);  Y → X  Undo(Follow Y→X)               both: ended
//
// The port below is what the domain (server/domain/partnerships.ts) calls;
// inbound handling is in inbox/partnerships.ts.
import type { Federation } from "@fedify/fedify";
import { Follow, isActor, Undo } from "@fedify/vocab";
import { and, eq } from "drizzle-orm";
import type { DatabaseLike } from "../db/client.ts";
import { followerTable, followingTable, remoteActorTable, type Network, type Partnership, type RemoteActor } from "../db/schema/index.ts";
import type { PartnershipPort } from "../server/domain/partnerships.ts";
import { fail, ok } from "../server/domain/result.ts";
import { isBlockedHost } from "./blocks.ts";
import { federationLogger, signedLoader, type FedContext, type FederationContextData } from "./context.ts";
import { answerFollow, recipientOf } from "./follows.ts";
import { textToHtml } from "./html.ts";
import { networkIdentifier, parseIdentifier, type LocalActor } from "./identifiers.ts";
import { rememberActor } from "./remote-actors.ts";
import { newActivityId } from "./uris.ts";

/** The `name` of a Follow that asks for a partnership (a plain Follow from a Group is an ordinary follow). */
export const PARTNERSHIP_REQUEST = "partnership";

export const networkActor = (network: Network): LocalActor => ({ kind: "network", identifier: networkIdentifier(network.slug), network });

async function remoteActor(db: DatabaseLike, id: string): Promise<RemoteActor | null> {
  const [row] = await db.select().from(remoteActorTable).where(eq(remoteActorTable.id, id)).limit(1);
  return row ?? null;
}

/** The network's Group follows the partner Group (a request, or the follow back). */
export async function followPartner(ctx: FedContext, network: Network, partner: RemoteActor, message = ""): Promise<void> {
  const { db } = ctx.data;
  const identifier = networkIdentifier(network.slug);
  const followId = newActivityId(ctx, identifier, "follow");
  const where = and(eq(followingTable.networkId, network.id), eq(followingTable.remoteActorId, partner.id));
  const [existing] = await db.select().from(followingTable).where(where).limit(1);
  if (existing) await db.update(followingTable).set({ followId: followId.href }).where(eq(followingTable.id, existing.id));
  else await db.insert(followingTable).values({ networkId: network.id, remoteActorId: partner.id, followId: followId.href });
  if (await isBlockedHost(db, partner.host)) return;
  const follow = new Follow({
    id: followId,
    actor: ctx.getActorUri(identifier),
    object: new URL(partner.id),
    to: new URL(partner.id),
    name: PARTNERSHIP_REQUEST,
    ...(message ? { content: textToHtml(message) } : {}),
  });
  await ctx.sendActivity({ identifier }, recipientOf(partner), follow);
}

/** Accepts the partner's Follow: it becomes an accepted follower of the network (whatever approvesFollowers says). */
export async function acceptPartnerFollow(ctx: FedContext, network: Network, partner: RemoteActor, followId: string): Promise<void> {
  await ctx.data.db
    .insert(followerTable)
    .values({ networkId: network.id, remoteActorId: partner.id, followId, state: "accepted", acceptedAt: new Date() })
    .onConflictDoUpdate({
      target: [followerTable.networkId, followerTable.memberId, followerTable.remoteActorId],
      set: { followId, state: "accepted", acceptedAt: new Date() },
    });
  if (!(await isBlockedHost(ctx.data.db, partner.host))) await answerFollow(ctx, networkActor(network), partner, followId, "accept");
}

/** Ends it on the wire: Undo our Follow, drop their follow of us (they undo theirs when they hear). */
export async function unfollowPartner(ctx: FedContext, network: Network, partner: RemoteActor): Promise<void> {
  const { db } = ctx.data;
  const identifier = networkIdentifier(network.slug);
  const [following] = await db
    .delete(followingTable)
    .where(and(eq(followingTable.networkId, network.id), eq(followingTable.remoteActorId, partner.id)))
    .returning();
  await db.delete(followerTable).where(and(eq(followerTable.networkId, network.id), eq(followerTable.remoteActorId, partner.id)));
  if (await isBlockedHost(db, partner.host)) return;
  const actor = ctx.getActorUri(identifier);
  const undo = new Undo({
    id: newActivityId(ctx, identifier, "undo"),
    actor,
    object: new Follow({ id: following ? new URL(following.followId) : null, actor, object: new URL(partner.id) }),
    to: new URL(partner.id),
  });
  await ctx.sendActivity({ identifier }, recipientOf(partner), undo);
}

/**
 * The domain's port. Without a federation (API-only tests) local partnerships
 * work and remote partners are "not found".
 */
export function partnershipPort(origin: string | URL, db: DatabaseLike, federation?: Federation<FederationContextData>): PartnershipPort {
  const base = new URL(origin);
  const context = (db: DatabaseLike) => federation!.createContext(base, { db });
  const withPartner =
    (action: (ctx: FedContext, network: Network, partner: RemoteActor, row: Partnership) => Promise<void>) =>
    async (db: DatabaseLike, network: Network, row: Partnership) => {
      if (!federation) return;
      const partner = await remoteActor(db, row.partnerActorId);
      if (partner) await action(context(db), network, partner, row);
    };
  return {
    host: base.host,
    localActorId: (slug) => new URL(`/n/${slug}`, base).href,
    localSlug: (actorId) => {
      if (!URL.canParse(actorId)) return null;
      const url = new URL(actorId);
      const ref = url.origin === base.origin && !url.search && !url.hash ? parseIdentifier(url.pathname.slice(1)) : null;
      return ref?.kind === "network" ? ref.slug : null;
    },
    resolveRemote: (query) =>
      federation ? resolveRemoteGroup(context(db), query) : Promise.resolve(fail("invalid", "partner_not_found", "No network found at this address", "partner")),
    requested: withPartner((ctx, network, partner, row) => followPartner(ctx, network, partner, row.message)),
    accepted: withPartner(async (ctx, network, partner, row) => {
      await acceptPartnerFollow(ctx, network, partner, row.requestActivityId ?? `${partner.id}#partnership`);
      await followPartner(ctx, network, partner);
    }),
    declined: withPartner(async (ctx, network, partner, row) => {
      if (row.requestActivityId && !(await isBlockedHost(ctx.data.db, partner.host))) {
        await answerFollow(ctx, networkActor(network), partner, row.requestActivityId, "reject");
      }
    }),
    ended: withPartner((ctx, network, partner) => unfollowPartner(ctx, network, partner)),
  };
}

/** Looks a remote Group up by handle or URL, and remembers it. */
export async function resolveRemoteGroup(ctx: FedContext, query: string) {
  const blocked = () => fail("invalid", "partner_blocked", "This instance blocks the partner's server", "partner");
  const asked = /^@?[^@\s]+@([^@\s]+)$/.exec(query)?.[1] ?? (URL.canParse(query) ? new URL(query).host : null);
  if (asked && (await isBlockedHost(ctx.data.db, asked))) return blocked();
  let found: unknown = null;
  try {
    found = await ctx.lookupObject(query, { documentLoader: await signedLoader(ctx) });
  } catch (error) {
    federationLogger.debug("Lookup of partner {query} failed: {error}", { query, error });
  }
  if (!isActor(found) || found.id === null || ctx.parseUri(found.id) !== null) {
    return fail("invalid", "partner_not_found", "No network found at this address", "partner");
  }
  const remote = await rememberActor(ctx.data.db, found);
  if (!remote || remote.type !== "Group") return fail("invalid", "partner_not_a_network", "This address is not a network (Group)", "partner");
  if (await isBlockedHost(ctx.data.db, remote.host)) return blocked();
  return ok({ actorId: remote.id });
}
