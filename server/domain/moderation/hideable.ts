// Items other than offers that the animators can hide: announcements, events,
// resources, messages of an offer's conversation, and replies from elsewhere.
// Each is hidden by its `hidden_at` column, which every list, feed, sheet,
// preview and ActivityPub dispatcher of that kind filters on; its single view
// answers 404 to everyone but its author and the animators (hidden-info.ts).
import { eq } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { announcementTable, eventTable, offerMessageTable, offerResponseTable, remotePostTable, resourceTable, type Visibility } from "../../../db/schema/index.ts";
import { ANNOUNCEMENT_MEDIA, announcementPath } from "../announcement-views.ts";
import { findAnnouncement } from "../announcements.ts";
import { findResource, resourcePath } from "../commons/views.ts";
import { eventPath, findEvent } from "../events/views.ts";
import { isUuid } from "../ids.ts";
import { findOffer } from "../offers/offers.ts";
import { offerPath } from "../offers/views.ts";

export const hideableKinds = ["announcement", "event", "resource", "message", "remote_post"] as const;
export type HideableKind = (typeof hideableKinds)[number];

export interface Hideable {
  kind: HideableKind;
  id: string;
  /** The network whose animators may hide it; null for a reply from elsewhere (any network's animators under whose item it is). */
  networkId: string | null;
  /** Who is told it is hidden (null: nobody here, e.g. a remote author). */
  authorId: string | null;
  title: string;
  path: string;
  hiddenAt: Date | null;
  /** Its photos or files, whose reading hidden-info restricts; and the visibility they get back. */
  media: { type: string; id: string; visibility: Visibility } | null;
  /** Whether followers elsewhere have it (a Delete when hidden, a Create when shown again). */
  federates: boolean;
  setHidden(tx: DatabaseLike, at: Date | null): Promise<void>;
}

const short = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);

export async function findHideable(db: DatabaseLike, kind: string, id: string): Promise<Hideable | null> {
  switch (kind) {
    case "announcement": {
      const item = await findAnnouncement(db, id);
      if (!item) return null;
      const a = item.announcement;
      return {
        kind, id, networkId: item.network.id, authorId: a.authorId ?? a.postedById, title: short(a.content), path: announcementPath(item.network.slug, id), hiddenAt: a.hiddenAt,
        media: { type: ANNOUNCEMENT_MEDIA, id, visibility: a.visibility }, federates: a.visibility !== "network",
        setHidden: async (tx, at) => void (await tx.update(announcementTable).set({ hiddenAt: at }).where(eq(announcementTable.id, id))),
      };
    }
    case "event": {
      const item = await findEvent(db, id);
      if (!item) return null;
      const e = item.event;
      return {
        kind, id, networkId: item.network.id, authorId: e.organiserId, title: e.title, path: eventPath(item.network.slug, id), hiddenAt: e.hiddenAt,
        // A series' photos are shared by its occurrences: only this occurrence's own are withheld.
        media: e.seriesId ? null : { type: "event", id, visibility: e.visibility }, federates: e.visibility !== "network",
        setHidden: async (tx, at) => void (await tx.update(eventTable).set({ hiddenAt: at }).where(eq(eventTable.id, id))),
      };
    }
    case "resource": {
      const item = await findResource(db, id);
      if (!item) return null;
      const r = item.resource;
      return {
        kind, id, networkId: item.network.id, authorId: r.createdById, title: r.title, path: resourcePath(item.network.slug, id), hiddenAt: r.hiddenAt,
        media: { type: "resource", id, visibility: r.visibility }, federates: r.visibility !== "network",
        setHidden: async (tx, at) => void (await tx.update(resourceTable).set({ hiddenAt: at }).where(eq(resourceTable.id, id))),
      };
    }
    case "message": {
      if (!isUuid(id)) return null;
      const [row] = await db
        .select({ message: offerMessageTable, offerId: offerResponseTable.offerId })
        .from(offerMessageTable)
        .innerJoin(offerResponseTable, eq(offerResponseTable.id, offerMessageTable.responseId))
        .where(eq(offerMessageTable.id, id))
        .limit(1);
      const offer = row ? await findOffer(db, row.offerId) : null;
      if (!row || !offer) return null;
      const m = row.message;
      return {
        kind, id, networkId: offer.network.id, authorId: m.senderId, title: offer.offer.title, path: offerPath(offer.network.slug, offer.offer.id), hiddenAt: m.hiddenAt,
        media: null, federates: false,
        setHidden: async (tx, at) => void (await tx.update(offerMessageTable).set({ hiddenAt: at }).where(eq(offerMessageTable.id, id))),
      };
    }
    case "remote_post": {
      const [post] = await db.select().from(remotePostTable).where(eq(remotePostTable.id, id)).limit(1);
      if (!post) return null;
      return {
        kind, id, networkId: null, authorId: null, title: short(post.name ?? post.summary ?? post.contentHtml.replace(/<[^>]*>/g, " ").trim()), path: post.url ?? post.id, hiddenAt: post.hiddenAt,
        media: null, federates: false,
        setHidden: async (tx, at) => void (await tx.update(remotePostTable).set({ hiddenAt: at }).where(eq(remotePostTable.id, id))),
      };
    }
  }
  return null;
}
