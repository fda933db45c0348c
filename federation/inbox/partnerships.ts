// Inbound side of partnerships and governance, called from follow.ts,
// accept.ts and undo.ts (see federation/partnerships.ts for the message flow).
import type { Follow } from "@fedify/vocab";
import { and, eq, inArray, or } from "drizzle-orm";
import { networkTable, partnershipTable, remoteActorTable, type Following, type Network, type RemoteActor } from "../../db/schema/index.ts";
import { hostMayInteract, isBlockedHost } from "../blocks.ts";
import { inboxLogger, type FedContext, type FedInboxContext } from "../context.ts";
import { answerFollow } from "../follows.ts";
import { toPlainText } from "../html.ts";
import type { LocalActor } from "../identifiers.ts";
import { backfillPartner } from "../partner-backfill.ts";
import { acceptPartnerFollow, PARTNERSHIP_REQUEST, unfollowPartner } from "../partnerships.ts";

const MAX_MESSAGE = 2000;

async function partnershipOf(ctx: FedContext, networkId: string, partnerId: string) {
  const [row] = await ctx.data.db
    .select()
    .from(partnershipTable)
    .where(and(eq(partnershipTable.networkId, networkId), eq(partnershipTable.partnerActorId, partnerId)))
    .limit(1);
  return row ?? null;
}

/**
 * Runs before the ordinary follow handling. Returns true when the Follow was
 * dealt with here: refused (blocked host, or a network in allowlist mode),
 * a follow back from a partner (accepted at once), or a partnership request
 * (kept for the animators, answered when they decide).
 */
export async function gateFollow(ctx: FedInboxContext, local: LocalActor, follower: RemoteActor, follow: Follow): Promise<boolean> {
  const { db } = ctx.data;
  if (await isBlockedHost(db, follower.host)) {
    inboxLogger.info("Follow from blocked host {host} dropped", { host: follower.host });
    return true;
  }
  if (local.kind !== "network") return false;
  const network = local.network;
  if (follower.type === "Group" && follow.id) {
    if (await onPartnerFollow(ctx, network, follower, follow.id.href, String(follow.name ?? ""), String(follow.content ?? ""))) {
      return true;
    }
  }
  if (await hostMayInteract(db, network.id, follower.host, follower.id)) return false;
  inboxLogger.info("{follower} may not follow {network} (allowlist mode): rejected", { follower: follower.id, network: network.slug });
  await answerFollow(ctx, local, follower, follow.id!.href, "reject");
  return true;
}

async function onPartnerFollow(
  ctx: FedInboxContext,
  network: Network,
  group: RemoteActor,
  followId: string,
  name: string,
  content: string,
): Promise<boolean> {
  const row = await partnershipOf(ctx, network.id, group.id);
  if (row && (row.state === "outgoing" || row.state === "active")) {
    // The follow back of a partner we asked (or a repeated one): accepted at once.
    await acceptPartnerFollow(ctx, network, group, followId);
    if (row.state === "outgoing") {
      await ctx.data.db.update(partnershipTable).set({ state: "active", decidedAt: new Date() }).where(eq(partnershipTable.id, row.id));
    }
    inboxLogger.info("Partner {group} follows {network}: accepted", { group: group.id, network: network.slug });
    return true;
  }
  if (name !== PARTNERSHIP_REQUEST) return false;
  const values = {
    state: "incoming" as const,
    message: toPlainText(content).slice(0, MAX_MESSAGE),
    requestActivityId: followId,
    requestedAt: new Date(),
    decidedAt: null,
    decidedById: null,
  };
  if (row) await ctx.data.db.update(partnershipTable).set(values).where(eq(partnershipTable.id, row.id));
  else await ctx.data.db.insert(partnershipTable).values({ networkId: network.id, partnerActorId: group.id, ...values });
  inboxLogger.info("Partnership request from {group} to {network}", { group: group.id, network: network.slug });
  return true;
}

/**
 * Accept or Reject of a Follow of ours: a partnership we asked for becomes
 * active, or declined / ended. The first Accept of our follow of an active
 * partner (our request, or our follow back) back-fills it with what we share.
 */
export async function partnershipAnswered(ctx: FedInboxContext, following: Following, answer: "accept" | "reject", firstAccept = false): Promise<void> {
  if (!following.networkId) return;
  const row = await partnershipOf(ctx, following.networkId, following.remoteActorId);
  if (!row) return;
  const { db } = ctx.data;
  if (answer === "accept" && (row.state === "outgoing" || row.state === "active")) {
    if (row.state === "outgoing") await db.update(partnershipTable).set({ state: "active", decidedAt: new Date() }).where(eq(partnershipTable.id, row.id));
    if (!firstAccept) return;
    const [network] = await db.select().from(networkTable).where(eq(networkTable.id, row.networkId));
    const [partner] = await db.select().from(remoteActorTable).where(eq(remoteActorTable.id, row.partnerActorId));
    if (network && partner) await backfillPartner(ctx, network, partner);
  } else if (answer === "reject" && (row.state === "outgoing" || row.state === "active")) {
    const state = row.state === "outgoing" ? "declined" : "ended";
    await db.update(partnershipTable).set({ state, decidedAt: new Date() }).where(eq(partnershipTable.id, row.id));
    if (state === "ended") {
      const [network] = await db.select().from(networkTable).where(eq(networkTable.id, row.networkId));
      const [partner] = await db.select().from(remoteActorTable).where(eq(remoteActorTable.id, row.partnerActorId));
      if (network && partner) await unfollowPartner(ctx, network, partner);
    }
  }
}

/**
 * Undo of a partner Group's Follow of one of our networks (matched by the
 * follow's id, or by the networks it followed): the partnership ends, or the
 * request is withdrawn, and we undo our own follow of it.
 */
export async function partnershipUndone(
  ctx: FedInboxContext,
  actorId: string,
  undoneId: string | null,
  networkIds: (string | null)[],
): Promise<void> {
  const { db } = ctx.data;
  const ids = networkIds.filter((id): id is string => id !== null);
  const byNetwork = ids.length ? inArray(partnershipTable.networkId, ids) : undefined;
  const byRequest = undoneId ? eq(partnershipTable.requestActivityId, undoneId) : undefined;
  if (!byNetwork && !byRequest) return;
  const rows = await db
    .select()
    .from(partnershipTable)
    .where(
      and(
        eq(partnershipTable.partnerActorId, actorId),
        inArray(partnershipTable.state, ["incoming", "outgoing", "active"]),
        or(byNetwork, byRequest),
      ),
    );
  const [partner] = rows.length ? await db.select().from(remoteActorTable).where(eq(remoteActorTable.id, actorId)) : [];
  for (const row of rows) {
    await db.update(partnershipTable).set({ state: "ended", decidedAt: new Date() }).where(eq(partnershipTable.id, row.id));
    const [network] = await db.select().from(networkTable).where(eq(networkTable.id, row.networkId));
    if (network && partner && row.state !== "incoming") await unfollowPartner(ctx, network, partner);
    inboxLogger.info("Partnership of {network} with {partner} ended by the partner", { network: network?.slug, partner: actorId });
  }
}
