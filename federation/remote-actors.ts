// The cache of remote actors: what we need to deliver to them and to show
// them (inbox, shared inbox, handle, name, url), refreshed at each interaction.
import { getActorTypeName, isActor, type Activity, type Actor } from "@fedify/vocab";
import { and, eq, gt, sql } from "drizzle-orm";
import { preparedPerDatabase } from "../db/prepared.ts";
import type { DatabaseHandle, DatabaseLike } from "../db/client.ts";
import { keptUntilWritten, watchTable } from "../db/table-watch.ts";
import { remoteActorTable, type RemoteActor } from "../db/schema/index.ts";
import { loaderOptions, signedLoader, type FedContext } from "./context.ts";
import { toPlainText } from "./html.ts";
import { storableText } from "../server/domain/text.ts";
import { webUrl } from "../server/domain/web-url.ts";

const textOf = (value: unknown): string | null => (value == null ? null : toPlainText(String(value)).slice(0, 500) || null);

function urlOf(value: unknown): string | null {
  if (value && typeof value === "object" && "href" in value && value.href instanceof URL) return webUrl(value.href);
  return webUrl(value);
}

/** Stores or refreshes a remote actor; returns null if it has no id or http(s) inbox (cannot be answered). */
export async function rememberActor(db: DatabaseLike, actor: Actor): Promise<RemoteActor | null> {
  if (actor.id === null || actor.inboxId === null || webUrl(actor.inboxId) === null) return null;
  const id = actor.id.href;
  const host = actor.id.host;
  const username = actor.preferredUsername == null ? null : storableText(String(actor.preferredUsername)).slice(0, 200);
  const values = {
    id,
    type: getActorTypeName(actor),
    host,
    handle: username ? `@${username}@${host}` : null,
    name: textOf(actor.name),
    summary: textOf(actor.summary),
    url: urlOf(actor.url),
    iconUrl: webUrl(actor.iconId),
    inbox: actor.inboxId.href,
    sharedInbox: webUrl(actor.endpoints?.sharedInbox),
    refreshedAt: new Date(),
  };
  const { id: _, ...update } = values;
  const [row] = await db
    .insert(remoteActorTable)
    .values(values)
    .onConflictDoUpdate({ target: remoteActorTable.id, set: update })
    .returning();
  return row;
}

/**
 * The activity's actor, fetched (through Fedify's cached document loader) and
 * remembered. Null when the actor cannot be fetched or is not an actor.
 */
export async function rememberActivityActor(ctx: FedContext, activity: Activity): Promise<RemoteActor | null> {
  // The signature already proved who sent it; a recently refreshed copy saves a
  // signed fetch per inbound activity (actors' own Updates refresh it).
  const actorId = activity.actorId;
  if (actorId === null) return null;
  const fresh = await freshActorRow(ctx.data.db, actorId.href);
  if (fresh) return fresh;
  const actor = await activity.getActor(loaderOptions(ctx)).catch(() => null);
  if (!isActor(actor)) return null;
  if (actor.id?.href !== activity.actorId?.href) return null;
  return rememberActor(ctx.data.db, actor);
}

const actorFreshnessMs = 60 * 60 * 1000;

export const REMOTE_ACTORS_CHANNEL = "remote_actors_changed";
const MAX_KEPT = 2_000;

/** On PGlite, keeps the actor rows read for inbound activities until a write to remote_actor commits; returns the stop function. */
export function watchRemoteActors(handle: Pick<DatabaseHandle, "kind" | "listen" | "db">): Promise<() => Promise<void>> {
  return watchTable(handle, REMOTE_ACTORS_CHANNEL);
}

/**
 * The actor's row if refreshed within the hour. Asked for each inbound
 * activity: on PGlite, kept from one activity to the next while no write to
 * remote_actor committed (db/table-watch.ts); elsewhere read each time.
 */
async function freshActorRow(db: DatabaseLike, id: string): Promise<RemoteActor | undefined> {
  const since = new Date(Date.now() - actorFreshnessMs);
  const kept = keptUntilWritten(db, REMOTE_ACTORS_CHANNEL, id, async () => {
    const [row] = await actorById(db).execute({ id });
    // Shared by every caller until the next write: frozen, so that none changes it for the others.
    return row && (Object.freeze(row) as RemoteActor);
  }, MAX_KEPT);
  if (kept === undefined) return (await freshActor(db).execute({ id, since: since.toISOString() }))[0];
  const actor = await kept;
  return actor && actor.refreshedAt > since ? actor : undefined;
}

// Asked for each inbound activity: prepared once.
const freshActor = preparedPerDatabase((db) =>
  db
    .select()
    .from(remoteActorTable)
    .where(and(eq(remoteActorTable.id, sql.placeholder("id")), gt(remoteActorTable.refreshedAt, sql.placeholder("since"))))
    .limit(1)
    .prepare("remote_actor_fresh"),
);
const actorById = preparedPerDatabase((db) =>
  db.select().from(remoteActorTable).where(eq(remoteActorTable.id, sql.placeholder("id"))).limit(1).prepare("remote_actor_by_id"),
);

/** A known remote actor, or the one behind this IRI fetched and remembered now. */
export async function remoteActorById(ctx: FedContext, id: URL): Promise<RemoteActor | null> {
  const [known] = await ctx.data.db.select().from(remoteActorTable).where(eq(remoteActorTable.id, id.href)).limit(1);
  if (known) return known;
  const fetched = await ctx.lookupObject(id, { documentLoader: await signedLoader(ctx) }).catch(() => null);
  return isActor(fetched) ? rememberActor(ctx.data.db, fetched) : null;
}

/** Forgets a remote actor and, by cascade, its follows, posts and reactions. */
export async function forgetActor(db: DatabaseLike, id: string): Promise<boolean> {
  const deleted = await db.delete(remoteActorTable).where(eq(remoteActorTable.id, id)).returning({ id: remoteActorTable.id });
  return deleted.length > 0;
}
