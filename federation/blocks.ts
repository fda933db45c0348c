// Governance on the wire: instance domain blocks and per-network allowlists.
//
//   domain block   nothing accepted from the host (or its subdomains), nothing sent to it
//   allowlist      a network in `allowlist` mode federates only with its active
//                  partners' hosts and its allowed hosts
import type { Recipient } from "@fedify/vocab";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { DatabaseLike } from "../db/client.ts";
import { domainBlockTable, networkAllowedHostTable, networkBlockTable, networkTable, outboxEntryTable, partnershipTable } from "../db/schema/index.ts";
import { hostMatches } from "../server/domain/governance.ts";
import { preparedPerDatabase } from "../db/prepared.ts";
import { sharedRead } from "../db/shared-read.ts";
import { keptDomainBlocks } from "./domain-block-watch.ts";
import { oncePerRequest } from "./request-memo.ts";

export { hostMatches };

/**
 * The instance's blocked hosts: on PGlite kept until a write commits
 * (domain-block-watch.ts); else read once per request (request-memo.ts),
 * asked by many checks, in a read shared with the requests that asked
 * meanwhile (shared-read.ts: still read after each asked).
 */
export function blockedHosts(db: DatabaseLike): Promise<string[]> {
  const read = () => readBlockedHosts(db);
  return keptDomainBlocks(db, read) ?? oncePerRequest(db, "blockedHosts", sharedReadOf(db));
}

const readBlockedHosts = async (db: DatabaseLike) => (await allBlockedHosts(db).execute()).map((r) => r.host);
const sharedReads = new WeakMap<DatabaseLike, () => Promise<string[]>>();
function sharedReadOf(db: DatabaseLike): () => Promise<string[]> {
  let read = sharedReads.get(db);
  if (!read) sharedReads.set(db, (read = sharedRead(() => readBlockedHosts(db))));
  return read;
}

const allBlockedHosts = preparedPerDatabase((db) => db.select({ host: domainBlockTable.host }).from(domainBlockTable).prepare("domain_blocks"));

export async function isBlockedHost(db: DatabaseLike, host: string): Promise<boolean> {
  return (await blockedHosts(db)).some((b) => hostMatches(host, b));
}

/** The hosts a network federates with, or null when it is open to all (not blocked) hosts. */
export async function allowedHostsOf(db: DatabaseLike, networkId: string): Promise<string[] | null> {
  const [network] = await db
    .select({ mode: networkTable.federationMode })
    .from(networkTable)
    .where(eq(networkTable.id, networkId))
    .limit(1);
  return network ? allowedHostsIn(db, networkId, network.mode) : null;
}

/** The same, once the network's mode is known. */
async function allowedHostsIn(db: DatabaseLike, networkId: string, mode: string | null): Promise<string[] | null> {
  if (mode !== "allowlist") return null;
  const allowed = await db
    .select({ host: networkAllowedHostTable.host })
    .from(networkAllowedHostTable)
    .where(eq(networkAllowedHostTable.networkId, networkId));
  const partners = await db
    .select({ actorId: partnershipTable.partnerActorId })
    .from(partnershipTable)
    .where(and(eq(partnershipTable.networkId, networkId), eq(partnershipTable.state, "active")));
  return [...allowed.map((a) => a.host), ...partners.flatMap((p) => (URL.canParse(p.actorId) ? [new URL(p.actorId).host] : []))];
}

interface NetworkBlocks {
  hosts: string[];
  actors: string[];
}

const blocksOf = (rows: { target: string | null; kind: string | null }[]): NetworkBlocks => ({
  hosts: rows.filter((r) => r.kind === "host").map((r) => r.target!),
  actors: rows.filter((r) => r.kind === "actor").map((r) => r.target!),
});

/** What a network's animators blocked from the moderation queue: remote accounts (IRIs) and servers (hosts). */
async function networkBlocks(db: DatabaseLike, networkId: string): Promise<NetworkBlocks> {
  return blocksOf(await db.select({ target: networkBlockTable.target, kind: networkBlockTable.kind }).from(networkBlockTable).where(eq(networkBlockTable.networkId, networkId)));
}

/** Whether the network's blocks and, in allowlist mode, its allowed hosts (`allowed()`, read only if needed) let the host (and actor) in. */
async function networkLets(blocks: NetworkBlocks, allowed: () => Promise<string[] | null>, host: string, actorId?: string): Promise<boolean> {
  if (blocks.hosts.some((b) => hostMatches(host, b)) || (actorId !== undefined && blocks.actors.includes(actorId))) return false;
  const hosts = await allowed();
  return hosts === null || hosts.some((a) => hostMatches(host, a));
}

/**
 * May an actor of `host` (the actor `actorId`, when known) interact with the network (follow, reply, fetch)?
 * False when the host is blocked, the network blocked the host or the account
 * (moderation), or the network is in allowlist mode and the host is not listed.
 */
export async function hostMayInteract(db: DatabaseLike, networkId: string | null, host: string, actorId?: string): Promise<boolean> {
  if (await isBlockedHost(db, host)) return false;
  if (networkId === null) return true;
  return networkLets(await networkBlocks(db, networkId), () => allowedHostsOf(db, networkId), host, actorId);
}

const recipientHost = (r: Recipient) => r.id?.host ?? r.inboxId?.host ?? null;

/**
 * Drops recipients on blocked hosts and, for a network in allowlist mode
 * (`networkId` given), those on hosts it does not federate with.
 */
export async function deliverable<T extends Recipient>(db: DatabaseLike, recipients: T[], networkId?: string | null): Promise<T[]> {
  if (recipients.length === 0) return recipients;
  const blocked = [...(await blockedHosts(db)), ...(networkId ? (await networkBlocks(db, networkId)).hosts : [])];
  const allowed = networkId ? await allowedHostsOf(db, networkId) : null;
  return recipients.filter((r) => {
    const hosts = [recipientHost(r), r.inboxId?.host, r.endpoints?.sharedInbox?.host].filter((h): h is string => !!h);
    if (hosts.some((h) => blocked.some((b) => hostMatches(h, b)))) return false;
    if (allowed === null) return true;
    const host = recipientHost(r);
    return host !== null && allowed.some((a) => hostMatches(host, a));
  });
}

/** The hosts of the keys a request is signed with (draft-cavage `Signature`, RFC 9421 `Signature-Input`), unverified. */
export function signerHosts(request: Request): string[] {
  const headers = [request.headers.get("signature"), request.headers.get("signature-input")].filter((h): h is string => !!h);
  return headers.flatMap((h) =>
    [...h.matchAll(/keyid="([^"]+)"/gi)].flatMap((m) => (URL.canParse(m[1]) ? [new URL(m[1]).host] : [])),
  );
}

/**
 * A request signed with a key of a blocked host gets 403 before any signature
 * work (no key fetch, no verification, nothing stored).
 */
export async function refuseBlockedSigner(request: Request, db: DatabaseLike): Promise<Response | null> {
  const hosts = signerHosts(request);
  if (hosts.length === 0) return null;
  const blocked = await blockedHosts(db);
  if (!hosts.some((h) => blocked.some((b) => hostMatches(h, b)))) return null;
  return new Response("This instance does not federate with your server.", {
    status: 403,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}

/**
 * May an actor of `host` reply to, like or boost one of our objects? Not when
 * the host is blocked, nor when the object belongs to a network in allowlist
 * mode (found by its outbox entry) that does not federate with the host.
 */
export async function mayInteractWithObject(db: DatabaseLike, objectId: string, host: string, actorId?: string): Promise<boolean> {
  if (await isBlockedHost(db, host)) return false;
  // The object's networks with their mode and moderation blocks: one statement (each inbound reply, like or boost asks).
  const rows = await objectNetworks(db).execute({ objectId });
  const networks = Map.groupBy(rows, (r) => r.networkId);
  for (const [networkId, of] of networks) {
    if (!(await networkLets(blocksOf(of), () => allowedHostsIn(db, networkId, of[0].mode), host, actorId))) return false;
  }
  return true;
}

const objectNetworks = preparedPerDatabase((db) =>
  db
    .select({ networkId: networkTable.id, mode: networkTable.federationMode, target: networkBlockTable.target, kind: networkBlockTable.kind })
    .from(outboxEntryTable)
    .innerJoin(networkTable, eq(networkTable.id, outboxEntryTable.networkId))
    .leftJoin(networkBlockTable, eq(networkBlockTable.networkId, networkTable.id))
    .where(and(eq(outboxEntryTable.objectId, sql.placeholder("objectId")), isNotNull(outboxEntryTable.networkId)))
    .prepare("object_networks"),
);
