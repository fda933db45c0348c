// The domain's `FollowPort` on Fedify (follows.ts does the work): each call
// gets a context on the caller's database or transaction, so that Follow,
// Undo, Accept and Reject are enqueued with the change they belong to.
import type { Federation } from "@fedify/fedify";
import type { DatabaseLike } from "../db/client.ts";
import type { FollowPort } from "../server/domain/follows.ts";
import type { FederationContextData } from "./context.ts";
import { decideFollower, followRemote, unfollowRemote } from "./follows.ts";
import { memberIdentifier } from "./identifiers.ts";

export function federatedFollows(federation: Federation<FederationContextData>, origin: URL | string): FollowPort {
  const base = new URL(origin);
  const on = (db: DatabaseLike) => federation.createContext(base, { db });
  return {
    follow: (db, handle, target) => followRemote(on(db), memberIdentifier(handle), target),
    unfollow: (tx, handle, remoteActorId) => unfollowRemote(on(tx), memberIdentifier(handle), remoteActorId),
    decide: (tx, slug, remoteActorId, decision) => decideFollower(on(tx), slug, remoteActorId, decision),
  };
}
