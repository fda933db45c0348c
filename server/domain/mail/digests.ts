// Daily and weekly digests: for each member who chose one, what was notified
// since their last digest of that frequency, in one email; none when nothing
// happened. Run by the worker every hour; `now` is given so tests move time.
import { and, eq, gt, isNull, lte, or, sql } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { mailSettingsTable, notificationTable } from "../../../db/schema/index.ts";
import { transact, ok } from "../result.ts";
import { addressOf, enqueueMail } from "./outbox.ts";
import { preferencesOf } from "./preferences.ts";
import { categoryOf, type NotificationItem } from "./templates.ts";

const periods = { daily: 86_400_000, weekly: 7 * 86_400_000 } as const;
export type DigestFrequency = keyof typeof periods;

export async function sendDigests(db: DatabaseLike, now = new Date()): Promise<{ sent: number }> {
  let sent = 0;
  for (const frequency of ["daily", "weekly"] as const) sent += await sendDigestsOf(db, frequency, now);
  return { sent };
}

async function sendDigestsOf(db: DatabaseLike, frequency: DigestFrequency, now: Date): Promise<number> {
  const until = frequency === "daily" ? mailSettingsTable.dailyDigestUntil : mailSettingsTable.weeklyDigestUntil;
  const periodStart = new Date(now.getTime() - periods[frequency]);
  // Members whose last digest of this frequency is at least a period old (or never sent).
  const rows = await db
    .select({ memberId: notificationTable.memberId, kind: notificationTable.kind, title: notificationTable.title, path: notificationTable.path, from: notificationTable.fromName })
    .from(notificationTable)
    .leftJoin(mailSettingsTable, eq(mailSettingsTable.memberId, notificationTable.memberId))
    .where(
      and(
        lte(notificationTable.createdAt, now),
        gt(notificationTable.createdAt, sql`coalesce(${until}, ${periodStart.toISOString()}::timestamptz)`),
        or(isNull(until), lte(until, periodStart)),
      ),
    )
    .orderBy(notificationTable.memberId, notificationTable.createdAt);
  const byMember = new Map<string, NotificationItem[]>();
  for (const r of rows) byMember.set(r.memberId, [...(byMember.get(r.memberId) ?? []), r]);
  let sent = 0;
  for (const [memberId, all] of byMember) {
    const modes = await preferencesOf(db, memberId);
    const items = all.filter((item) => modes[categoryOf(item.kind)] === frequency);
    // One member at a time: the marker moves in the same transaction as the email is enqueued.
    await transact(db, async (tx) => {
      const marker = frequency === "daily" ? { dailyDigestUntil: now } : { weeklyDigestUntil: now };
      await tx.insert(mailSettingsTable).values({ memberId, ...marker }).onConflictDoUpdate({ target: mailSettingsTable.memberId, set: marker });
      const to = items.length ? await addressOf(tx, memberId) : undefined;
      if (to) {
        await enqueueMail(tx, [{ memberId, to, template: "digest", params: { frequency, items: items.slice(0, 100) } }]);
        sent++;
      }
      return ok(undefined);
    });
  }
  return sent;
}
