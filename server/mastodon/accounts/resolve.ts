// Which account an id or an `acct` names, and the facts its entity shows:
// a member, a network (a group) or someone elsewhere we know of.
import { and, count, eq, max } from "drizzle-orm";
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
import { networkIconOf } from "../../domain/network-icon.ts";
import type { AccountInput } from "../entities/account.ts";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A remote account's id: its IRI, made opaque and safe in a path. */
export const remoteAccountId = (iri: string) => `r${Buffer.from(iri).toString("base64url")}`;
const iriOf = (id: string) => (id.startsWith("r") ? Buffer.from(id.slice(1), "base64url").toString() : null);

const one = async <T>(rows: Promise<T[]>) => (await rows)[0];

export async function memberAccount(db: DatabaseLike, origin: string, m: Member): Promise<AccountInput> {
  const [followers, following, posts, offers] = await Promise.all([
    one(db.select({ n: count() }).from(followerTable).where(and(eq(followerTable.memberId, m.id), eq(followerTable.state, "accepted")))),
    one(db.select({ n: count() }).from(followingTable).where(eq(followingTable.memberId, m.id))),
    one(db.select({ n: count(), last: max(announcementTable.createdAt) }).from(announcementTable).where(eq(announcementTable.authorId, m.id))),
    one(db.select({ n: count(), last: max(offerTable.createdAt) }).from(offerTable).where(eq(offerTable.authorId, m.id))),
  ]);
  const last = [posts.last, offers.last].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  return {
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
    followers: followers.n,
    following: following.n,
    statuses: posts.n + offers.n,
    lastStatusAt: last,
  };
}

export async function networkAccount(db: DatabaseLike, origin: string, n: Network): Promise<AccountInput> {
  const [members, followers, posts, icon] = await Promise.all([
    one(db.select({ n: count() }).from(membershipTable).where(eq(membershipTable.networkId, n.id))),
    one(db.select({ n: count() }).from(followerTable).where(and(eq(followerTable.networkId, n.id), eq(followerTable.state, "accepted")))),
    one(db.select({ n: count(), last: max(announcementTable.createdAt) }).from(announcementTable).where(eq(announcementTable.networkId, n.id))),
    networkIconOf(db, n.id),
  ]);
  return {
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
    followers: members.n + followers.n,
    following: 0,
    statuses: posts.n,
    lastStatusAt: posts.last,
  };
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
