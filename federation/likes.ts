// A member's Like of a post from elsewhere (a favourite in their Mastodon app),
// and its Undo, sent to the post's author through the queue like any activity.
import type { Federation } from "@fedify/fedify";
import { Like, Undo } from "@fedify/vocab";
import { eq } from "drizzle-orm";
import type { DatabaseLike } from "../db/client.ts";
import { remoteActorTable } from "../db/schema/index.ts";
import type { LikePort } from "../server/domain/reactions/mine.ts";
import { isBlockedHost } from "./blocks.ts";
import type { FederationContextData, FedContext } from "./context.ts";
import { recipientOf } from "./follows.ts";
import { memberIdentifier } from "./identifiers.ts";
import { newActivityId } from "./uris.ts";

async function send(ctx: FedContext, handle: string, authorId: string, build: (actor: URL) => Like | Undo) {
  const [author] = await ctx.data.db.select().from(remoteActorTable).where(eq(remoteActorTable.id, authorId)).limit(1);
  if (!author || (await isBlockedHost(ctx.data.db, author.host))) return;
  const identifier = memberIdentifier(handle);
  await ctx.sendActivity({ identifier }, recipientOf(author), build(ctx.getActorUri(identifier)));
}

export function federatedLikes(federation: Federation<FederationContextData>, origin: URL | string): LikePort {
  const on = (db: DatabaseLike) => federation.createContext(new URL(origin), { db });
  return {
    async like(db, handle, objectId, authorId) {
      const ctx = on(db);
      const id = newActivityId(ctx, memberIdentifier(handle), "like");
      await send(ctx, handle, authorId, (actor) => new Like({ id, actor, object: new URL(objectId), to: new URL(authorId) }));
      return id.href;
    },
    async unlike(db, handle, objectId, authorId, activityId) {
      const ctx = on(db);
      await send(ctx, handle, authorId, (actor) =>
        new Undo({
          id: newActivityId(ctx, memberIdentifier(handle), "undo"),
          actor,
          object: new Like({ id: activityId ? new URL(activityId) : null, actor, object: new URL(objectId) }),
          to: new URL(authorId),
        }),
      );
    },
  };
}
