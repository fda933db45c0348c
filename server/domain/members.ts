import { and, asc, eq, inArray } from "drizzle-orm";
import type { DatabaseLike } from "../../db/client.ts";
import { memberTable, membershipTable, sponsorshipTable, type Member, type Role } from "../../db/schema/index.ts";
import { recordAct, selfActor } from "./acts.ts";
import { claimName, normaliseHandle } from "./handles.ts";
import { fail, ok, transact, type Result } from "./result.ts";
import { atLeast, canGrant, requireRole, roleIn } from "./roles.ts";

export interface NetworkMember {
  handle: string;
  displayName: string;
  role: Role;
  sponsored: boolean;
  sponsors: string[];
  joinedAt: Date;
  /** The household label (households.ts): only for the animation group, else absent. */
  household?: string | null;
}

export async function findMemberByHandle(db: DatabaseLike, handle: string): Promise<Member | undefined> {
  const [member] = await db.select().from(memberTable).where(eq(memberTable.handle, normaliseHandle(handle))).limit(1);
  return member;
}

/** Members of a network, for its members only. */
export async function listMembers(db: DatabaseLike, viewer: Member, slug: string): Promise<Result<NetworkMember[]>> {
  const allowed = await requireRole(db, slug, viewer, "member");
  if (!allowed.ok) return allowed;
  const networkId = allowed.value.network.id;
  const animates = atLeast(allowed.value.role, "animator");
  const rows = await db
    .select({
      id: memberTable.id,
      handle: memberTable.handle,
      displayName: memberTable.displayName,
      hasPassword: memberTable.passwordHash,
      role: membershipTable.role,
      joinedAt: membershipTable.joinedAt,
      household: membershipTable.household,
    })
    .from(membershipTable)
    .innerJoin(memberTable, eq(memberTable.id, membershipTable.memberId))
    .where(eq(membershipTable.networkId, networkId))
    .orderBy(asc(memberTable.displayName));
  const ids = rows.map((r) => r.id);
  const sponsorships = ids.length
    ? await db
        .select({ sponsoredId: sponsorshipTable.sponsoredId, sponsor: memberTable.handle })
        .from(sponsorshipTable)
        .innerJoin(memberTable, eq(memberTable.id, sponsorshipTable.sponsorId))
        .where(and(inArray(sponsorshipTable.sponsoredId, ids), eq(sponsorshipTable.networkId, networkId)))
    : [];
  return ok(
    rows.map((r) => ({
      handle: r.handle,
      displayName: r.displayName,
      role: r.role,
      sponsored: r.hasPassword === null,
      sponsors: sponsorships.filter((s) => s.sponsoredId === r.id).map((s) => s.sponsor),
      joinedAt: r.joinedAt,
      ...(animates ? { household: r.household } : {}),
    })),
  );
}

export async function changeRole(db: DatabaseLike, by: Member, slug: string, handle: string, role: Role): Promise<Result<{ handle: string; role: Role }>> {
  return transact(db, async (tx) => {
    const allowed = await requireRole(tx, slug, by, "animator");
    if (!allowed.ok) return allowed;
    const { network, role: myRole } = allowed.value;
    const target = await findMemberByHandle(tx, handle);
    const current = target ? await roleIn(tx, network.id, target.id) : null;
    if (!target || !current) return fail("not_found", "member_not_found", `No member "${handle}" in this network`, "handle");
    // Granting or taking away the pilot role is the pilots' business.
    if (!canGrant(myRole, role) || !canGrant(myRole, current)) {
      return fail("forbidden", "role_required", "Only pilots change who is a pilot", "role");
    }
    await tx
      .update(membershipTable)
      .set({ role })
      .where(and(eq(membershipTable.networkId, network.id), eq(membershipTable.memberId, target.id)));
    await recordAct(tx, selfActor(by), "member.role", { handle: target.handle, from: current, to: role }, network.id);
    return ok({ handle: target.handle, role });
  });
}

/**
 * A neighbour without email or device: no password, never logs in; `sponsor`
 * (a member of the same network) acts for them.
 */
export async function createSponsoredMember(
  db: DatabaseLike,
  by: Member,
  slug: string,
  input: { handle: string; displayName: string; sponsor: string },
): Promise<Result<Member>> {
  return transact(db, async (tx) => {
    const allowed = await requireRole(tx, slug, by, "animator");
    if (!allowed.ok) return allowed;
    const network = allowed.value.network;
    const sponsor = await findMemberByHandle(tx, input.sponsor);
    if (!sponsor || !(await roleIn(tx, network.id, sponsor.id)) || sponsor.passwordHash === null) {
      return fail("invalid", "sponsor_not_member", "The sponsor must be a member of this network with an account", "sponsor");
    }
    const handle = await claimName(tx, input.handle, "handle");
    if (!handle.ok) return handle;
    const [member] = await tx.insert(memberTable).values({ handle: handle.value, displayName: input.displayName }).returning();
    await tx.insert(membershipTable).values({ networkId: network.id, memberId: member.id, role: "member" });
    await tx.insert(sponsorshipTable).values({ sponsorId: sponsor.id, sponsoredId: member.id, networkId: network.id });
    await recordAct(tx, { member, by }, "member.sponsored", { sponsor: sponsor.handle }, network.id);
    return ok(member);
  });
}

/** Adds another sponsor to a sponsored member (e.g. when the first one moves away). */
export async function addSponsor(db: DatabaseLike, by: Member, slug: string, sponsoredHandle: string, sponsorHandle: string): Promise<Result<void>> {
  return transact(db, async (tx) => {
    const allowed = await requireRole(tx, slug, by, "animator");
    if (!allowed.ok) return allowed;
    const network = allowed.value.network;
    const sponsored = await findMemberByHandle(tx, sponsoredHandle);
    if (!sponsored || !(await roleIn(tx, network.id, sponsored.id))) {
      return fail("not_found", "member_not_found", `No member "${sponsoredHandle}" in this network`, "sponsored");
    }
    const sponsor = await findMemberByHandle(tx, sponsorHandle);
    if (!sponsor || !(await roleIn(tx, network.id, sponsor.id)) || sponsor.passwordHash === null || sponsor.id === sponsored.id) {
      return fail("invalid", "sponsor_not_member", "The sponsor must be another member of this network with an account", "sponsor");
    }
    await tx.insert(sponsorshipTable).values({ sponsorId: sponsor.id, sponsoredId: sponsored.id, networkId: network.id }).onConflictDoNothing();
    await recordAct(tx, { member: sponsored, by }, "sponsorship.add", { sponsor: sponsor.handle }, network.id);
    return ok(undefined);
  });
}

/** The members `sponsor` may act for. */
export async function sponsoredBy(db: DatabaseLike, sponsorId: string): Promise<Member[]> {
  const rows = await db
    .select({ member: memberTable })
    .from(sponsorshipTable)
    .innerJoin(memberTable, eq(memberTable.id, sponsorshipTable.sponsoredId))
    .where(eq(sponsorshipTable.sponsorId, sponsorId));
  const seen = new Map(rows.map((r) => [r.member.id, r.member]));
  return [...seen.values()];
}

/** Resolves "acting for": only a sponsor of that member may. */
export async function actingFor(db: DatabaseLike, sponsor: Member, handle: string | undefined): Promise<Result<Member>> {
  if (!handle || normaliseHandle(handle) === sponsor.handle) return ok(sponsor);
  const member = (await sponsoredBy(db, sponsor.id)).find((m) => m.handle === normaliseHandle(handle));
  return member ? ok(member) : fail("forbidden", "not_sponsor", `You are not a sponsor of "${handle}"`, "X-Acting-For");
}

export const memberView = (m: Member) => ({
  id: m.id,
  handle: m.handle,
  displayName: m.displayName,
  email: m.email,
  isAdmin: m.isAdmin,
  locale: m.locale,
  bio: m.bio,
});

