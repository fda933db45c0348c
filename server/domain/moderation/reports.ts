// Reports (signalements): a member reports something they can see, with a
// reason and an optional comment. They get an acknowledgement now and the
// outcome later (dismissed, or acted upon: never what was done to whom).
// The animators of the item's network are told in the app; reports about
// nothing of a single network go to the instance admins.
import { and, desc, eq, inArray, or } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import {
  memberTable,
  membershipTable,
  networkTable,
  reportReasons,
  reportSubjects,
  reportTable,
  type Member,
  type Report,
  type ReportReason,
  type ReportSubject,
} from "../../../db/schema/index.ts";
import { notify } from "../notifications.ts";
import { fail, ok, transact, type Result } from "../result.ts";
import { findSubject } from "./subjects.ts";

export const MAX_COMMENT = 2000;

export interface ReportInput {
  subjectType: ReportSubject;
  subjectId: string;
  reason: ReportReason;
  comment?: string;
  /** For an account or post from another server: forward the report there, without the reporter's name. */
  forward?: boolean;
  /** For a member or something from elsewhere: which of the reporter's networks handles it. */
  network?: string;
}

/** What the reporter sees of their report: never what happened to the other person. */
export interface MyReportView {
  id: string;
  subject: { type: ReportSubject; id: string; title: string };
  reason: ReportReason;
  comment: string;
  forward: boolean;
  status: "open" | "closed";
  /** null while open; "dismissed" or "action_taken" once the animators looked at it. */
  outcome: "dismissed" | "action_taken" | null;
  createdAt: Date;
  resolvedAt: Date | null;
}

export const myReportView = (r: Report): MyReportView => ({
  id: r.id,
  subject: { type: r.subjectType, id: r.subjectId, title: r.snapshot.title },
  reason: r.reason,
  comment: r.comment,
  forward: r.forward,
  status: r.status === "open" ? "open" : "closed",
  outcome: r.status === "open" ? null : r.status === "dismissed" ? "dismissed" : "action_taken",
  createdAt: r.createdAt,
  resolvedAt: r.resolvedAt,
});

/** Sends a report to the remote server concerned: implemented in federation/ (a Flag from the instance actor, through the queue). */
export interface ModerationOutbox {
  forwardReport(tx: DatabaseLike, report: Report): Promise<boolean>;
  /** A hidden announcement, event or resource: Delete to those who had it (its `hidden_at` is already set). */
  itemWithdrawn(tx: DatabaseLike, kind: string, id: string): Promise<void>;
  /** Shown again: Create, as when first published. */
  itemRestored(tx: DatabaseLike, kind: string, id: string): Promise<void>;
}
export const noModerationOutbox: ModerationOutbox = { forwardReport: async () => false, itemWithdrawn: async () => {}, itemRestored: async () => {} };

/** The people who handle a network's queue (animators and pilots), or the instance admins. */
export async function moderatorsOf(db: DatabaseLike, networkId: string | null): Promise<string[]> {
  const rows = networkId
    ? await db
        .select({ id: membershipTable.memberId })
        .from(membershipTable)
        .where(and(eq(membershipTable.networkId, networkId), inArray(membershipTable.role, ["animator", "pilot"])))
    : await db.select({ id: memberTable.id }).from(memberTable).where(eq(memberTable.isAdmin, true));
  return rows.map((r) => r.id);
}

export async function queuePath(db: DatabaseLike, networkId: string | null): Promise<string> {
  if (!networkId) return "/admin/moderation";
  const [n] = await db.select({ slug: networkTable.slug }).from(networkTable).where(eq(networkTable.id, networkId)).limit(1);
  return `/n/${n.slug}/moderation`;
}

/** Tells the moderators in the app; the notification names no reporter. */
export async function announceReport(db: DatabaseLike, report: Report): Promise<void> {
  await notify(db, await moderatorsOf(db, report.networkId), {
    kind: "moderation.report",
    subject: { type: "report", id: report.id, title: report.snapshot.title, path: await queuePath(db, report.networkId) },
    fromName: report.fromHost ?? "",
  });
}

export function checkReportInput(input: ReportInput): Result<{ comment: string }> {
  if (!(reportSubjects as readonly string[]).includes(input.subjectType)) return fail("invalid", "unknown_subject_type", "Unknown kind of item", "subjectType");
  if (!(reportReasons as readonly string[]).includes(input.reason)) return fail("invalid", "unknown_reason", `The reason is one of ${reportReasons.join(", ")}`, "reason");
  const comment = (input.comment ?? "").trim();
  if (comment.length > MAX_COMMENT) return fail("invalid", "comment_too_long", `At most ${MAX_COMMENT} characters`, "comment");
  if (!input.subjectId?.trim()) return fail("invalid", "report_subject_missing", "Say what you report", "subjectId");
  return ok({ comment });
}

/**
 * Files a report, or returns the one the reporter already made about this
 * item (`created` false). Something the reporter cannot see is 404.
 */
export async function fileReport(
  db: DatabaseLike,
  reporter: Member,
  input: ReportInput,
  origin: string,
  outbox: ModerationOutbox = noModerationOutbox,
): Promise<Result<{ report: MyReportView; created: boolean }>> {
  const checked = checkReportInput(input);
  if (!checked.ok) return checked;
  const subjectId = input.subjectId.trim();
  return transact<{ report: MyReportView; created: boolean }>(db, async (tx) => {
    const subject = await findSubject(tx, origin, reporter, input.subjectType, subjectId, input.network);
    if (!subject.ok) return subject;
    const [existing] = await tx
      .select()
      .from(reportTable)
      .where(and(eq(reportTable.reporterId, reporter.id), eq(reportTable.subjectType, input.subjectType), eq(reportTable.subjectId, subjectId)))
      .limit(1);
    if (existing) return ok({ report: myReportView(existing), created: false });
    const remote = subject.value.targetActorId !== null;
    const [report] = await tx
      .insert(reportTable)
      .values({
        networkId: subject.value.networkId,
        reporterId: reporter.id,
        subjectType: input.subjectType,
        subjectId,
        targetMemberId: subject.value.targetMemberId,
        targetActorId: subject.value.targetActorId,
        reason: input.reason,
        comment: checked.value.comment,
        snapshot: subject.value.snapshot,
        forward: remote && input.forward === true,
      })
      .returning();
    let saved = report;
    if (saved.forward && (await outbox.forwardReport(tx, saved))) {
      [saved] = await tx.update(reportTable).set({ forwardedAt: new Date() }).where(eq(reportTable.id, saved.id)).returning();
    }
    await announceReport(tx, saved);
    return ok({ report: myReportView(saved), created: true });
  });
}

/** The reports a member made, newest first. */
export async function myReports(db: DatabaseLike, member: Member): Promise<MyReportView[]> {
  const rows = await db.select().from(reportTable).where(eq(reportTable.reporterId, member.id)).orderBy(desc(reportTable.createdAt)).limit(200);
  return rows.map(myReportView);
}

/** For the data export: the reports a member made, and none about them (those would name their reporter). */
export const reportsExportOf = myReports;

/** Reports about the same person (member or remote account), older first excluded: the queue shows them beside a report. */
export async function earlierReports(db: DatabaseLike, report: Report) {
  const about = [
    report.targetMemberId ? eq(reportTable.targetMemberId, report.targetMemberId) : undefined,
    report.targetActorId ? eq(reportTable.targetActorId, report.targetActorId) : undefined,
  ].filter((x) => x !== undefined);
  if (about.length === 0) return [];
  const rows = await db
    .select()
    .from(reportTable)
    .where(and(or(...about), report.networkId ? eq(reportTable.networkId, report.networkId) : undefined))
    .orderBy(desc(reportTable.createdAt))
    .limit(21);
  return rows
    .filter((r) => r.id !== report.id)
    .slice(0, 20)
    .map((r) => ({ id: r.id, reason: r.reason, status: r.status, title: r.snapshot.title, createdAt: r.createdAt }));
}
