// A member's email address: a new one is used only once its owner has clicked
// the link sent to it (so nobody receives a stranger's mail by a typo);
// removing one takes effect at once.
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { emailTokenTable, memberTable, type Member } from "../../../db/schema/index.ts";
import { recordAct, selfActor, type Actor } from "../acts.ts";
import { enqueueMail } from "../mail/outbox.ts";
import { consumeToken, newLinkToken, storeToken } from "../mail/tokens.ts";
import { ok, transact, type Result } from "../result.ts";

export const confirmTtlMs = 48 * 3600_000;

/** Sends the confirmation link to `email`; call in the transaction that asks for it. */
export async function requestEmailChange(tx: DatabaseLike, member: Member, email: string): Promise<void> {
  const token = newLinkToken();
  await storeToken(tx, token, { memberId: member.id, purpose: "email_confirm", email, ttlMs: confirmTtlMs });
  await enqueueMail(tx, [{ memberId: member.id, to: email, template: "email_confirm", params: { token, email } }]);
}

/** Sets a new address (after confirmation) or removes it (null, at once). */
export async function changeEmail(db: DatabaseLike, actor: Actor, email: string | null): Promise<Result<Member>> {
  return transact(db, async (tx) => {
    const member = actor.member;
    if (email === null) {
      const [updated] = await tx.update(memberTable).set({ email: null }).where(eq(memberTable.id, member.id)).returning();
      // A pending address is dropped too: "no email" means none.
      await tx
        .update(emailTokenTable)
        .set({ usedAt: new Date() })
        .where(and(eq(emailTokenTable.memberId, member.id), eq(emailTokenTable.purpose, "email_confirm"), isNull(emailTokenTable.usedAt)));
      await recordAct(tx, actor, "email.remove");
      return ok(updated);
    }
    if (email.toLowerCase() !== member.email?.toLowerCase()) {
      await requestEmailChange(tx, member, email);
      await recordAct(tx, actor, "email.request");
    }
    return ok(member);
  });
}

/** The link's click: the address becomes the member's. */
export async function confirmEmail(db: DatabaseLike, token: string): Promise<Result<Member>> {
  return transact(db, async (tx) => {
    const used = await consumeToken(tx, token, ["email_confirm"]);
    if (!used.ok) return used;
    const [member] = await tx.update(memberTable).set({ email: used.value.email }).where(eq(memberTable.id, used.value.memberId)).returning();
    await recordAct(tx, selfActor(member), "email.confirm");
    return ok(member);
  });
}

/** The address waiting for its confirmation, if any. */
export async function pendingEmailOf(db: DatabaseLike, memberId: string): Promise<string | null> {
  const [row] = await db
    .select({ email: emailTokenTable.email })
    .from(emailTokenTable)
    .where(and(eq(emailTokenTable.memberId, memberId), eq(emailTokenTable.purpose, "email_confirm"), isNull(emailTokenTable.usedAt), gt(emailTokenTable.expiresAt, new Date())))
    .orderBy(desc(emailTokenTable.createdAt))
    .limit(1);
  return row?.email ?? null;
}
