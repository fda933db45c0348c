// The moderation queue and log: a network's animators (and pilots, and the
// instance admin) see the open reports with the item as it was reported,
// earlier reports on the same person, and what was done. The instance-level
// queue (reports that concern no single network) is the admin's.
import { findHideable } from "./hideable.ts";
import { and, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import {
  hiddenItemTable,
  memberTable,
  moderationLogTable,
  offerTable,
  reportTable,
  type Member,
  type Network,
  type Report,
  type ReportStatus,
} from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../result.ts";
import { requireRole } from "../roles.ts";
import { earlierReports } from "./reports.ts";

export interface ModerationScope {
  network: Network | null;
  moderator: Member;
}

/** `slug` null: the instance's queue, for its admins only. */
export async function moderatorOf(db: DatabaseLike, member: Member, slug: string | null): Promise<Result<ModerationScope>> {
  if (slug === null) {
    return member.isAdmin ? ok({ network: null, moderator: member }) : fail("forbidden", "admin_required", "Only the instance admin may do this");
  }
  const allowed = await requireRole(db, slug, member, "animator");
  if (!allowed.ok) return allowed;
  return ok({ network: allowed.value.network, moderator: member });
}

export const inScope = (scope: ModerationScope) => (scope.network ? eq(reportTable.networkId, scope.network.id) : isNull(reportTable.networkId));

const person = (m: { handle: string; displayName: string } | null | undefined) => (m ? { handle: m.handle, displayName: m.displayName } : null);

async function reportViews(db: DatabaseLike, reports: Report[]) {
  const memberIds = [...new Set(reports.flatMap((r) => [r.reporterId, r.targetMemberId]).filter((id): id is string => !!id))];
  const members = memberIds.length ? await db.select().from(memberTable).where(inArray(memberTable.id, memberIds)) : [];
  const byId = new Map(members.map((m) => [m.id, m]));
  const hidden = reports.length
    ? await db.select().from(hiddenItemTable).where(inArray(hiddenItemTable.subjectId, reports.map((r) => r.subjectId)))
    : [];
  return Promise.all(
    reports.map(async (r) => {
      const h = hidden.find((x) => x.subjectId === r.subjectId && x.subjectType === r.subjectType);
      return {
        id: r.id,
        status: r.status,
        subject: { type: r.subjectType, id: r.subjectId },
        reason: r.reason,
        comment: r.comment,
        snapshot: r.snapshot,
        // The animators see who reported; the reported person never does.
        reporter: person(byId.get(r.reporterId ?? "")),
        fromHost: r.fromHost,
        target: { member: person(byId.get(r.targetMemberId ?? "")), actor: r.targetActorId },
        forward: r.forward,
        forwardedAt: r.forwardedAt,
        hidden: h ? { reason: h.reason, reviewRequestedAt: h.reviewRequestedAt, reviewNote: h.reviewNote } : null,
        earlier: await earlierReports(db, r),
        createdAt: r.createdAt,
        resolvedAt: r.resolvedAt,
      };
    }),
  );
}
export type QueueReport = Awaited<ReturnType<typeof reportViews>>[number];

/** Open reports first (oldest first: they waited longest), or the closed ones, newest first. */
export async function moderationQueue(db: DatabaseLike, member: Member, slug: string | null, status: "open" | "closed" = "open"): Promise<Result<{ reports: QueueReport[]; reviews: ReviewView[] }>> {
  const scope = await moderatorOf(db, member, slug);
  if (!scope.ok) return scope;
  const statuses: ReportStatus[] = status === "open" ? ["open"] : ["dismissed", "resolved"];
  const rows = await db
    .select()
    .from(reportTable)
    .where(and(inScope(scope.value), inArray(reportTable.status, statuses)))
    .orderBy(status === "open" ? reportTable.createdAt : desc(reportTable.createdAt))
    .limit(100);
  return ok({ reports: await reportViews(db, rows), reviews: await pendingReviews(db, scope.value) });
}

export interface ReviewView {
  subject: { type: string; id: string };
  title: string;
  /** A first post held for approval, rather than a hidden item whose author asks for a review. */
  held: boolean;
  reason: string;
  note: string;
  requestedAt: Date;
  author: { handle: string; displayName: string } | null;
}

/** Hidden items whose author asked for a review, and first posts held for approval. */
async function pendingReviews(db: DatabaseLike, scope: ModerationScope): Promise<ReviewView[]> {
  if (!scope.network) return [];
  const rows = await db
    .select({ hidden: hiddenItemTable, author: memberTable, title: offerTable.title })
    .from(hiddenItemTable)
    .leftJoin(memberTable, eq(memberTable.id, hiddenItemTable.authorId))
    .leftJoin(offerTable, and(eq(hiddenItemTable.subjectType, "offer"), eq(sql`${offerTable.id}::text`, hiddenItemTable.subjectId)))
    .where(eq(hiddenItemTable.networkId, scope.network.id))
    .orderBy(hiddenItemTable.hiddenAt);
  const pending = rows.filter((r) => r.hidden.held || r.hidden.reviewRequestedAt !== null);
  // Offers' titles come with the query; the other kinds' (a few at most) one by one.
  const titles = await Promise.all(pending.map(async (r) => r.title ?? (await findHideable(db, r.hidden.subjectType, r.hidden.subjectId))?.title ?? ""));
  return pending
    .map((r, i) => ({
      subject: { type: r.hidden.subjectType, id: r.hidden.subjectId },
      title: titles[i],
      held: r.hidden.held,
      reason: r.hidden.reason,
      note: r.hidden.reviewNote ?? "",
      requestedAt: r.hidden.reviewRequestedAt ?? r.hidden.hiddenAt,
      author: person(r.author),
    }));
}

/** The moderation log, newest first, a page at a time (`before`: the createdAt of the last one shown). */
export async function moderationLog(db: DatabaseLike, member: Member, slug: string | null, before?: Date) {
  const scope = await moderatorOf(db, member, slug);
  if (!scope.ok) return scope;
  const rows = await db
    .select()
    .from(moderationLogTable)
    .where(
      and(
        scope.value.network ? eq(moderationLogTable.networkId, scope.value.network.id) : isNull(moderationLogTable.networkId),
        before ? lt(moderationLogTable.createdAt, before) : undefined,
      ),
    )
    .orderBy(desc(moderationLogTable.createdAt))
    .limit(50);
  return ok({
    entries: rows.map((e) => ({
      id: e.id,
      action: e.action,
      by: e.moderatorName,
      subject: { type: e.subjectType, id: e.subjectId },
      target: e.targetName,
      reason: e.reason,
      until: e.until,
      reportId: e.reportId,
      createdAt: e.createdAt,
    })),
  });
}
