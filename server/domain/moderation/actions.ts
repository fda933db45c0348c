// What the animators do about a report: dismiss it; hide the item; warn the
// member privately; suspend them from the network for a while; remove them
// from it; for a remote account: block it (or its whole server) for the
// network, ask the admin to block its server, or forward the report there.
// Each action is one transaction, written to the moderation log (who, when,
// what, why), and closes the report; the reporter learns only its outcome.
import { and, eq } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import {
  memberTable,
  membershipTable,
  moderationLogTable,
  networkBlockTable,
  networkTable,
  reportTable,
  suspensionTable,
  type Member,
  type ModerationAction,
  type Report,
} from "../../../db/schema/index.ts";
import { notify } from "../notifications.ts";
import type { OfferPublishing } from "../offers/offers.ts";
import { fail, ok, transact, type Result } from "../result.ts";
import { roleIn } from "../roles.ts";
import { hideItem, requestReview, unhideItem } from "./hiding.ts";
import { moderatorOf, type ModerationScope } from "./queue.ts";
import { withdrawPostsOf } from "./withdrawal.ts";
import { moderatorsOf, type ModerationOutbox } from "./reports.ts";

export const MAX_ACTION_REASON = 2000;
/** The actions on a report (the others are the log's own entries). */
export const reportActions = ["dismiss", "hide", "warn", "suspend", "remove", "block_remote", "request_domain_block", "forward"] as const;
export type ReportAction = (typeof reportActions)[number];

export interface ActionInput {
  action: ReportAction;
  /** Why: shown to the member for hide, warn, suspend and remove; kept in the log. */
  reason?: string;
  /** suspend: until when (in the future). */
  until?: string;
  /** block_remote: the account only, or its whole server. */
  scope?: "account" | "server";
  /** suspend: also withdraw their posts (here and elsewhere) until the suspension ends. */
  withdraw?: boolean;
}

export interface ModerationPorts {
  offers: OfferPublishing;
  outbox: ModerationOutbox;
}

async function log(
  tx: DatabaseLike,
  scope: ModerationScope,
  action: ModerationAction,
  entry: { report?: Report; subjectType: string; subjectId: string; targetName?: string; reason?: string; until?: Date },
) {
  await tx.insert(moderationLogTable).values({
    networkId: scope.network?.id ?? null,
    moderatorId: scope.moderator.id,
    moderatorName: scope.moderator.displayName,
    reportId: entry.report?.id ?? null,
    action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    targetName: entry.targetName ?? entry.report?.snapshot.author ?? "",
    reason: entry.reason ?? "",
    until: entry.until ?? null,
  });
}

const needsReason: ReportAction[] = ["hide", "warn", "suspend", "remove"];

function checkInput(input: ActionInput): Result<{ reason: string; until: Date | null }> {
  if (!(reportActions as readonly string[]).includes(input.action)) return fail("invalid", "unknown_action", `The action is one of ${reportActions.join(", ")}`, "action");
  const reason = (input.reason ?? "").trim();
  if (reason.length > MAX_ACTION_REASON) return fail("invalid", "reason_too_long", `At most ${MAX_ACTION_REASON} characters`, "reason");
  if (needsReason.includes(input.action) && reason === "") return fail("invalid", "reason_missing", "Say why: the member will read it", "reason");
  let until: Date | null = null;
  if (input.action === "suspend") {
    if (!input.until || Number.isNaN(Date.parse(input.until))) return fail("invalid", "invalid_until", "Give the end of the suspension as a date", "until");
    until = new Date(input.until);
    if (until.getTime() <= Date.now()) return fail("invalid", "until_in_past", "The end of the suspension must be in the future", "until");
  }
  return ok({ reason, until });
}

/** One action on one report of the moderator's queue. */
export async function actOnReport(
  db: DatabaseLike,
  member: Member,
  slug: string | null,
  reportId: string,
  input: ActionInput,
  ports: ModerationPorts,
): Promise<Result<{ report: Report }>> {
  const checked = checkInput(input);
  if (!checked.ok) return checked;
  const { reason, until } = checked.value;
  return transact(db, async (tx) => {
    const scope = await moderatorOf(tx, member, slug);
    if (!scope.ok) return scope;
    const s = scope.value;
    const [report] = /^[0-9a-f-]{36}$/i.test(reportId)
      ? await tx.select().from(reportTable).where(eq(reportTable.id, reportId)).limit(1)
      : [];
    if (!report || (report.networkId ?? null) !== (s.network?.id ?? null)) return fail("not_found", "report_not_found", "No such report in this queue");
    const target = report.targetMemberId ? (await tx.select().from(memberTable).where(eq(memberTable.id, report.targetMemberId)).limit(1))[0] : undefined;
    const entry: { report: Report; subjectType: string; subjectId: string; reason: string } = { report, subjectType: report.subjectType, subjectId: report.subjectId, reason };
    const memberNeeded = () => fail("invalid", "no_local_member", "This report is not about one of our members", "action");
    const remoteNeeded = () => fail("invalid", "no_remote_account", "This report is not about an account from another server", "action");
    const networkNeeded = () => fail("invalid", "network_required", "Only a network's animators do this", "action");

    switch (input.action) {
      case "dismiss":
        break;
      case "hide": {
        const hidden = await hideItem(tx, s.network?.id ?? null, report.subjectType, report.subjectId, reason, ports);
        if (!hidden.ok) return hidden;
        break;
      }
      case "warn":
        if (!target) return memberNeeded();
        // The warning's words are the notification: only the member reads them.
        await notify(tx, [target.id], { kind: "moderation.warning", subject: { type: "warning", id: report.id, title: reason, path: "/me/notifications" }, fromName: s.network?.name ?? "" });
        break;
      case "suspend": {
        if (!target) return memberNeeded();
        if (!s.network) return networkNeeded();
        await tx
          .insert(suspensionTable)
          .values({ networkId: s.network.id, memberId: target.id, until: until!, reason })
          .onConflictDoUpdate({ target: [suspensionTable.networkId, suspensionTable.memberId], set: { until: until!, reason, createdAt: new Date() } });
        if (input.withdraw) {
          const withdrawn = await withdrawPostsOf(tx, s.network.id, target.id, reason, "suspension", ports);
          if (!withdrawn.ok) return withdrawn;
        }
        await notify(tx, [target.id], { kind: "moderation.suspended", subject: { type: "network", id: s.network.id, title: reason, path: `/n/${s.network.slug}` }, fromName: until!.toISOString() });
        break;
      }
      case "remove": {
        if (!target) return memberNeeded();
        if (!s.network) return networkNeeded();
        const theirs = await roleIn(tx, s.network.id, target.id);
        const mine = s.moderator.isAdmin ? "pilot" : await roleIn(tx, s.network.id, s.moderator.id);
        if (theirs && theirs !== "member" && mine !== "pilot") return fail("forbidden", "cannot_remove_animator", "Only a pilot removes an animator or a pilot");
        // What they posted leaves with them (here, and Delete elsewhere).
        const withdrawn = await withdrawPostsOf(tx, s.network.id, target.id, reason, "removal", ports);
        if (!withdrawn.ok) return withdrawn;
        await tx.delete(membershipTable).where(and(eq(membershipTable.networkId, s.network.id), eq(membershipTable.memberId, target.id)));
        await tx.delete(suspensionTable).where(and(eq(suspensionTable.networkId, s.network.id), eq(suspensionTable.memberId, target.id)));
        await notify(tx, [target.id], { kind: "moderation.removed", subject: { type: "network", id: s.network.id, title: reason, path: "/" }, fromName: s.network.name });
        break;
      }
      case "block_remote": {
        if (!report.targetActorId) return remoteNeeded();
        if (!s.network) return networkNeeded();
        const server = input.scope === "server";
        const blocked = server ? new URL(report.targetActorId).host : report.targetActorId;
        await tx.insert(networkBlockTable).values({ networkId: s.network.id, target: blocked, kind: server ? "host" : "actor", reason }).onConflictDoNothing();
        entry.subjectType = server ? "host" : "remote_actor";
        entry.subjectId = blocked;
        break;
      }
      case "request_domain_block": {
        if (!report.targetActorId) return remoteNeeded();
        const host = new URL(report.targetActorId).host;
        await notify(tx, await moderatorsOf(tx, null), {
          kind: "moderation.domain_block_requested",
          subject: { type: "host", id: host, title: host, path: "/admin/federation" },
          fromName: s.network?.name ?? "",
        });
        break;
      }
      case "forward": {
        if (!report.targetActorId) return remoteNeeded();
        if (report.forwardedAt) return fail("conflict", "already_forwarded", "This report was already forwarded");
        if (!(await ports.outbox.forwardReport(tx, report))) return fail("conflict", "cannot_forward", "This server cannot be reached from here");
        await tx.update(reportTable).set({ forwardedAt: new Date() }).where(eq(reportTable.id, report.id));
        break;
      }
    }
    await log(tx, s, input.action, { ...entry, until: until ?? undefined });
    // Forwarding keeps the report open: the animators may still act here.
    if (input.action === "forward") {
      const [same] = await tx.select().from(reportTable).where(eq(reportTable.id, report.id));
      return ok({ report: same });
    }
    const status = input.action === "dismiss" ? "dismissed" : "resolved";
    const [closed] = await tx.update(reportTable).set({ status, resolvedAt: new Date() }).where(eq(reportTable.id, report.id)).returning();
    // Every open report on the same item closes with it, and each reporter learns the outcome.
    const others = await tx
      .update(reportTable)
      .set({ status, resolvedAt: new Date() })
      .where(and(eq(reportTable.subjectType, report.subjectType), eq(reportTable.subjectId, report.subjectId), eq(reportTable.status, "open")))
      .returning();
    for (const r of [closed, ...others]) {
      if (r.reporterId) {
        await notify(tx, [r.reporterId], { kind: `moderation.${status}`, subject: { type: "report", id: r.id, title: r.snapshot.title, path: "/me/reports" } });
      }
    }
    return ok({ report: closed });
  });
}

/** Animators show a hidden item again (after a review, or a mistake). */
export async function unhide(db: DatabaseLike, member: Member, slug: string, subjectType: string, subjectId: string, reason: string, ports: ModerationPorts): Promise<Result<null>> {
  return transact(db, async (tx) => {
    const scope = await moderatorOf(tx, member, slug);
    if (!scope.ok) return scope;
    const shown = await unhideItem(tx, scope.value.network!.id, subjectType, subjectId, ports);
    if (!shown.ok) return shown;
    await log(tx, scope.value, shown.value.held ? "approve" : "unhide", { subjectType, subjectId, targetName: shown.value.title, reason });
    return ok(null);
  });
}

export const MAX_REVIEW_NOTE = 2000;

/** The author of a hidden item asks the animators to look again; they are told, and the log keeps it. */
export async function askForReview(db: DatabaseLike, author: Member, subjectType: string, subjectId: string, note: string): Promise<Result<{ reviewRequestedAt: Date }>> {
  const text = note.trim();
  if (text.length > MAX_REVIEW_NOTE) return fail("invalid", "note_too_long", `At most ${MAX_REVIEW_NOTE} characters`, "note");
  return transact(db, async (tx) => {
    const asked = await requestReview(tx, author, subjectType, subjectId, text);
    if (!asked.ok) return asked;
    const hidden = asked.value;
    await tx.insert(moderationLogTable).values({
      networkId: hidden.networkId,
      moderatorId: author.id,
      moderatorName: author.displayName,
      action: "review_requested",
      subjectType,
      subjectId,
      targetName: author.displayName,
      reason: text,
    });
    const [network] = hidden.networkId ? await tx.select().from(networkTable).where(eq(networkTable.id, hidden.networkId)).limit(1) : [];
    await notify(tx, await moderatorsOf(tx, hidden.networkId), {
      kind: "moderation.review_requested",
      subject: { type: subjectType, id: subjectId, title: hidden.reason, path: network ? `/n/${network.slug}/moderation` : "/admin/moderation" },
      fromName: author.displayName,
    });
    return ok({ reviewRequestedAt: hidden.reviewRequestedAt! });
  });
}
