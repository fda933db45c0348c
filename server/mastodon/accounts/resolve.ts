// Which account an id or an `acct` names, and the facts its entity shows:
// a member, a network (a group) or someone elsewhere we know of.
import { and, count, eq, inArray, max } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import {
  announcementTable,
  followerTable,
  followingTable,
  membershipTable,
  memberTable,
  networkTable,
  offerTable,
  remoteActorTable,
  type Member,
  type Network,
  type RemoteActor,
} from "../../../db/schema/index.ts";
import { mediaUrl } from "../../domain/media.ts";
import { networkIconsOf } from "../../domain/network-icon.ts";
import type { AccountInput } from "../entities/account.ts";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A remote account's id: its IRI, made opaque and safe in a path. */
export const remoteAccountId = (iri: string) => `r${Buffer.from(iri).toString("base64url")}`;
const iriOf = (id: string) => (id.startsWith("r") ? Buffer.from(id.slice(1), "base64url").toString() : null);

const one = async <T>(rows: Promise<T[]>) => (await rows)[0];

/** Counts per key from a grouped query (absent keys: none). */
const byKey = <K extends string, V>(rows: ({ key: K | null } & V)[]) => new Map(rows.filter((r) => r.key !== null).map((r) => [r.key as K, r]));

/** Several members' accounts in four queries, whatever their number (a timeline's authors). */
export async function memberAccounts(db: DatabaseLike, origin: string, members: Member[]): Promise<Map<string, AccountInput>> {
  const out = new Map<string, AccountInput>();
  if (members.length === 0) return out;
  const ids = members.map((m) => m.id);
  const [followers, following, posts, offers] = await Promise.all([
    db.select({ key: followerTable.memberId, n: count() }).from(followerTable).where(and(inArray(followerTable.memberId, ids), eq(followerTable.state, "accepted"))).groupBy(followerTable.memberId),
    db.select({ key: followingTable.memberId, n: count() }).from(followingTable).where(inArray(followingTable.memberId, ids)).groupBy(followingTable.memberId),
    db.select({ key: announcementTable.authorId, n: count(), last: max(announcementTable.createdAt) }).from(announcementTable).where(inArray(announcementTable.authorId, ids)).groupBy(announcementTable.authorId),
    db.select({ key: offerTable.authorId, n: count(), last: max(offerTable.createdAt) }).from(offerTable).where(inArray(offerTable.authorId, ids)).groupBy(offerTable.authorId),
  ]);
  const [followersOf, followingOf, postsOf, offersOf] = [byKey(followers), byKey(following), byKey(posts), byKey(offers)];
  for (const m of members) {
    const p = postsOf.get(m.id);
    const o = offersOf.get(m.id);
    const last = [p?.last, o?.last].filter((d): d is Date => d instanceof Date).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
    out.set(m.id, {
      id: m.id,
      acct: m.handle,
      displayName: m.displayName,
      note: m.bio,
      url: new URL(`/m/${m.handle}`, origin).href,
      uri: new URL(`/${m.handle}`, origin).href,
      avatar: null,
      group: false,
      locked: false,
      createdAt: m.createdAt,
      followers: followersOf.get(m.id)?.n ?? 0,
      following: followingOf.get(m.id)?.n ?? 0,
      statuses: (p?.n ?? 0) + (o?.n ?? 0),
      lastStatusAt: last,
    });
  }
  return out;
}

export async function memberAccount(db: DatabaseLike, origin: string, m: Member): Promise<AccountInput> {
  return (await memberAccounts(db, origin, [m])).get(m.id)!;
}

/** Several networks' accounts in four queries, whatever their number. */
export async function networkAccounts(db: DatabaseLike, origin: string, networks: Network[]): Promise<Map<string, AccountInput>> {
  const out = new Map<string, AccountInput>();
  if (networks.length === 0) return out;
  const ids = networks.map((n) => n.id);
  const [members, followers, posts, icons] = await Promise.all([
    db.select({ key: membershipTable.networkId, n: count() }).from(membershipTable).where(inArray(membershipTable.networkId, ids)).groupBy(membershipTable.networkId),
    db.select({ key: followerTable.networkId, n: count() }).from(followerTable).where(and(inArray(followerTable.networkId, ids), eq(followerTable.state, "accepted"))).groupBy(followerTable.networkId),
    db.select({ key: announcementTable.networkId, n: count(), last: max(announcementTable.createdAt) }).from(announcementTable).where(inArray(announcementTable.networkId, ids)).groupBy(announcementTable.networkId),
    networkIconsOf(db, ids),
  ]);
  const [membersOf, followersOf, postsOf] = [byKey(members), byKey(followers), byKey(posts)];
  for (const n of networks) {
    const icon = icons.get(n.id);
    out.set(n.id, {
      id: n.id,
      acct: n.slug,
      displayName: n.name,
      note: [n.description, n.area].filter(Boolean).join("\n\n"),
      url: new URL(`/n/${n.slug}`, origin).href,
      uri: new URL(`/${n.slug}`, origin).href,
      avatar: icon ? mediaUrl(origin, icon) : null,
      group: true,
      locked: n.approvesFollowers,
      createdAt: n.createdAt,
      followers: (membersOf.get(n.id)?.n ?? 0) + (followersOf.get(n.id)?.n ?? 0),
      following: 0,
      statuses: postsOf.get(n.id)?.n ?? 0,
      lastStatusAt: postsOf.get(n.id)?.last ?? null,
    });
  }
  return out;
}

export async function networkAccount(db: DatabaseLike, origin: string, n: Network): Promise<AccountInput> {
  return (await networkAccounts(db, origin, [n])).get(n.id)!;
}

export function remoteAccount(a: RemoteActor): AccountInput {
  const [, name = "", host = a.host] = /^@?([^@]+)@(.+)$/.exec(a.handle ?? "") ?? [];
  return {
    id: remoteAccountId(a.id),
    acct: `${name || a.id.split("/").pop()}@${host}`,
    displayName: a.name ?? name,
    note: a.summary ?? "",
    url: a.url ?? a.id,
    uri: a.id,
    avatar: a.iconUrl,
    group: a.type === "Group",
    locked: false,
    createdAt: a.refreshedAt,
    followers: 0,
    following: 0,
    statuses: 0,
    lastStatusAt: null,
  };
}

export type Found = { kind: "member"; member: Member } | { kind: "network"; network: Network } | { kind: "remote"; actor: RemoteActor };

/** The account an id names, or undefined (404). */
export async function findAccount(db: DatabaseLike, id: string): Promise<Found | undefined> {
  if (uuid.test(id)) {
    const member = await one(db.select().from(memberTable).where(eq(memberTable.id, id)).limit(1));
    if (member) return { kind: "member", member };
    const network = await one(db.select().from(networkTable).where(eq(networkTable.id, id)).limit(1));
    return network ? { kind: "network", network } : undefined;
  }
  const iri = iriOf(id);
  const actor = iri ? await one(db.select().from(remoteActorTable).where(eq(remoteActorTable.id, iri)).limit(1)) : undefined;
  return actor ? { kind: "remote", actor } : undefined;
}

/** `marie`, `@lilas`, `marie@this.host` or `someone@elsewhere` (known to us already). */
export async function findByAcct(db: DatabaseLike, host: string, acct: string): Promise<Found | undefined> {
  const [name, domain] = acct.replace(/^@/, "").toLowerCase().split("@");
  if (!domain || domain === host) {
    const network = await one(db.select().from(networkTable).where(eq(networkTable.slug, name)).limit(1));
    if (network) return { kind: "network", network };
    const member = await one(db.select().from(memberTable).where(eq(memberTable.handle, name)).limit(1));
    return member ? { kind: "member", member } : undefined;
  }
  const actor = await one(db.select().from(remoteActorTable).where(eq(remoteActorTable.handle, `@${name}@${domain}`)).limit(1));
  return actor ? { kind: "remote", actor } : undefined;
}

export const inputOf = (db: DatabaseLike, origin: string, found: Found): Promise<AccountInput> | AccountInput =>
  found.kind === "member" ? memberAccount(db, origin, found.member) : found.kind === "network" ? networkAccount(db, origin, found.network) : remoteAccount(found.actor);
