// A member's email data, for their export: choices, emails sent to them
// (their trace, never the one-time links), and tokens (without their hashes).
import { eq } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { emailTokenTable, mailOutboxTable, mailPreferenceTable, mailSettingsTable, type Member } from "../../../db/schema/index.ts";

export async function mailExportOf(db: DatabaseLike, member: Member) {
  const preferences = await db.select({ category: mailPreferenceTable.category, mode: mailPreferenceTable.mode, updatedAt: mailPreferenceTable.updatedAt }).from(mailPreferenceTable).where(eq(mailPreferenceTable.memberId, member.id));
  const [settings] = await db.select().from(mailSettingsTable).where(eq(mailSettingsTable.memberId, member.id));
  const emails = await db
    .select({ template: mailOutboxTable.template, to: mailOutboxTable.toAddress, status: mailOutboxTable.status, createdAt: mailOutboxTable.createdAt, sentAt: mailOutboxTable.sentAt, lastError: mailOutboxTable.lastError })
    .from(mailOutboxTable)
    .where(eq(mailOutboxTable.memberId, member.id));
  const tokens = await db
    .select({ purpose: emailTokenTable.purpose, email: emailTokenTable.email, createdAt: emailTokenTable.createdAt, expiresAt: emailTokenTable.expiresAt, usedAt: emailTokenTable.usedAt })
    .from(emailTokenTable)
    .where(eq(emailTokenTable.memberId, member.id));
  return {
    preferences,
    viaSponsor: settings?.viaSponsor ?? false,
    digests: { dailyUntil: settings?.dailyDigestUntil ?? null, weeklyUntil: settings?.weeklyDigestUntil ?? null },
    emails,
    tokens,
  };
}
