import { and, eq } from "drizzle-orm";
import type { DatabaseLike } from "../../db/client.ts";
import { membershipTable, networkTable, type Member, type Network, type Role } from "../../db/schema/index.ts";
import { fail, ok, type Result } from "./result.ts";

const rank: Record<Role, number> = { member: 1, animator: 2, pilot: 3 };

export const atLeast = (role: Role | null, wanted: Role) => role !== null && rank[role] >= rank[wanted];

export async function roleIn(db: DatabaseLike, networkId: string, memberId: string): Promise<Role | null> {
  const [row] = await db
    .select({ role: membershipTable.role })
    .from(membershipTable)
    .where(and(eq(membershipTable.networkId, networkId), eq(membershipTable.memberId, memberId)))
    .limit(1);
  return row?.role ?? null;
}

export async function findNetwork(db: DatabaseLike, slug: string): Promise<Result<Network>> {
  const [network] = await db.select().from(networkTable).where(eq(networkTable.slug, slug.toLowerCase())).limit(1);
  return network ? ok(network) : fail("not_found", "network_not_found", `No network "${slug}" on this instance`);
}

/**
 * The network, if `member` holds at least `wanted` in it. Instance admins
 * count as pilots everywhere: they install and rescue networks.
 */
export async function requireRole(
  db: DatabaseLike,
  slug: string,
  member: Member,
  wanted: Role,
): Promise<Result<{ network: Network; role: Role }>> {
  const found = await findNetwork(db, slug);
  if (!found.ok) return found;
  const role = member.isAdmin ? "pilot" : await roleIn(db, found.value.id, member.id);
  if (!atLeast(role, wanted)) {
    return wanted === "member"
      ? fail("forbidden", "not_a_member", "You are not a member of this network")
      : fail("forbidden", "role_required", `This needs the role ${wanted} in this network`);
  }
  return ok({ network: found.value, role: role! });
}

/** Animators hand out member and animator roles; only pilots (and admins) make pilots. */
export const canGrant = (granter: Role, role: Role) => atLeast(granter, "animator") && (role !== "pilot" || granter === "pilot");
