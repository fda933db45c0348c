// One status by its id: the item behind it, read through the domain's own
// getters, so a status the member may not see is simply not found.
import { eq } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { eventTable, offerMessageTable, offerResponseTable, type Member } from "../../../db/schema/index.ts";
import { getAnnouncement } from "../../domain/announcements.ts";
import { getResource } from "../../domain/commons/views.ts";
import { eventViews, loadEvent } from "../../domain/events/views.ts";
import { getOffer } from "../../domain/offers/detail.ts";
import { feedOf } from "../../domain/follows.ts";
import { remoteDraft } from "../timelines/collect.ts";
import { announcementDraft, eventDraft, messageDrafts, offerDraft, resourceDraft, type Draft } from "../timelines/drafts.ts";
import type { ParsedStatusId } from "./ids.ts";

/** The offer a conversation message belongs to. */
export async function offerOfMessage(db: DatabaseLike, messageId: string) {
  const [row] = await db
    .select({ offerId: offerResponseTable.offerId, responseId: offerResponseTable.id })
    .from(offerMessageTable)
    .innerJoin(offerResponseTable, eq(offerResponseTable.id, offerMessageTable.responseId))
    .where(eq(offerMessageTable.id, messageId))
    .limit(1);
  return row;
}

/** The offer as the viewer sees it, with its drafts: the offer and the messages they may read. */
export async function offerThread(db: DatabaseLike, viewer: Member | null, offerId: string, origin: string) {
  const detail = await getOffer(db, viewer, offerId, origin);
  if (!detail.ok) return null;
  const slug = detail.value.network.slug ?? "";
  return { detail: detail.value, offer: offerDraft(detail.value, slug, `${origin}/`), messages: messageDrafts(detail.value, slug, `${origin}/`) };
}

export async function loadDraft(db: DatabaseLike, viewer: Member | null, parsed: ParsedStatusId, origin: string): Promise<Draft | null> {
  switch (parsed.kind) {
    case "a": {
      const found = await getAnnouncement(db, viewer, parsed.id, origin);
      return found.ok ? announcementDraft(found.value.announcement, found.value.network.slug) : null;
    }
    case "o":
      return (await offerThread(db, viewer, parsed.id, origin))?.offer ?? null;
    case "m": {
      const at = await offerOfMessage(db, parsed.id);
      const thread = at ? await offerThread(db, viewer, at.offerId, origin) : null;
      return thread?.messages.find((m) => m.id.endsWith(parsed.id.replace(/-/g, ""))) ?? null;
    }
    case "e": {
      const loaded = await loadEvent(db, parsed.id, viewer, origin);
      if (!loaded.ok) return null;
      const [view] = await eventViews(db, origin, [loaded.value], viewer);
      const [row] = await db.select({ createdAt: eventTable.createdAt }).from(eventTable).where(eq(eventTable.id, parsed.id));
      return eventDraft(view, row.createdAt, loaded.value.network.slug);
    }
    case "r": {
      const found = await getResource(db, viewer, parsed.id, origin);
      if (!found.ok || !found.value.source.slug) return null;
      const r = found.value;
      return resourceDraft({ ...r, slug: r.source.slug!, tags: r.tags });
    }
    case "p": {
      // A post from elsewhere: only as the member's feed shows it (same visibility and blocks).
      if (!viewer) return null;
      const feed = await feedOf(db, viewer, { origin, before: new Date(parsed.at.getTime() + 1) });
      const post = feed.find((p) => p.id === parsed.id && p.visibility !== "direct");
      return post ? remoteDraft(post) : null;
    }
    default:
      return null;
  }
}
