// The newsletter: animators write an issue, preview it, send a test to
// themselves, then send it to every member with an address who did not opt
// out. Sending is one statement that enqueues a row per recipient; the worker
// sends them at the configured rate. An issue is sent once.
import { and, desc, eq, sql } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { mailOutboxTable, mailPreferenceTable, membershipTable, memberTable, newsletterIssueTable, sponsorshipTable, type Member, type NewsletterIssue } from "../../../db/schema/index.ts";
import { recordAct, selfActor } from "../acts.ts";
import { renderMarkdown, markdownText } from "../markdown.ts";
import { enqueueMail, recipientAddressOf, wakeMailWorker } from "../mail/outbox.ts";
import { fail, ok, transact, type Result } from "../result.ts";
import { requireRole, roleIn } from "../roles.ts";
import { findNetwork } from "../roles.ts";

export interface IssueInput {
  subject?: string;
  body?: string;
  visibility?: "members" | "public";
}

export const issueView = (i: NewsletterIssue, slug: string) => ({
  id: i.id,
  network: slug,
  subject: i.subject,
  body: i.body,
  visibility: i.visibility,
  status: i.status,
  recipientCount: i.recipientCount,
  sentAt: i.sentAt?.toISOString() ?? null,
  /** The announcement it was published as, if any. */
  announcementId: i.announcementId,
  createdAt: i.createdAt.toISOString(),
  html: renderMarkdown(i.body),
});
export type IssueView = ReturnType<typeof issueView>;

const noSubject = () => fail("invalid", "subject_required", "The newsletter needs a subject", "subject");

export async function createIssue(db: DatabaseLike, by: Member, slug: string, input: IssueInput): Promise<Result<IssueView>> {
  return transact(db, async (tx) => {
    const allowed = await requireRole(tx, slug, by, "animator");
    if (!allowed.ok) return allowed;
    if (!input.subject?.trim()) return noSubject();
    const [issue] = await tx
      .insert(newsletterIssueTable)
      .values({ networkId: allowed.value.network.id, authorId: by.id, subject: input.subject.trim(), body: input.body ?? "", visibility: input.visibility ?? "members" })
      .returning();
    await recordAct(tx, selfActor(by), "newsletter.create", { id: issue.id }, allowed.value.network.id);
    return ok(issueView(issue, slug));
  });
}

export async function issueOf(tx: DatabaseLike, slug: string, id: string, by: Member, lock = false) {
  const allowed = await requireRole(tx, slug, by, "animator");
  if (!allowed.ok) return allowed;
  const query = tx.select().from(newsletterIssueTable).where(and(eq(newsletterIssueTable.id, id), eq(newsletterIssueTable.networkId, allowed.value.network.id)));
  const [issue] = lock ? await query.for("update") : await query;
  if (!issue) return fail("not_found", "newsletter_not_found", "No such newsletter in this network", "id");
  return ok({ issue, network: allowed.value.network });
}

export async function updateIssue(db: DatabaseLike, by: Member, slug: string, id: string, input: IssueInput): Promise<Result<IssueView>> {
  return transact(db, async (tx) => {
    const found = await issueOf(tx, slug, id, by, true);
    if (!found.ok) return found;
    if (input.subject !== undefined && !input.subject.trim()) return noSubject();
    // Once sent, only where it is archived may change.
    if (found.value.issue.status === "sent" && (input.subject !== undefined || input.body !== undefined)) {
      return fail("conflict", "newsletter_sent", "This newsletter was already sent", "status");
    }
    const [issue] = await tx
      .update(newsletterIssueTable)
      .set({ ...input, subject: input.subject?.trim(), updatedAt: new Date() })
      .where(eq(newsletterIssueTable.id, id))
      .returning();
    return ok(issueView(issue, slug));
  });
}

/** Animators see every issue; members the sent ones; visitors the sent public ones. */
export async function listIssues(db: DatabaseLike, viewer: Member | null, slug: string): Promise<Result<{ issues: IssueView[]; canWrite: boolean }>> {
  const found = await findNetwork(db, slug);
  if (!found.ok) return found;
  const network = found.value;
  const role = viewer ? (viewer.isAdmin ? "pilot" : await roleIn(db, network.id, viewer.id)) : null;
  const canWrite = role === "animator" || role === "pilot";
  const rows = await db.select().from(newsletterIssueTable).where(eq(newsletterIssueTable.networkId, network.id)).orderBy(desc(newsletterIssueTable.createdAt)).limit(100);
  const visible = rows.filter((i) => canWrite || (i.status === "sent" && (role !== null || i.visibility === "public")));
  return ok({ issues: visible.map((i) => issueView(i, slug)), canWrite });
}

export async function getIssue(db: DatabaseLike, viewer: Member | null, slug: string, id: string): Promise<Result<IssueView>> {
  const found = await getIssueFor(db, viewer, slug, id);
  return found.ok ? ok(found.value.issue) : found;
}

/** The issue and whether the viewer may act on it (animators). */
export async function getIssueFor(db: DatabaseLike, viewer: Member | null, slug: string, id: string): Promise<Result<{ issue: IssueView; canWrite: boolean }>> {
  const listed = await listIssues(db, viewer, slug);
  if (!listed.ok) return listed;
  const issue = listed.value.issues.find((i) => i.id === id);
  return issue ? ok({ issue, canWrite: listed.value.canWrite }) : fail("not_found", "newsletter_not_found", "No such newsletter in this network", "id");
}

/** A test to the animator's own address (as it will look, their unsubscribe link included). */
export async function sendTest(db: DatabaseLike, by: Member, slug: string, id: string): Promise<Result<{ to: string }>> {
  return transact(db, async (tx) => {
    const found = await issueOf(tx, slug, id, by);
    if (!found.ok) return found;
    if (!by.email) return fail("invalid", "email_required", "Add and confirm your own email address first", "email");
    await enqueueMail(tx, [{ memberId: by.id, to: by.email, template: "newsletter", params: { issue: id, network: slug, test: true } }]);
    return ok({ to: by.email });
  });
}

/**
 * Enqueues the issue for every member with an address who did not opt out,
 * in one INSERT … SELECT, and marks it sent: all or nothing. A second send (or
 * one racing this) finds it sent and is refused.
 */
export async function sendIssue(db: DatabaseLike, by: Member, slug: string, id: string): Promise<Result<IssueView>> {
  return transact(db, async (tx) => {
    const found = await issueOf(tx, slug, id, by, true);
    if (!found.ok) return found;
    const { issue, network } = found.value;
    if (issue.status === "sent") return fail("conflict", "newsletter_sent", "This newsletter was already sent", "status");
    if (!issue.subject.trim()) return noSubject();
    const params = sql`jsonb_build_object('issue', ${issue.id}::text, 'network', ${slug}::text)`;
    const optedOut = sql`exists (select 1 from ${mailPreferenceTable} p where p.member_id = ${memberTable.id} and p.category = 'newsletter' and p.mode = 'none')`;
    // One email per address: a neighbour who has their emails sent to their
    // sponsor gets it there, and a sponsor (of several, or a member too) gets
    // it once, as themselves when they are a recipient.
    const inserted = await tx.execute(sql`
      insert into ${mailOutboxTable} (member_id, to_address, template, params)
      select distinct on (r.address) r.member_id, r.address, 'newsletter', ${params}
      from (
        select ${memberTable.id} as member_id, ${recipientAddressOf(sql`${memberTable.id}`)} as address, ${memberTable.email} as own
        from ${membershipTable} join ${memberTable} on ${memberTable.id} = ${membershipTable.memberId}
        where ${membershipTable.networkId} = ${network.id} and not ${optedOut}
      ) r
      where r.address is not null
      order by r.address, (r.own is not distinct from r.address) desc, r.member_id
      returning 1`);
    const recipientCount = Array.isArray(inserted) ? inserted.length : ((inserted as { rows?: unknown[] }).rows?.length ?? 0);
    await wakeMailWorker(tx);
    const [sent] = await tx
      .update(newsletterIssueTable)
      .set({ status: "sent", sentAt: new Date(), recipientCount })
      .where(eq(newsletterIssueTable.id, issue.id))
      .returning();
    await recordAct(tx, selfActor(by), "newsletter.send", { id: issue.id, recipients: recipientCount }, network.id);
    return ok(issueView(sent, slug));
  });
}

/** For the printed version: members without an address, grouped by their sponsor. */
export async function printList(db: DatabaseLike, by: Member, slug: string): Promise<Result<{ sponsor: string | null; members: string[] }[]>> {
  const allowed = await requireRole(db, slug, by, "animator");
  if (!allowed.ok) return allowed;
  const sponsor = sql<string | null>`(select s.display_name from ${sponsorshipTable} sp join ${memberTable} s on s.id = sp.sponsor_id where sp.sponsored_id = ${memberTable.id} order by sp.created_at limit 1)`;
  const rows = await db
    .select({ name: memberTable.displayName, sponsor })
    .from(membershipTable)
    .innerJoin(memberTable, eq(memberTable.id, membershipTable.memberId))
    .where(and(eq(membershipTable.networkId, allowed.value.network.id), sql`${memberTable.email} is null`))
    .orderBy(memberTable.displayName);
  const groups = new Map<string | null, string[]>();
  for (const r of rows) groups.set(r.sponsor, [...(groups.get(r.sponsor) ?? []), r.name]);
  return ok([...groups].map(([s, members]) => ({ sponsor: s, members })));
}

/** What the worker needs to render an issue for one recipient. */
export async function issueForMail(db: DatabaseLike, id: string) {
  const [issue] = await db.select().from(newsletterIssueTable).where(eq(newsletterIssueTable.id, id));
  return issue ? { subject: issue.subject, html: renderMarkdown(issue.body), text: markdownText(issue.body) } : undefined;
}
