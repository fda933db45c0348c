// A sent issue published as an announcement in the network's name: made the
// normal way (postAnnouncement), so a public one federates through the
// announcement outbox like any other and a `network` one never leaves the
// instance. Once per issue: the issue keeps the announcement's id.
import { eq } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { newsletterIssueTable, type Member } from "../../../db/schema/index.ts";
import { MAX_CONTENT, postAnnouncement, type Publishing } from "../announcements.ts";
import type { AnnouncementView } from "../announcement-views.ts";
import { recordAct, selfActor } from "../acts.ts";
import { markdownText } from "../markdown.ts";
import { fail, ok, transact, type Result } from "../result.ts";
import { issueOf } from "./issues.ts";

export type AnnouncedVisibility = "network" | "public";

/**
 * Announcements are plain text: the subject, then the issue as text. One
 * longer than an announcement may be is cut, ending with the link to its
 * archived issue.
 */
export function announcementText(subject: string, body: string, issueUrl: string): string {
  const full = `${subject}\n\n${markdownText(body)}`.trim();
  if (full.length <= MAX_CONTENT) return full;
  const tail = `…\n\n${issueUrl}`;
  return full.slice(0, MAX_CONTENT - tail.length).trimEnd() + tail;
}

export async function publishIssue(
  db: DatabaseLike,
  by: Member,
  slug: string,
  id: string,
  visibility: AnnouncedVisibility | undefined,
  publishing: Publishing,
): Promise<Result<AnnouncementView>> {
  return transact(db, async (tx) => {
    // Locks the issue: two clicks at once publish one announcement.
    const found = await issueOf(tx, slug, id, by, true);
    if (!found.ok) return found;
    const { issue } = found.value;
    if (issue.status !== "sent") return fail("conflict", "newsletter_not_sent", "Send the newsletter before publishing it", "status");
    if (issue.announcementId) return fail("conflict", "newsletter_announced", "This newsletter is already an announcement", "announcement");
    const url = `${publishing.origin}/n/${slug}/newsletters/${issue.id}`;
    const posted = await postAnnouncement(
      tx,
      selfActor(by),
      slug,
      { content: announcementText(issue.subject, issue.body, url), visibility: visibility ?? (issue.visibility === "public" ? "public" : "network"), asNetwork: true },
      publishing,
    );
    if (!posted.ok) return posted;
    await tx.update(newsletterIssueTable).set({ announcementId: posted.value.id }).where(eq(newsletterIssueTable.id, issue.id));
    await recordAct(tx, selfActor(by), "newsletter.announce", { id: issue.id, announcement: posted.value.id }, found.value.network.id);
    return ok(posted.value);
  });
}
