// In-app notifications about offers: someone is interested, wrote, agreed,
// thanked; an offer is about to expire. Shown in the navigation (unread count)
// and listed on one page. Nothing is sent by email: tranquillité.
import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import type { DatabaseLike } from "../../db/client.ts";
import { networkTable, offerNotificationTable, offerTable, type Member, type OfferNotificationKind } from "../../db/schema/index.ts";
import { offerUrl } from "./offer-views.ts";

export async function notify(db: DatabaseLike, memberIds: string[], kind: OfferNotificationKind, offerId: string, fromName = ""): Promise<void> {
  const unique = [...new Set(memberIds)];
  if (unique.length === 0) return;
  await db.insert(offerNotificationTable).values(unique.map((memberId) => ({ memberId, kind, offerId, fromName })));
}

export async function unreadCount(db: DatabaseLike, member: Member): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(offerNotificationTable)
    .where(and(eq(offerNotificationTable.memberId, member.id), isNull(offerNotificationTable.readAt)));
  return row.n;
}

export async function listNotifications(db: DatabaseLike, member: Member, origin: string) {
  const rows = await db
    .select({ n: offerNotificationTable, title: offerTable.title, slug: networkTable.slug, apId: offerTable.apId })
    .from(offerNotificationTable)
    .innerJoin(offerTable, eq(offerTable.id, offerNotificationTable.offerId))
    .leftJoin(networkTable, eq(networkTable.id, offerTable.networkId))
    .where(eq(offerNotificationTable.memberId, member.id))
    .orderBy(desc(offerNotificationTable.createdAt))
    .limit(50);
  return rows.map(({ n, title, slug }) => ({
    id: n.id,
    kind: n.kind,
    offer: { id: n.offerId, title, url: slug ? offerUrl(origin, slug, n.offerId) : null, path: slug ? `/n/${slug}/o/${n.offerId}` : `/offers/${n.offerId}` },
    from: n.fromName,
    read: n.readAt !== null,
    createdAt: n.createdAt,
  }));
}

/** Marks the given ones read, or all when none are named. */
export async function markRead(db: DatabaseLike, member: Member, ids?: string[]): Promise<void> {
  await db
    .update(offerNotificationTable)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(offerNotificationTable.memberId, member.id),
        isNull(offerNotificationTable.readAt),
        ids && ids.length ? inArray(offerNotificationTable.id, ids) : undefined,
      ),
    );
}
