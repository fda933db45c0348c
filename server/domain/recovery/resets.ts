// Getting back into one's account: a link by email (valid one hour), or a
// printed code (valid 48 hours) that an animator or a sponsor makes and hands
// over in person, for the many neighbours without email. Either way the new
// password closes every session of the account.
import { and, eq, sql } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { memberTable, sessionTable, sponsorshipTable, type Member } from "../../../db/schema/index.ts";
import { recordAct, selfActor } from "../acts.ts";
import { findMemberByHandle } from "../members.ts";
import { addressOf, enqueueMail } from "../mail/outbox.ts";
import { consumeToken, newLinkToken, newPrintedCode, storeToken } from "../mail/tokens.ts";
import { checkPasswordStrength, hashPassword } from "../passwords.ts";
import { fail, ok, transact, type Result } from "../result.ts";
import { requireRole, roleIn } from "../roles.ts";

export const resetLinkTtlMs = 3600_000;
export const resetCodeTtlMs = 48 * 3600_000;

/**
 * A reset link by email, when `login` (a handle or an address) names an
 * account with an address. Says nothing either way: the caller answers the
 * same whatever happened.
 */
export async function requestPasswordReset(db: DatabaseLike, login: string): Promise<void> {
  const wanted = login.trim().toLowerCase();
  await transact(db, async (tx) => {
    const [member] = await tx
      .select()
      .from(memberTable)
      .where(wanted.includes("@") ? sql`lower(${memberTable.email}) = ${wanted}` : eq(memberTable.handle, wanted.replace(/^@/, "")))
      .limit(1);
    const to = member ? await addressOf(tx, member.id) : undefined;
    if (!member || !to) return ok(undefined);
    const token = newLinkToken();
    await storeToken(tx, token, { memberId: member.id, purpose: "password_reset", ttlMs: resetLinkTtlMs });
    await enqueueMail(tx, [{ memberId: member.id, to, template: "password_reset", params: { token } }]);
    return ok(undefined);
  });
}

/** Sets the new password with a link's token or a printed code; every session of the account ends. */
export async function resetPassword(db: DatabaseLike, token: string, password: string): Promise<Result<Member>> {
  return transact(db, async (tx) => {
    const used = await consumeToken(tx, token, ["password_reset", "reset_code"]);
    if (!used.ok) return used;
    const [member] = await tx.select().from(memberTable).where(eq(memberTable.id, used.value.memberId));
    const strong = checkPasswordStrength(password, member.handle);
    if (!strong.ok) return strong;
    const [updated] = await tx.update(memberTable).set({ passwordHash: await hashPassword(password) }).where(eq(memberTable.id, member.id)).returning();
    await tx.delete(sessionTable).where(eq(sessionTable.memberId, member.id));
    await recordAct(tx, selfActor(member), "password.reset", { by: used.value.purpose === "reset_code" ? "printed code" : "email link" });
    return ok(updated);
  });
}

/**
 * A printed one-time code for `handle`: made by an animator of a network they
 * share, or by their sponsor. Shown once; only its hash is kept.
 */
export async function makeResetCode(db: DatabaseLike, by: Member, slug: string, handle: string): Promise<Result<{ code: string; expiresAt: Date; handle: string; displayName: string }>> {
  return transact(db, async (tx) => {
    const target = await findMemberByHandle(tx, handle);
    if (!target) return fail("not_found", "member_not_found", `No member "${handle}" in this network`, "handle");
    const sponsors = await tx
      .select({ id: sponsorshipTable.sponsorId })
      .from(sponsorshipTable)
      .where(and(eq(sponsorshipTable.sponsoredId, target.id), eq(sponsorshipTable.sponsorId, by.id)));
    if (sponsors.length === 0) {
      const allowed = await requireRole(tx, slug, by, "animator");
      if (!allowed.ok) return allowed;
      if (!(await roleIn(tx, allowed.value.network.id, target.id))) {
        return fail("not_found", "member_not_found", `No member "${handle}" in this network`, "handle");
      }
    }
    const code = newPrintedCode();
    const expiresAt = await storeToken(tx, code, { memberId: target.id, purpose: "reset_code", ttlMs: resetCodeTtlMs, createdById: by.id });
    await recordAct(tx, { member: target, by }, "password.code", {});
    return ok({ code, expiresAt, handle: target.handle, displayName: target.displayName });
  });
}

