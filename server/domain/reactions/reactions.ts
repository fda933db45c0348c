// What the fediverse answered to any of our items — announcements, offers and
// requests, events, resources — counted and shown the same way: likes and
// boosts (the inbox stores one per actor and object, keyed by the object's
// URL) and public replies (remote posts `inReplyTo` that URL). Replies to an
// offer are private expressions of interest instead (offers/), so an offer
// shows counts only.
//
// The author of the item is told of each new reply, like and boost (a
// notification): the member who wrote it, the organiser of an event, whoever
// added a resource; the network's animators when the network itself speaks.
import type { DatabaseLike } from "../../../db/client.ts";
import type { Member, ReactionType, Role } from "../../../db/schema/index.ts";
import { blockedBetween, isBlocked } from "../blocks/blocks.ts";
import { reactionsOf, viewerRole, type ReplyView } from "../announcement-views.ts";
import { notify } from "../notifications.ts";
import { findNetwork } from "../roles.ts";
import { itemTarget } from "./targets.ts";

export interface ReactionsView {
  likes: number;
  boosts: number;
  /** Public replies for everyone; the others for the network's members (`role` set). */
  replies: ReplyView[];
}

/** Likes, boosts and replies of one item, by its ActivityPub id (its page's URL). */
export async function reactionsOfItem(db: DatabaseLike, url: string, role: Role | null): Promise<ReactionsView> {
  return (await reactionsOf(db, [url], role)).get(url)!;
}

/** The same for a viewer: replies that are not public only for the item's network's members. */
export async function reactionsForViewer(db: DatabaseLike, viewer: Member | null, networkId: string, url: string): Promise<ReactionsView> {
  return reactionsOfItem(db, url, await viewerRole(db, networkId, viewer));
}

/** The same, finding the network from the item's URL (`/n/{slug}/…`); nothing for an item of another server. */
export async function reactionsAtUrl(db: DatabaseLike, viewer: Member | null, origin: string, url: string): Promise<ReactionsView> {
  const none = { likes: 0, boosts: 0, replies: [] };
  if (!URL.canParse(url) || new URL(url).origin !== new URL(origin).origin) return none;
  const slug = /^\/n\/([^/]+)\//.exec(new URL(url).pathname)?.[1];
  const network = slug ? await findNetwork(db, slug) : null;
  return network?.ok ? reactionsForViewer(db, viewer, network.value.id, url) : none;
}

/** Counts and replies for several items at once (lists). */
export async function reactionsOfItems(db: DatabaseLike, urls: string[], role: Role | null): Promise<Map<string, ReactionsView>> {
  return reactionsOf(db, urls, role);
}

/** A new reply from elsewhere to one of our items: its author hears of it (in the inbox's transaction). */
export async function replyReceived(db: DatabaseLike, origin: string, inReplyTo: string, fromName: string): Promise<void> {
  const target = await itemTarget(db, origin, inReplyTo);
  // Replies to offers are private interests (offers/), never told here.
  if (!target || target.subject.type === "offer") return;
  await notify(db, target.to, { kind: "fediverse.reply", subject: target.subject, fromName });
}

/** Who liked or boosted: a member here (by id) or an account elsewhere (its actor IRI), and the name shown. */
export type ReactionFrom = { memberId: string; name: string } | { actorId: string; name: string };

/**
 * A new like or boost of one of our items, by a member here or an account
 * elsewhere: the item's author hears of it (in the caller's transaction; the
 * caller calls once per new reaction, not for a repeat). Nobody is told of
 * their own act, nor by someone they blocked or who blocked them.
 */
export async function reactionReceived(db: DatabaseLike, origin: string, url: string, type: ReactionType, from: ReactionFrom): Promise<void> {
  const target = await itemTarget(db, origin, url);
  if (!target) return;
  const to: string[] = [];
  for (const id of target.to) {
    if ("memberId" in from ? id === from.memberId || (await blockedBetween(db, id, from.memberId)) : await isBlocked(db, id, from.actorId)) continue;
    to.push(id);
  }
  await notify(db, to, {
    kind: type === "like" ? "reactions.like" : "reactions.boost",
    subject: target.subject,
    fromName: from.name,
    noImmediateMail: true,
    ...("memberId" in from ? { fromMemberId: from.memberId } : { fromActorId: from.actorId }),
  });
}
