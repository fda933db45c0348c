// Who may see what: authorized fetch of partner-only objects, and the partner
// Groups that `partners` visibility reaches.
//
//   public    anyone
//   network   never served as JSON-LD, never delivered
//   partners  signed requests (getSignedKeyOwner) from an actor on the host of an
//             active partner Group of the network, unless that host is blocked
import type { Recipient } from "@fedify/vocab";
import { and, eq } from "drizzle-orm";
import type { DatabaseLike } from "../db/client.ts";
import { partnershipTable, remoteActorTable } from "../db/schema/index.ts";
import { deliverable, hostMatches, isBlockedHost } from "./blocks.ts";
import { markRestricted } from "./restricted-render.ts";
import { loaderOptions, type FedContext, type FedRequestContext } from "./context.ts";
import { oncePerRequest } from "./request-memo.ts";

export type AccessVisibility = "public" | "partners" | "network";

/** The IRIs of the network's active partner Groups (local ones included). */
export async function activePartnerIds(db: DatabaseLike, networkId: string): Promise<string[]> {
  const rows = await db
    .select({ id: partnershipTable.partnerActorId })
    .from(partnershipTable)
    .where(and(eq(partnershipTable.networkId, networkId), eq(partnershipTable.state, "active")));
  return rows.map((r) => r.id);
}

const SIGNERS = {};

/**
 * The host of the verified signer of the request, or null. Verified once per
 * request: the object's dispatcher (mayFetch) and the document cache (which
 * keeps a partners-only answer per requesting host) both ask, and each
 * verification fetches the signer's actor from its server (Fedify keeps the
 * key, not its owner): a second round trip to a partner that is waiting for
 * our answer, which under load pushed that answer past its fetch deadline.
 */
export function signerHostOf(ctx: FedRequestContext): Promise<string | null> {
  const { headers } = ctx.request;
  const signature = headers.get("signature-input") ?? headers.get("signature");
  if (!signature) return Promise.resolve(null);
  return oncePerRequest(SIGNERS, `${ctx.request.method} ${ctx.request.url}\n${signature}`, async () => {
    const owner = await ctx.getSignedKeyOwner(loaderOptions(ctx)).catch(() => null);
    return owner?.id?.host ?? null;
  });
}

/** May the requester of this (possibly signed) request see an object of the network with this visibility? */
export async function mayFetch(ctx: FedRequestContext, networkId: string, visibility: AccessVisibility): Promise<boolean> {
  if (visibility === "public") return true;
  // The answer depends on the requester: never cached for everyone.
  markRestricted();
  if (visibility !== "partners") return false;
  const partners = await activePartnerIds(ctx.data.db, networkId);
  if (partners.length === 0) return false;
  const host = await signerHostOf(ctx);
  if (!host) return false;
  if (await isBlockedHost(ctx.data.db, host)) return false;
  return partners.some((p) => URL.canParse(p) && hostMatches(host, new URL(p).host));
}

/**
 * The network's active remote partner Groups as recipients for
 * publish({ visibility: "partners" }), without blocked hosts. Partners on this
 * instance are not listed: they read partner-only objects from the database.
 */
export async function partnerRecipients(ctxOrDb: FedContext | DatabaseLike, networkId: string): Promise<Recipient[]> {
  const db = "data" in ctxOrDb ? ctxOrDb.data.db : ctxOrDb;
  const rows = await db
    .select({ id: remoteActorTable.id, inbox: remoteActorTable.inbox, sharedInbox: remoteActorTable.sharedInbox })
    .from(partnershipTable)
    .innerJoin(remoteActorTable, eq(remoteActorTable.id, partnershipTable.partnerActorId))
    .where(and(eq(partnershipTable.networkId, networkId), eq(partnershipTable.state, "active")));
  const recipients: Recipient[] = rows.map((r) => ({
    id: new URL(r.id),
    inboxId: new URL(r.inbox),
    endpoints: r.sharedInbox ? { sharedInbox: new URL(r.sharedInbox) } : null,
  }));
  return deliverable(db, recipients);
}
