import { count, eq, sql } from "drizzle-orm";
import type { DatabaseLike } from "../../db/client.ts";
import { membershipTable, networkTable, type Member, type Network } from "../../db/schema/index.ts";
import { recordAct, selfActor } from "./acts.ts";
import { claimName } from "./handles.ts";
import { fail, ok, transact, type Result } from "./result.ts";
import { noProfileUpdates, type ProfileUpdates } from "./profile-updates.ts";
import { requireRole } from "./roles.ts";

export interface NetworkFields {
  name: string;
  description?: string;
  area?: string;
  rules?: string;
  approvesFollowers?: boolean;
  federationMode?: "open" | "allowlist";
}

export async function createNetwork(
  db: DatabaseLike,
  creator: Member | null,
  input: NetworkFields & { slug: string },
  /** The admin becomes the network's first pilot, so they can run it at once. */
  options: { joinAsPilot?: boolean } = {},
): Promise<Result<Network>> {
  if (creator && !creator.isAdmin) {
    return fail("forbidden", "admin_required", "Only the instance admin creates networks");
  }
  return transact(db, async (tx) => {
    const slug = await claimName(tx, input.slug, "slug");
    if (!slug.ok) return slug;
    const { slug: _, ...fields } = input;
    const [network] = await tx.insert(networkTable).values({ ...fields, slug: slug.value }).returning();
    if (creator) await recordAct(tx, selfActor(creator), "network.create", { slug: network.slug }, network.id);
    if (creator && options.joinAsPilot) {
      await tx.insert(membershipTable).values({ networkId: network.id, memberId: creator.id, role: "pilot" });
    }
    return ok(network);
  });
}

export async function updateNetwork(
  db: DatabaseLike,
  member: Member,
  slug: string,
  fields: Partial<NetworkFields>,
  updates: ProfileUpdates = noProfileUpdates,
): Promise<Result<Network>> {
  return transact(db, async (tx) => {
    const allowed = await requireRole(tx, slug, member, "animator");
    if (!allowed.ok) return allowed;
    const [network] = await tx
      .update(networkTable)
      .set(fields)
      .where(eq(networkTable.id, allowed.value.network.id))
      .returning();
    await recordAct(tx, selfActor(member), "network.update", { fields: Object.keys(fields) }, network.id);
    await updates.networkChanged(tx, network.slug);
    return ok(network);
  });
}

export async function memberCount(db: DatabaseLike, networkId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(membershipTable).where(eq(membershipTable.networkId, networkId));
  return row.n;
}

export async function listNetworks(db: DatabaseLike): Promise<(Network & { memberCount: number })[]> {
  const rows = await db
    .select({
      network: networkTable,
      memberCount: sql<number>`(select count(*) from ${membershipTable} where ${membershipTable.networkId} = ${networkTable.id})::int`,
    })
    .from(networkTable)
    .orderBy(networkTable.name);
  return rows.map((r) => ({ ...r.network, memberCount: r.memberCount }));
}
