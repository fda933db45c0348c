// Enqueueing emails: a row in mail_outbox, written in the caller's transaction
// (so a rolled-back cause sends nothing), sent later by the worker (worker.ts).
import { eq, sql, type SQL } from "drizzle-orm";
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
/** NOTIFY channel: wakes the mail worker (delivered at the commit of the caller's transaction). */
export const MAIL_CHANNEL = "mail_outbox";

export async function enqueueMail(db: DatabaseLike, mails: MailInput[]): Promise<void> {
  const rows = mails.map((m) => ({ memberId: m.memberId, toAddress: m.to, template: m.template, params: m.params ?? {} }));
  if (rows.length === 0) return;
  for (let i = 0; i < rows.length; i += CHUNK) await db.insert(mailOutboxTable).values(rows.slice(i, i + CHUNK));
  await wakeMailWorker(db);
}

/** After any write to mail_outbox (a bulk INSERT … SELECT too): the worker sleeps until told. */
export async function wakeMailWorker(db: DatabaseLike): Promise<void> {
  await db.execute(sql`select pg_notify(${MAIL_CHANNEL}, '')`);
}

/**
 * Where a member's emails go: their own (confirmed) address, or, when they
 * asked for it (a sponsored neighbour without email), their first sponsor's
 * with an address. As SQL on a member id, so a bulk send (the newsletter)
 * routes exactly as one email does. Every table inside is aliased: `id` may
 * be an outer query's column.
 */
export const recipientAddressOf = (id: SQL) => sql<string | null>`coalesce(
  case when (select ms.via_sponsor from ${mailSettingsTable} ms where ms.member_id = ${id}) then
    (select s.email from ${sponsorshipTable} sp join ${memberTable} s on s.id = sp.sponsor_id
      where sp.sponsored_id = ${id} and s.email is not null order by sp.created_at limit 1)
  end,
  (select m.email from ${memberTable} m where m.id = ${id}))`;

export async function addressOf(db: DatabaseLike, memberId: string): Promise<string | undefined> {
  const [row] = await db.select({ address: recipientAddressOf(sql`${memberId}::uuid`) }).from(memberTable).where(eq(memberTable.id, memberId));
  return row?.address ?? undefined;
}
