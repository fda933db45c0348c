// How each member hears about each kind of notification: at once, in a daily
// or weekly digest, or not by email. Absent a choice, the defaults: at once
// for what is said to me about my offers, weekly for the rest.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { mailCategories, mailPreferenceTable, mailSettingsTable, memberTable, type MailCategory, type MailMode } from "../../../db/schema/index.ts";
import { recordAct, type Actor } from "../acts.ts";
import { ok, transact, type Result } from "../result.ts";
import { addressOf, enqueueMail } from "./outbox.ts";
import { categoryOf } from "./templates.ts";
import type { UnsubscribeScope } from "./unsubscribe.ts";

export const defaultModes: Record<MailCategory, MailMode> = {
  offers: "immediate",
  events: "weekly",
  bookings: "weekly",
  tasks: "weekly",
  // The newsletter is its own email: any mode but "none" receives it.
  newsletter: "immediate",
  // New reports for the animators, decisions about one's own posts: at once.
  moderation: "immediate",
};

export type MailPreferences = Record<MailCategory, MailMode> & { viaSponsor: boolean };

export async function preferencesOf(db: DatabaseLike, memberId: string): Promise<MailPreferences> {
  const rows = await db.select().from(mailPreferenceTable).where(eq(mailPreferenceTable.memberId, memberId));
  const [settings] = await db.select().from(mailSettingsTable).where(eq(mailSettingsTable.memberId, memberId));
  const modes = { ...defaultModes };
  for (const r of rows) modes[r.category] = r.mode;
  return { ...modes, viaSponsor: settings?.viaSponsor ?? false };
}

export async function setPreferences(db: DatabaseLike, actor: Actor, changes: Partial<MailPreferences>): Promise<Result<MailPreferences>> {
  return transact(db, async (tx) => {
    const memberId = actor.member.id;
    for (const category of mailCategories) {
      const mode = changes[category];
      if (!mode) continue;
      await tx
        .insert(mailPreferenceTable)
        .values({ memberId, category, mode })
        .onConflictDoUpdate({ target: [mailPreferenceTable.memberId, mailPreferenceTable.category], set: { mode, updatedAt: new Date() } });
    }
    if (changes.viaSponsor !== undefined) {
      await tx.insert(mailSettingsTable).values({ memberId, viaSponsor: changes.viaSponsor }).onConflictDoUpdate({ target: mailSettingsTable.memberId, set: { viaSponsor: changes.viaSponsor } });
    }
    await recordAct(tx, actor, "mail.preferences", { ...changes });
    return ok(await preferencesOf(tx, memberId));
  });
}

/** The one-click unsubscribe: that category (or every one) to "none". */
export async function unsubscribe(db: DatabaseLike, memberId: string, scope: UnsubscribeScope): Promise<void> {
  const [member] = await db.select({ id: memberTable.id }).from(memberTable).where(eq(memberTable.id, memberId));
  if (!member) return;
  const categories = scope === "all" ? mailCategories : [scope];
  await db
    .insert(mailPreferenceTable)
    .values(categories.map((category) => ({ memberId, category, mode: "none" as const })))
    .onConflictDoUpdate({ target: [mailPreferenceTable.memberId, mailPreferenceTable.category], set: { mode: "none", updatedAt: new Date() } });
}

/**
 * Called by notify(), in the transaction of what happened: who wants this
 * kind at once gets an email now (digests pick the rest up later).
 */
export async function mailNotification(
  db: DatabaseLike,
  memberIds: string[],
  item: { kind: string; title: string; path: string; from: string },
): Promise<void> {
  if (memberIds.length === 0) return;
  const category = categoryOf(item.kind);
  const chosen = await db
    .select({ memberId: mailPreferenceTable.memberId, mode: mailPreferenceTable.mode })
    .from(mailPreferenceTable)
    .where(and(inArray(mailPreferenceTable.memberId, memberIds), eq(mailPreferenceTable.category, category)));
  const modeOf = new Map(chosen.map((c) => [c.memberId, c.mode]));
  const now = memberIds.filter((id) => (modeOf.get(id) ?? defaultModes[category]) === "immediate");
  const mails = [];
  for (const memberId of now) {
    const to = await addressOf(db, memberId);
    if (to) mails.push({ memberId, to, template: "notification", params: { ...item } });
  }
  await enqueueMail(db, mails);
}

export const modeSql = (category: MailCategory) =>
  sql`coalesce((select ${mailPreferenceTable.mode} from ${mailPreferenceTable} where ${mailPreferenceTable.memberId} = ${memberTable.id} and ${mailPreferenceTable.category} = ${category}), ${defaultModes[category]})`;
