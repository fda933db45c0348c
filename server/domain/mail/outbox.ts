// Enqueueing emails: a row in mail_outbox, written in the caller's transaction
// (so a rolled-back cause sends nothing), sent later by the worker (worker.ts).
import { and, eq } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { mailOutboxTable, mailSettingsTable, memberTable, sponsorshipTable } from "../../../db/schema/index.ts";

export interface MailInput {
  /** Whom the email is about: its language and unsubscribe link come from them. */
  memberId: string | null;
  to: string;
  template: string;
  params?: Record<string, unknown>;
}

const CHUNK = 1_000;

export async function enqueueMail(db: DatabaseLike, mails: MailInput[]): Promise<void> {
  const rows = mails.map((m) => ({ memberId: m.memberId, toAddress: m.to, template: m.template, params: m.params ?? {} }));
  for (let i = 0; i < rows.length; i += CHUNK) await db.insert(mailOutboxTable).values(rows.slice(i, i + CHUNK));
}

/**
 * Where a member's emails go: their own (confirmed) address, or, when they
 * asked for it (a sponsored neighbour without email), their sponsor's.
 */
export async function addressOf(db: DatabaseLike, memberId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ email: memberTable.email, viaSponsor: mailSettingsTable.viaSponsor })
    .from(memberTable)
    .leftJoin(mailSettingsTable, eq(mailSettingsTable.memberId, memberTable.id))
    .where(eq(memberTable.id, memberId));
  if (!row) return undefined;
  if (row.viaSponsor) {
    const [sponsor] = await db
      .select({ email: memberTable.email })
      .from(sponsorshipTable)
      .innerJoin(memberTable, eq(memberTable.id, sponsorshipTable.sponsorId))
      .where(and(eq(sponsorshipTable.sponsoredId, memberId)))
      .orderBy(sponsorshipTable.createdAt)
      .limit(1);
    if (sponsor?.email) return sponsor.email;
  }
  return row.email ?? undefined;
}
