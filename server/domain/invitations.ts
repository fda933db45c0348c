import { randomInt } from "node:crypto";
import { and, desc, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { DatabaseLike } from "../../db/client.ts";
import { invitationTable, networkTable, type Invitation, type Member, type Network, type Role } from "../../db/schema/index.ts";
import { recordAct, selfActor } from "./acts.ts";
import { fail, ok, transact, type Result } from "./result.ts";
import { canGrant, requireRole } from "./roles.ts";

// Crockford's base32 without look-alikes (no I, L, O, U): easy to read aloud and type.
const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const codeLength = 16; // 80 bits: with rate limits, not guessable.

export function generateInvitationCode(): string {
  let code = "";
  for (let i = 0; i < codeLength; i++) code += alphabet[randomInt(alphabet.length)];
  return code.match(/.{4}/g)!.join("-");
}

/** Accepts what a person types: lower case, spaces, O for 0, I/L for 1, missing dashes. */
export function normaliseInvitationCode(input: string): string {
  const raw = input.toUpperCase().replace(/[^0-9A-Z]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  return raw.length === codeLength ? raw.match(/.{4}/g)!.join("-") : raw;
}

export type InvitationStatus = "active" | "used" | "expired" | "revoked";

export function invitationStatus(invitation: Invitation, now = new Date()): InvitationStatus {
  if (invitation.revokedAt) return "revoked";
  if (invitation.uses >= invitation.maxUses) return "used";
  if (invitation.expiresAt <= now) return "expired";
  return "active";
}

export interface InvitationRequest {
  role: Role;
  maxUses: number;
  expiresInDays: number;
  note?: string;
}

export async function createInvitation(
  db: DatabaseLike,
  member: Member,
  slug: string,
  request: InvitationRequest,
): Promise<Result<Invitation>> {
  return transact(db, async (tx) => {
    const allowed = await requireRole(tx, slug, member, "animator");
    if (!allowed.ok) return allowed;
    if (!canGrant(allowed.value.role, request.role)) {
      return fail("forbidden", "role_required", "Only pilots invite new pilots", "role");
    }
    const [invitation] = await tx
      .insert(invitationTable)
      .values({
        networkId: allowed.value.network.id,
        code: generateInvitationCode(),
        role: request.role,
        maxUses: request.maxUses,
        expiresAt: new Date(Date.now() + request.expiresInDays * 86_400_000),
        note: request.note ?? "",
        createdById: member.id,
      })
      .returning();
    await recordAct(tx, selfActor(member), "invitation.create", { id: invitation.id, role: request.role }, invitation.networkId);
    return ok(invitation);
  });
}

export async function listInvitations(db: DatabaseLike, member: Member, slug: string): Promise<Result<Invitation[]>> {
  const allowed = await requireRole(db, slug, member, "animator");
  if (!allowed.ok) return allowed;
  const rows = await db
    .select()
    .from(invitationTable)
    .where(eq(invitationTable.networkId, allowed.value.network.id))
    .orderBy(desc(invitationTable.createdAt));
  return ok(rows);
}

export async function revokeInvitation(db: DatabaseLike, member: Member, slug: string, id: string): Promise<Result<Invitation>> {
  return transact(db, async (tx) => {
    const allowed = await requireRole(tx, slug, member, "animator");
    if (!allowed.ok) return allowed;
    const [invitation] = await tx
      .update(invitationTable)
      .set({ revokedAt: new Date() })
      .where(and(eq(invitationTable.id, id), eq(invitationTable.networkId, allowed.value.network.id)))
      .returning();
    if (!invitation) return fail("not_found", "invitation_unknown", "No such invitation in this network");
    await recordAct(tx, selfActor(member), "invitation.revoke", { id }, invitation.networkId);
    return ok(invitation);
  });
}

const unusable: Record<Exclude<InvitationStatus, "active">, [string, string]> = {
  used: ["invitation_used", "This invitation has already been used"],
  expired: ["invitation_expired", "This invitation has expired"],
  revoked: ["invitation_revoked", "This invitation was withdrawn by the animators"],
};

/** What the signup page shows before anyone commits to anything. */
export async function inspectInvitation(db: DatabaseLike, code: string): Promise<Result<{ invitation: Invitation; network: Network }>> {
  const [found] = await db
    .select({ invitation: invitationTable, network: networkTable })
    .from(invitationTable)
    .innerJoin(networkTable, eq(networkTable.id, invitationTable.networkId))
    .where(eq(invitationTable.code, normaliseInvitationCode(code)))
    .limit(1);
  if (!found) return fail("not_found", "invitation_unknown", "This invitation code is unknown", "code");
  const status = invitationStatus(found.invitation);
  if (status !== "active") return fail("gone", ...unusable[status], "code");
  return ok(found);
}

/**
 * Takes one use of the invitation, atomically: two people redeeming the last
 * use at once cannot both succeed. Call inside the signup transaction.
 */
export async function redeemInvitation(tx: DatabaseLike, code: string): Promise<Result<Invitation>> {
  const [taken] = await tx
    .update(invitationTable)
    .set({ uses: sql`${invitationTable.uses} + 1` })
    .where(
      and(
        eq(invitationTable.code, normaliseInvitationCode(code)),
        isNull(invitationTable.revokedAt),
        gt(invitationTable.expiresAt, new Date()),
        lt(invitationTable.uses, invitationTable.maxUses),
      ),
    )
    .returning();
  if (taken) return ok(taken);
  const inspected = await inspectInvitation(tx, code);
  return inspected.ok ? fail("conflict", "invitation_used", "This invitation has just been used", "code") : inspected;
}
