// What the offers list needs to know before it reads any offer: the network,
// the viewer's role in it, whether the viewer belongs to a local partner
// network, the partner and followed networks whose offers the members see, and
// the viewer's blocks. One statement in the common case: it used to take
// seven, each costing more in round trips and planning than the look-up it made.
import { eq, inArray, sql } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { networkTable, type Member, type Network, type Role, type Theme } from "../../../db/schema/index.ts";
import { isLocalPartnerMember } from "../announcement-views.ts";
import { fail, ok, type Result } from "../result.ts";

export interface ListContext {
  network: Network;
  role: Role | null;
  /** The viewer belongs to a network of this instance that is an active partner of this one. */
  localPartner: boolean;
  /** Active partners' Group IRIs, local or remote. */
  partnerIris: string[];
  /** The local networks among them (read for the network's members only). */
  localPartnerIds: string[];
  /** Remote actors the network or the viewer follows (accepted). */
  followedIris: string[];
  /** Members the viewer blocked or was blocked by. */
  blockedMemberIds: string[];
  /** Remote accounts the viewer blocked. */
  blockedActorIds: string[];
  /** The instance's themes and the network's own, for decorate(). */
  themes: Theme[];
}

/** `select coalesce(json_agg(x), '[]')`: a list both drivers decode the same way (json). */
const list = (query: ReturnType<typeof sql>) => sql<string[]>`(select coalesce(json_agg(x), '[]'::json) from (${query}) as l(x))`;

export async function listContext(db: DatabaseLike, slug: string, viewer: Member | null, origin: string): Promise<Result<ListContext>> {
  // Partnerships name a local partner by its Group's IRI: this prefix and its slug.
  const localPrefix = new URL("/n/", origin).href;
  const viewerId = viewer?.id ?? null;
  const n = networkTable;
  // Spelt out: in a one-table select Drizzle writes a column unqualified ("id"),
  // which inside these subqueries would name their own tables' ids.
  const outerId = sql.raw(`"network"."id"`);
  const [row] = await db
    .select({
      network: n,
      role: sql<Role | null>`(select m.role from membership m where m.network_id = ${outerId} and m.member_id = ${viewerId} limit 1)`,
      partnerIris: list(sql`select p.partner_actor_id from partnership p where p.network_id = ${outerId} and p.state = 'active'`),
      followedIris: list(sql`select distinct f.remote_actor_id from following f
        where f.state = 'accepted' and (f.network_id = ${outerId} or f.member_id = ${viewerId})`),
      blocks: sql<{ by: string; member: string | null; actor: string | null }[]>`(select coalesce(json_agg(json_build_object('by', b.member_id,
        'member', b.blocked_member_id, 'actor', b.blocked_actor_id)), '[]'::json) from member_block b where b.member_id = ${viewerId} or b.blocked_member_id = ${viewerId})`,
      themes: sql<Theme[]>`(select coalesce(json_agg(json_build_object('id', t.id, 'slug', t.slug, 'networkId', t.network_id,
        'labelFr', t.label_fr, 'labelEn', t.label_en, 'position', t.position)), '[]'::json)
        from theme t where t.network_id is null or t.network_id = ${outerId})`,
    })
    .from(n)
    .where(eq(n.slug, slug.toLowerCase()))
    .limit(1);
  if (!row) return fail("not_found", "network_not_found", `No network "${slug}" on this instance`);
  const { blocks, ...rest } = row;
  // Instance admins count as pilots everywhere (viewerRole).
  const role = viewer === null ? null : viewer.isAdmin ? "pilot" : row.role;
  // Rare cases, read only when they arise: a visitor from a local partner
  // network, and partners on this instance (their IRIs start with localPrefix).
  const localPartner = role === null && (await isLocalPartnerMember(db, row.network.id, viewer, origin));
  const localSlugs = row.partnerIris.filter((iri) => iri.startsWith(localPrefix)).map((iri) => iri.slice(localPrefix.length));
  const localPartnerIds = role !== null && localSlugs.length ? (await db.select({ id: n.id }).from(n).where(inArray(n.slug, localSlugs))).map((r) => r.id) : [];
  return ok({
    ...rest,
    role,
    localPartner,
    localPartnerIds,
    // As blockedMemberIds() and blockedActorIds() count them (blocks/blocks.ts).
    blockedMemberIds: [...new Set(blocks.flatMap((b) => (b.by === viewerId ? (b.member ? [b.member] : []) : [b.by])))],
    blockedActorIds: blocks.flatMap((b) => (b.by === viewerId && b.actor ? [b.actor] : [])),
  });
}
