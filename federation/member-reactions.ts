// What a member does to items from their Mastodon app, sent out through the
// queue like any activity: a Like of a post from elsewhere goes to its author;
// a boost of a public item is the member's Announce to their own followers
// (listed in their outbox, as the Group's Announce of members' items is).
// Undo takes either back.
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

async function toAuthor(ctx: FedContext, handle: string, authorId: string, build: (actor: URL) => Like | Undo) {
  const [author] = await ctx.data.db.select().from(remoteActorTable).where(eq(remoteActorTable.id, authorId)).limit(1);
  if (!author || (await isBlockedHost(ctx.data.db, author.host))) return;
  const identifier = memberIdentifier(handle);
  await ctx.sendActivity({ identifier }, recipientOf(author), build(ctx.getActorUri(identifier)));
}

async function toFollowers(ctx: FedContext, identifier: string, activity: Announce | Undo) {
  const recipients: Recipient[] = await deliverable(ctx.data.db, await followerInboxes(ctx, identifier));
  if (recipients.length > 0) await ctx.sendActivity({ identifier }, recipients, activity, { preferSharedInbox: true });
}

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
    async boost(db, handle, objectId) {
      const ctx = on(db);
      const identifier = memberIdentifier(handle);
      const member = await loadLocalActor(db, identifier);
      if (!member) return null;
      const addressing = { to: PUBLIC_COLLECTION, cc: ctx.getFollowersUri(identifier) };
      const announce = new Announce({ id: newActivityId(ctx, identifier, "announce"), actor: ctx.getActorUri(identifier), object: new URL(objectId), ...addressing });
      await toFollowers(ctx, identifier, announce);
      await db.insert(outboxEntryTable).values({ activityId: announce.id!.href, ...ownerColumns(member), type: "Announce", objectId, visibility: "public" }).onConflictDoNothing();
      return announce.id!.href;
    },
    async unboost(db, handle, objectId, activityId) {
      if (!activityId) return;
      const ctx = on(db);
      const identifier = memberIdentifier(handle);
      const actor = ctx.getActorUri(identifier);
      await db.delete(outboxEntryTable).where(eq(outboxEntryTable.activityId, activityId));
      const undo = new Undo({
        id: newActivityId(ctx, identifier, "undo"),
        actor,
        object: new Announce({ id: new URL(activityId), actor, object: new URL(objectId) }),
        to: PUBLIC_COLLECTION,
        cc: ctx.getFollowersUri(identifier),
      });
      await toFollowers(ctx, identifier, undo);
    },
  };
}
