// What a member does to items from their Mastodon app, sent out through the
// queue like any activity: a Like of a post from elsewhere goes to its author;
// a boost of a public item is the member's Announce to their own followers
// (listed in their outbox, as the Group's Announce of members' items is) and,
// for a post from elsewhere, to its author too, cc'd as Mastodon does: its
// server counts the boost and tells the author. Undo takes either back.
import type { Federation } from "@fedify/fedify";
import { Announce, Like, PUBLIC_COLLECTION, Undo, type Recipient } from "@fedify/vocab";
import { eq } from "drizzle-orm";
import type { DatabaseLike } from "../db/client.ts";
import { outboxEntryTable, remoteActorTable } from "../db/schema/index.ts";
import type { ReactionPort } from "../server/domain/reactions/mine.ts";
import { deliverable, isBlockedHost } from "./blocks.ts";
import type { FederationContextData, FedContext } from "./context.ts";
import { recipientOf } from "./follows.ts";
import { loadLocalActor, memberIdentifier, ownerColumns } from "./identifiers.ts";
import { followerInboxes } from "./follower-inboxes.ts";
import { newActivityId } from "./uris.ts";

/** The author elsewhere, unless their server is blocked. */
async function authorOf(ctx: FedContext, authorId: string) {
  const [author] = await ctx.data.db.select().from(remoteActorTable).where(eq(remoteActorTable.id, authorId)).limit(1);
  return author && !(await isBlockedHost(ctx.data.db, author.host)) ? author : null;
}

async function toAuthor(ctx: FedContext, handle: string, authorId: string, build: (actor: URL) => Like | Undo) {
  const author = await authorOf(ctx, authorId);
  if (!author) return;
  const identifier = memberIdentifier(handle);
  await ctx.sendActivity({ identifier }, recipientOf(author), build(ctx.getActorUri(identifier)));
}

/** A boost's audience: the member's followers, and the boosted post's author elsewhere. */
async function toFollowersAndAuthor(ctx: FedContext, identifier: string, authorId: string | undefined, activity: Announce | Undo) {
  const recipients: Recipient[] = await deliverable(ctx.data.db, await followerInboxes(ctx, identifier));
  const author = authorId ? await authorOf(ctx, authorId) : null;
  if (author) recipients.push(recipientOf(author));
  if (recipients.length > 0) await ctx.sendActivity({ identifier }, recipients, activity, { preferSharedInbox: true });
}

const boostAddressing = (ctx: FedContext, identifier: string, authorId: string | undefined) => ({
  to: PUBLIC_COLLECTION,
  ccs: [...(authorId ? [new URL(authorId)] : []), ctx.getFollowersUri(identifier)],
});

export function federatedReactions(federation: Federation<FederationContextData>, origin: URL | string): ReactionPort {
  const on = (db: DatabaseLike) => federation.createContext(new URL(origin), { db });
  return {
    async like(db, handle, objectId, authorId) {
      const ctx = on(db);
      const id = newActivityId(ctx, memberIdentifier(handle), "like");
      await toAuthor(ctx, handle, authorId, (actor) => new Like({ id, actor, object: new URL(objectId), to: new URL(authorId) }));
      return id.href;
    },
    async unlike(db, handle, objectId, authorId, activityId) {
      const ctx = on(db);
      await toAuthor(ctx, handle, authorId, (actor) =>
        new Undo({
          id: newActivityId(ctx, memberIdentifier(handle), "undo"),
          actor,
          object: new Like({ id: activityId ? new URL(activityId) : null, actor, object: new URL(objectId) }),
          to: new URL(authorId),
        }),
      );
    },
    async boost(db, handle, objectId, authorId) {
      const ctx = on(db);
      const identifier = memberIdentifier(handle);
      const member = await loadLocalActor(db, identifier);
      if (!member) return null;
      const addressing = boostAddressing(ctx, identifier, authorId);
      const announce = new Announce({ id: newActivityId(ctx, identifier, "announce"), actor: ctx.getActorUri(identifier), object: new URL(objectId), ...addressing });
      await toFollowersAndAuthor(ctx, identifier, authorId, announce);
      await db.insert(outboxEntryTable).values({ activityId: announce.id!.href, ...ownerColumns(member), type: "Announce", objectId, visibility: "public" }).onConflictDoNothing();
      return announce.id!.href;
    },
    async unboost(db, handle, objectId, activityId, authorId) {
      if (!activityId) return;
      const ctx = on(db);
      const identifier = memberIdentifier(handle);
      const actor = ctx.getActorUri(identifier);
      await db.delete(outboxEntryTable).where(eq(outboxEntryTable.activityId, activityId));
      const undo = new Undo({
        id: newActivityId(ctx, identifier, "undo"),
        actor,
        object: new Announce({ id: new URL(activityId), actor, object: new URL(objectId) }),
        ...boostAddressing(ctx, identifier, authorId),
      });
      await toFollowersAndAuthor(ctx, identifier, authorId, undo);
    },
  };
}
