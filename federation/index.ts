// Every route and inbox listener of the federation, one line each; the
// handlers live in their own files. URL layout (see FEDERATION.md):
//   /n/{slug}, /m/{handle}, /actor       actors (identifier "n/slug", "m/handle", "actor")
//   {actor}/inbox, /inbox                 personal and shared inboxes
//   {actor}/outbox|followers|following|featured
//   /n/{slug}/a/{id}                      announcements (Note); more literal text, so it wins over /{+identifier}
//   /nodeinfo/2.1, /.well-known/{webfinger,nodeinfo}
import type { Federatable } from "@fedify/fedify";
import { Accept, Activity, Announce, Create, Delete, Event, Follow, Join, Leave, Like, Note, Reject, Undo, Update } from "@fedify/vocab";
import { authorizeEvent, dispatchEvent, EVENT_PATH } from "./events/objects.ts";
import { onJoin, onLeave } from "./inbox/events.ts";
import { dispatchActor } from "./actors.ts";
import { Article, Flag, Offer } from "@fedify/vocab";
import { onFlag } from "./inbox/flag.ts";
import { onBookingOffer } from "./commons/bookings.ts";
import { authorizeResource, dispatchResource, RESOURCE_PATH } from "./commons/objects.ts";
import { guarded } from "./inbox/guard.ts";
import { ANNOUNCEMENT_PATH, authorizeAnnouncement, dispatchAnnouncement } from "./announcements.ts";
import {
  countFollowers,
  countFollowing,
  countOutbox,
  featuredItems,
  followersPage,
  followingPage,
  outboxPage,
} from "./collections.ts";
import type { FedContext, FederationContextData } from "./context.ts";
import { identifierForName, INSTANCE_IDENTIFIER, loadLocalActor } from "./identifiers.ts";
import { onAccept, onReject } from "./inbox/accept.ts";
import { onCreate } from "./inbox/create.ts";
import { onDelete } from "./inbox/delete.ts";
import { onInboxError, onUnverifiedActivity } from "./inbox/errors.ts";
import { onFollow } from "./inbox/follow.ts";
import { onOtherActivity } from "./inbox/other.ts";
import { onAnnounce, onLike } from "./inbox/reactions.ts";
import { onUndo } from "./inbox/undo.ts";
import { onUpdate } from "./inbox/update.ts";
import { keyPairsFor } from "./keys.ts";
import { dispatchNodeInfo } from "./nodeinfo.ts";
import { OUTBOX_COLLECTION } from "./uris.ts";
import { OfferNote } from "./offers/note.ts";
import { authorizeOffer, dispatchOffer, OFFER_PATH } from "./offers/objects.ts";
import { installParseReuse, keepParsedActivity } from "./inbox/parsed-handover.ts";

const keyPairs = async (ctx: FedContext, identifier: string) => {
  const actor = await loadLocalActor(ctx.data.db, identifier);
  return actor ? keyPairsFor(ctx.data.db, actor) : [];
};
const mapHandle = (ctx: FedContext, username: string) => identifierForName(ctx.data.db, username, ctx.host);
// Paged collections start at offset 0 for actors that exist; otherwise 404.
const firstPage = async (ctx: FedContext, identifier: string) => ((await loadLocalActor(ctx.data.db, identifier)) ? "0" : null);

export function registerFederation(f: Federatable<FederationContextData>): void {
  f.setActorDispatcher("/{+identifier}", dispatchActor).setKeyPairsDispatcher(keyPairs).mapHandle(mapHandle);
  f.setFollowersDispatcher("/{+identifier}/followers", followersPage).setCounter(countFollowers).setFirstCursor(firstPage);
  f.setFollowingDispatcher("/{+identifier}/following", followingPage).setCounter(countFollowing).setFirstCursor(firstPage);
  f.setFeaturedDispatcher("/{+identifier}/featured", featuredItems);
  f.setOrderedCollectionDispatcher(OUTBOX_COLLECTION, Activity, "/{+identifier}/outbox", outboxPage)
    .setCounter(countOutbox)
    .setFirstCursor((ctx, values) => firstPage(ctx, values.identifier));
  f.setNodeInfoDispatcher("/nodeinfo/2.1", dispatchNodeInfo);
  f.setObjectDispatcher(Note, ANNOUNCEMENT_PATH, dispatchAnnouncement).authorize(authorizeAnnouncement);
  f.setObjectDispatcher(Event, EVENT_PATH, dispatchEvent).authorize(authorizeEvent);
  f.setObjectDispatcher(OfferNote, OFFER_PATH, dispatchOffer).authorize(authorizeOffer);
  f.setObjectDispatcher(Article, RESOURCE_PATH, dispatchResource).authorize(authorizeResource);

  // Each inbound activity parsed once, not three times (inbox/parsed-handover.ts).
  installParseReuse();
  f.setInboxListeners("/{+identifier}/inbox", "/inbox")
    // Shared-inbox work fetches remote documents signed as the instance actor.
    .setSharedKeyDispatcher(() => ({ identifier: INSTANCE_IDENTIFIER }))
    // Delivered to a personal inbox and to the shared one: processed once, by
    // the queue's handler (at once, inbox/inline-first.ts, or by a worker),
    // which keys each processed activity by origin and id whatever this says. With a queue, Fedify 2.3's check before enqueueing
    // reads a key written nowhere (its "per-origin" key is the origin and id
    // joined by a newline; the worker's, two parts): a read per POST for
    // nothing, so none is made. The hook also keeps the parsed activity for
    // the queue handler's inline run (inbox/parsed-handover.ts).
    .withIdempotency(keepParsedActivity)
    .on(Follow, guarded(onFollow))
    .on(Undo, guarded(onUndo))
    .on(Accept, guarded(onAccept))
    .on(Reject, guarded(onReject))
    .on(Create, guarded(onCreate))
    .on(Update, guarded(onUpdate))
    .on(Delete, guarded(onDelete))
    .on(Like, guarded(onLike))
    .on(Announce, guarded(onAnnounce))
    .on(Join, guarded(onJoin))
    .on(Leave, guarded(onLeave))
    .on(Offer, guarded(onBookingOffer))
    .on(Flag, guarded(onFlag))
    .on(Activity, guarded(onOtherActivity))
    .onError(onInboxError)
    .onUnverifiedActivity(onUnverifiedActivity);
}
