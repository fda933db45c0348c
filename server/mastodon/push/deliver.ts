// Wakes phones: each notification made since a subscription was last served is
// pushed (encrypted, signed with the instance's VAPID keys) when its Mastodon
// type is among the alerts the app asked for. Run by the worker every few seconds.
import { and, asc, eq, sql } from "drizzle-orm";
import type webpush from "web-push";
import type { DatabaseLike } from "../../../db/client.ts";
import { mastodonPushTable, memberTable, notificationTable } from "../../../db/schema/index.ts";
import { mastodonType, notificationId } from "../notifications/types.ts";
import { reachesPublicAddress } from "./endpoint.ts";
import { vapidKeys } from "./vapid.ts";

export const pushEveryMs = 10_000;

// web-push (~50 ms to load) is imported at the first push, not at start.
const sendWebPush: typeof webpush.sendNotification = async (...args) => (await import("web-push")).default.sendNotification(...args);

/** Sends what is due; returns how many pushes went out. */
export async function deliverPushes(
  db: DatabaseLike,
  publicUrl: URL,
  { send = sendWebPush, allowPrivate = false }: { send?: typeof webpush.sendNotification; allowPrivate?: boolean } = {},
): Promise<number> {
  const subscriptions = await db.select({ sub: mastodonPushTable, locale: memberTable.locale }).from(mastodonPushTable).innerJoin(memberTable, eq(memberTable.id, mastodonPushTable.memberId));
  if (!subscriptions.length) return 0;
  const keys = await vapidKeys(db);
  let sent = 0;
  for (const { sub, locale } of subscriptions) {
    const due = await db
      .select()
      .from(notificationTable)
      // Compared in milliseconds, the precision pushedUntil comes back with (PostgreSQL keeps microseconds).
      .where(and(eq(notificationTable.memberId, sub.memberId), sql`date_trunc('milliseconds', ${notificationTable.createdAt}) > ${sub.pushedUntil.toISOString()}::timestamptz`))
      .orderBy(asc(notificationTable.createdAt))
      .limit(20);
    if (!due.length) continue;
    // Its name may resolve elsewhere since it subscribed: not now, then (it stays due).
    if (!(await reachesPublicAddress(sub.endpoint, allowPrivate))) continue;
    let gone = false;
    for (const n of due) {
      const type = mastodonType(n.kind);
      if (sub.policy === "none" || !type || !sub.alerts.split(" ").includes(type)) continue;
      const payload = JSON.stringify({
        notification_id: notificationId(n.id, n.createdAt),
        notification_type: type,
        preferred_locale: locale,
        title: n.fromName || "Maillage",
        body: n.title,
        icon: new URL("/mastodon/avatar.png", publicUrl).href,
      });
      try {
        await send({ endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } }, payload, {
          vapidDetails: { subject: publicUrl.origin, publicKey: keys.publicKey, privateKey: keys.privateKey },
          contentEncoding: "aes128gcm",
          TTL: 3600,
        });
        sent++;
      } catch (error) {
        // The phone unsubscribed (or the app was removed): forget it.
        const status = (error as { statusCode?: number }).statusCode;
        if (status === 404 || status === 410) gone = true;
        else break;
      }
      if (gone) break;
    }
    if (gone) await db.delete(mastodonPushTable).where(eq(mastodonPushTable.id, sub.id));
    else await db.update(mastodonPushTable).set({ pushedUntil: due.at(-1)!.createdAt }).where(eq(mastodonPushTable.id, sub.id));
  }
  return sent;
}
