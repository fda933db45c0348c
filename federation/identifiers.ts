// Fedify identifies our actors by a string; ours encode the kind so that the
// actor URI is the web page's URL (one path template, `/{+identifier}`):
//
//   network  "n/SLUG"    → /n/SLUG    (Group)
//   member   "m/HANDLE"  → /m/HANDLE  (Person)
//   instance "actor"     → /actor     (Application, FEP-2677)
//
// Slugs and handles share one namespace, so WebFinger `acct:NAME@host` maps
// to exactly one of them.
import { and, eq, isNull, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { DatabaseLike } from "../db/client.ts";
import { memberTable, networkTable, type Member, type Network } from "../db/schema/index.ts";

export const INSTANCE_IDENTIFIER = "actor";

const name = "[a-z0-9][a-z0-9_-]{0,62}";
const identifierPattern = new RegExp(`^(n|m)/(${name})$`);
const namePattern = new RegExp(`^${name}$`);

export type LocalActorRef =
  | { kind: "network"; slug: string }
  | { kind: "member"; handle: string }
  | { kind: "instance" };

export type LocalActor =
  | { kind: "network"; identifier: string; network: Network }
  | { kind: "member"; identifier: string; member: Member }
  | { kind: "instance"; identifier: string };

/** Reads an identifier without touching the database; null when it cannot be ours. */
export function parseIdentifier(identifier: string): LocalActorRef | null {
  if (identifier === INSTANCE_IDENTIFIER) return { kind: "instance" };
  const match = identifierPattern.exec(identifier);
  if (!match) return null;
  return match[1] === "n" ? { kind: "network", slug: match[2] } : { kind: "member", handle: match[2] };
}

export const networkIdentifier = (slug: string) => `n/${slug}`;
export const memberIdentifier = (handle: string) => `m/${handle}`;

export async function loadLocalActor(db: DatabaseLike, identifier: string): Promise<LocalActor | null> {
  const ref = parseIdentifier(identifier);
  if (ref === null) return null;
  if (ref.kind === "instance") return { kind: "instance", identifier };
  if (ref.kind === "network") {
    const [network] = await db.select().from(networkTable).where(eq(networkTable.slug, ref.slug)).limit(1);
    return network ? { kind: "network", identifier, network } : null;
  }
  const [member] = await db.select().from(memberTable).where(eq(memberTable.handle, ref.handle)).limit(1);
  return member ? { kind: "member", identifier, member } : null;
}

/**
 * WebFinger: `acct:NAME@host` → identifier. The instance actor answers to the
 * host name itself (as Mastodon's does: `acct:example.org@example.org`).
 */
export async function identifierForName(db: DatabaseLike, username: string, host: string): Promise<string | null> {
  const lower = username.toLowerCase();
  if (lower === host.toLowerCase() || lower === INSTANCE_IDENTIFIER) return INSTANCE_IDENTIFIER;
  if (!namePattern.test(lower)) return null;
  const [network] = await db.select({ slug: networkTable.slug }).from(networkTable).where(eq(networkTable.slug, lower)).limit(1);
  if (network) return networkIdentifier(network.slug);
  const [member] = await db.select({ handle: memberTable.handle }).from(memberTable).where(eq(memberTable.handle, lower)).limit(1);
  return member ? memberIdentifier(member.handle) : null;
}

/** The (networkId, memberId) pair stored in federation tables for a local actor. */
export function ownerColumns(actor: LocalActor): { networkId: string | null; memberId: string | null } {
  if (actor.kind === "network") return { networkId: actor.network.id, memberId: null };
  if (actor.kind === "member") return { networkId: null, memberId: actor.member.id };
  return { networkId: null, memberId: null };
}

/** A WHERE condition selecting the rows owned by a local actor. */
export function ownedBy(table: { networkId: PgColumn; memberId: PgColumn }, actor: LocalActor): SQL {
  const { networkId, memberId } = ownerColumns(actor);
  return and(
    networkId === null ? isNull(table.networkId) : eq(table.networkId, networkId),
    memberId === null ? isNull(table.memberId) : eq(table.memberId, memberId),
  )!;
}
