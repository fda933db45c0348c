import { eq, sql } from "drizzle-orm";
import type { DatabaseLike } from "../../db/client.ts";
import { memberTable, membershipTable, type Member, type Network } from "../../db/schema/index.ts";
import { recordAct, selfActor, type Actor } from "./acts.ts";
import { roleIn } from "./roles.ts";
import { requestEmailChange } from "./recovery/email-address.ts";
import { claimName } from "./handles.ts";
import { inspectInvitation, redeemInvitation } from "./invitations.ts";
import { checkPasswordStrength, hashPassword } from "./passwords.ts";
import { fail, ok, transact, type Result } from "./result.ts";

export interface AccountFields {
  handle: string;
  displayName: string;
  password: string;
  email?: string | null;
  locale?: "fr" | "en";
}

export interface SignupRequest extends AccountFields {
  code: string;
  acceptPrinciples: boolean;
}

/** Creates the member, their membership and takes one use of the invitation: all or nothing. */
export async function signUp(db: DatabaseLike, request: SignupRequest): Promise<Result<{ member: Member; network: Network }>> {
  if (!request.acceptPrinciples) {
    return fail("invalid", "principles_not_accepted", "The four principles must be accepted to join", "acceptPrinciples");
  }
  // Checked before hashing so that a bad code costs no argon2 work.
  const inspected = await inspectInvitation(db, request.code);
  if (!inspected.ok) return inspected;
  const strength = checkPasswordStrength(request.password, request.handle);
  if (!strength.ok) return strength;
  const passwordHash = await hashPassword(request.password);
  return transact(db, async (tx) => {
    const handle = await claimName(tx, request.handle, "handle");
    if (!handle.ok) return handle;
    const invitation = await redeemInvitation(tx, request.code);
    if (!invitation.ok) return invitation;
    const [member] = await tx
      .insert(memberTable)
      .values({
        handle: handle.value,
        displayName: request.displayName,
        // Used once confirmed by the link sent to it.
        email: null,
        passwordHash,
        locale: request.locale ?? "fr",
        acceptedPrinciplesAt: new Date(),
      })
      .returning();
    if (request.email) await requestEmailChange(tx, member, request.email);
    await tx.insert(membershipTable).values({ networkId: invitation.value.networkId, memberId: member.id, role: invitation.value.role });
    await recordAct(tx, selfActor(member), "member.signup", { invitation: invitation.value.id }, invitation.value.networkId);
    return ok({ member, network: inspected.value.network });
  });
}

/** An existing member joins another network with an invitation. */
export async function joinWithInvitation(db: DatabaseLike, actor: Actor, code: string): Promise<Result<Network>> {
  const inspected = await inspectInvitation(db, code);
  if (!inspected.ok) return inspected;
  const network = inspected.value.network;
  return transact(db, async (tx) => {
    if (await roleIn(tx, network.id, actor.member.id)) {
      return fail("conflict", "already_member", "You are already a member of this network", "code");
    }
    const invitation = await redeemInvitation(tx, code);
    if (!invitation.ok) return invitation;
    await tx.insert(membershipTable).values({ networkId: network.id, memberId: actor.member.id, role: invitation.value.role });
    await recordAct(tx, actor, "member.join", { invitation: invitation.value.id }, network.id);
    return ok(network);
  });
}

/** The first account, made at the first visit or by `maillage setup`. */
export async function createInstanceAdmin(db: DatabaseLike, fields: AccountFields): Promise<Result<Member>> {
  const strength = checkPasswordStrength(fields.password, fields.handle);
  if (!strength.ok) return strength;
  const passwordHash = await hashPassword(fields.password);
  return transact(db, async (tx) => {
    // Serialises concurrent first visits: only one admin is ever made this way.
    await tx.execute(sql`lock table member in share row exclusive mode`);
    if (await hasAdmin(tx)) return fail("conflict", "already_set_up", "This instance already has an admin");
    const handle = await claimName(tx, fields.handle, "handle");
    if (!handle.ok) return handle;
    const [member] = await tx
      .insert(memberTable)
      .values({
        handle: handle.value,
        displayName: fields.displayName,
        email: fields.email ?? null,
        passwordHash,
        isAdmin: true,
        locale: fields.locale ?? "fr",
        acceptedPrinciplesAt: new Date(),
      })
      .returning();
    await recordAct(tx, selfActor(member), "instance.setup");
    return ok(member);
  });
}

export async function hasAdmin(db: DatabaseLike): Promise<boolean> {
  const [row] = await db.select({ id: memberTable.id }).from(memberTable).where(eq(memberTable.isAdmin, true)).limit(1);
  return row !== undefined;
}
