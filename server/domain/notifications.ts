// In-app notifications: one list per member, fed by every feature (offers,
// events...). Shown as an unread count in the navigation and a page of their
// own; by email too for those who chose it (mail/preferences.ts), at once or
// in a digest.
import { and, count, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { DatabaseLike } from "../../db/client.ts";
import { notificationTable, type Member } from "../../db/schema/index.ts";
import { mailNotification } from "./mail/preferences.ts";

export interface NotificationInput {
  /** What happened, "<feature>.<event>": the web app words it from its catalogue. */
  kind: string;
  subject: { type: string; id: string; title: string; path: string };
  fromName?: string;
  /** Who did it, for apps that show an account (likes, boosts): a member here, or an actor elsewhere. */
  fromMemberId?: string;
  fromActorId?: string;
  /** Not worth an email of its own (a like, a boost): in the app, pushed to phones, and in digests for who chose one. */
  noImmediateMail?: boolean;
}

export const notificationPageSize = 20;
/** NOTIFY channel of each new notification (at the commit of its transaction): wakes Web Push. */
export const NOTIFICATION_CHANNEL = "maillage_notification";

/** Tells each member once (duplicates in `memberIds` are dropped). Call it in the use-case's transaction. */
export async function notify(db: DatabaseLike, memberIds: (string | null | undefined)[], input: NotificationInput): Promise<void> {
  const unique = [...new Set(memberIds.filter((id): id is string => !!id))];
  if (unique.length === 0) return;
  const { kind, subject, fromName = "", fromMemberId = null, fromActorId = null } = input;
  await db.insert(notificationTable).values(
    unique.map((memberId) => ({ memberId, kind, subjectType: subject.type, subjectId: subject.id, title: subject.title, path: subject.path, fromName, fromMemberId, fromActorId })),
  );
  if (!input.noImmediateMail) await mailNotification(db, unique, { kind, title: subject.title, path: subject.path, from: fromName });
  await db.execute(sql`select pg_notify(${NOTIFICATION_CHANNEL}, '')`);
}

export async function unreadCount(db: DatabaseLike, member: Member): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notificationTable)
    .where(and(eq(notificationTable.memberId, member.id), isNull(notificationTable.readAt)));
  return row.n;
}

/** Newest first, a page at a time (`before`: the createdAt of the last one shown). */
export async function listNotifications(db: DatabaseLike, member: Member, before?: Date) {
  const rows = await db
    .select()
    .from(notificationTable)
    .where(and(eq(notificationTable.memberId, member.id), before ? lt(notificationTable.createdAt, before) : undefined))
    .orderBy(desc(notificationTable.createdAt), desc(notificationTable.id))
    .limit(notificationPageSize);
  return rows.map((n) => ({
    id: n.id,
    kind: n.kind,
    subject: { type: n.subjectType, id: n.subjectId, title: n.title, path: n.path },
    from: n.fromName,
    read: n.readAt !== null,
    createdAt: n.createdAt.toISOString(),
  }));
}

/** Marks the given ones read, or all when none are named. */
export async function markRead(db: DatabaseLike, member: Member, ids?: string[]): Promise<void> {
  const valid = ids?.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (ids && !valid?.length) return;
  await db
    .update(notificationTable)
    .set({ readAt: new Date() })
    .where(and(eq(notificationTable.memberId, member.id), isNull(notificationTable.readAt), valid ? inArray(notificationTable.id, valid) : undefined));
}

/** Drops what was said about a subject that is gone (a deleted offer...). */
export async function forgetNotificationsAbout(db: DatabaseLike, subject: { type: string; id: string }): Promise<void> {
  await db.delete(notificationTable).where(and(eq(notificationTable.subjectType, subject.type), eq(notificationTable.subjectId, subject.id)));
}
