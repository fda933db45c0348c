// Followers, following, featured and outbox collections, paged from the tables.
// Fedify calls the followers dispatcher with a null cursor when it fans out
// "followers": that one-shot call returns every accepted follower.
import type { PageItems } from "@fedify/fedify";
import { Activity, Announce, Create, PUBLIC_COLLECTION, type Object as APObject, type Recipient } from "@fedify/vocab";
import { and, asc, count, desc, eq, type SQL } from "drizzle-orm";
import {
  followerTable,
  followingTable,
  outboxEntryTable,
  remoteActorTable,
} from "../db/schema/index.ts";
import type { FedContext, FedRequestContext } from "./context.ts";
import { loadLocalActor, ownedBy, type LocalActor } from "./identifiers.ts";
import { toInstant } from "./temporal.ts";

export const PAGE_SIZE = 40;

const offsetOf = (cursor: string): number | null => (/^\d{1,9}$/.test(cursor) ? Number(cursor) : null);
const nextCursor = (offset: number, got: number) => (got > PAGE_SIZE ? String(offset + PAGE_SIZE) : null);

function acceptedFollowersOf(actor: LocalActor): SQL {
  return and(ownedBy(followerTable, actor), eq(followerTable.state, "accepted"))!;
}

/** Accepted followers as Fedify recipients; all of them without a cursor, a page with one. */
export async function followersPage(
  ctx: FedContext,
  identifier: string,
  cursor: string | null,
  filter?: URL,
): Promise<PageItems<Recipient> | null> {
  const actor = await loadLocalActor(ctx.data.db, identifier);
  if (!actor) return null;
  const offset = cursor === null ? 0 : offsetOf(cursor);
  if (offset === null) return null;
  const query = ctx.data.db
    .select({ id: remoteActorTable.id, inbox: remoteActorTable.inbox, sharedInbox: remoteActorTable.sharedInbox })
    .from(followerTable)
    .innerJoin(remoteActorTable, eq(remoteActorTable.id, followerTable.remoteActorId))
    .where(acceptedFollowersOf(actor))
    .orderBy(asc(followerTable.id));
  const rows = cursor === null ? await query : await query.limit(PAGE_SIZE + 1).offset(offset);
  const recipients: Recipient[] = rows
    .filter((r) => filter === undefined || r.id.startsWith(filter.href))
    .slice(0, cursor === null ? undefined : PAGE_SIZE)
    .map((r) => ({
      id: new URL(r.id),
      inboxId: new URL(r.inbox),
      endpoints: r.sharedInbox ? { sharedInbox: new URL(r.sharedInbox) } : null,
    }));
  return cursor === null ? { items: recipients } : { items: recipients, nextCursor: nextCursor(offset, rows.length) };
}

export async function countFollowers(ctx: FedContext, identifier: string): Promise<number | null> {
  const actor = await loadLocalActor(ctx.data.db, identifier);
  if (!actor) return null;
  const [row] = await ctx.data.db.select({ n: count() }).from(followerTable).where(acceptedFollowersOf(actor));
  return row.n;
}

export async function followingPage(
  ctx: FedRequestContext,
  identifier: string,
  cursor: string | null,
): Promise<PageItems<URL> | null> {
  const actor = await loadLocalActor(ctx.data.db, identifier);
  if (!actor) return null;
  const offset = cursor === null ? 0 : offsetOf(cursor);
  if (offset === null) return null;
  const rows = await ctx.data.db
    .select({ id: followingTable.remoteActorId })
    .from(followingTable)
    .where(and(ownedBy(followingTable, actor), eq(followingTable.state, "accepted")))
    .orderBy(asc(followingTable.id))
    .limit(PAGE_SIZE + 1)
    .offset(offset);
  return { items: rows.slice(0, PAGE_SIZE).map((r) => new URL(r.id)), nextCursor: nextCursor(offset, rows.length) };
}

export async function countFollowing(ctx: FedRequestContext, identifier: string): Promise<number | null> {
  const actor = await loadLocalActor(ctx.data.db, identifier);
  if (!actor) return null;
  const [row] = await ctx.data.db
    .select({ n: count() })
    .from(followingTable)
    .where(and(ownedBy(followingTable, actor), eq(followingTable.state, "accepted")));
  return row.n;
}

/** Pinned objects: none yet (announcements may be pinned later). */
export async function featuredItems(ctx: FedRequestContext, identifier: string): Promise<PageItems<APObject> | null> {
  const actor = await loadLocalActor(ctx.data.db, identifier);
  return actor ? { items: [] } : null;
}

/** Public entries of the outbox, newest first; objects are referenced by id. */
export async function outboxPage(
  ctx: FedRequestContext,
  values: { identifier: string },
  cursor: string | null,
): Promise<PageItems<Activity> | null> {
  const actor = await loadLocalActor(ctx.data.db, values.identifier);
  if (!actor) return null;
  const offset = cursor === null ? 0 : offsetOf(cursor);
  if (offset === null) return null;
  const rows = await ctx.data.db
    .select()
    .from(outboxEntryTable)
    .where(and(ownedBy(outboxEntryTable, actor), eq(outboxEntryTable.visibility, "public")))
    .orderBy(desc(outboxEntryTable.published))
    .limit(PAGE_SIZE + 1)
    .offset(offset);
  const actorUri = ctx.getActorUri(values.identifier);
  const items = rows.slice(0, PAGE_SIZE).map((row) => {
    const fields = {
      id: new URL(row.activityId),
      actor: actorUri,
      object: new URL(row.objectId),
      published: toInstant(row.published),
      to: PUBLIC_COLLECTION,
      cc: ctx.getFollowersUri(values.identifier),
    };
    return row.type === "Announce" ? new Announce(fields) : new Create(fields);
  });
  return { items, nextCursor: nextCursor(offset, rows.length) };
}

export async function countOutbox(ctx: FedRequestContext, values: { identifier: string }): Promise<number | null> {
  const actor = await loadLocalActor(ctx.data.db, values.identifier);
  if (!actor) return null;
  const [row] = await ctx.data.db
    .select({ n: count() })
    .from(outboxEntryTable)
    .where(and(ownedBy(outboxEntryTable, actor), eq(outboxEntryTable.visibility, "public")));
  return row.n;
}
