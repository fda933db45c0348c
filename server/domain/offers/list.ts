// Browse and search: the open offers and requests of a network, and for its
// members those its partner networks share and those of the networks it
// follows (received over ActivityPub), filtered by theme, kind and network,
// with a French full-text search; newest first or by relevance, paged.
import { and, desc, eq, inArray, isNull, lt, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { matches, relevance, searchQuery } from "../../../db/search.ts";
import { followingTable, networkTable, offerTable, partnershipTable, type Member, type OfferKind, type OfferStatus, type Role, type Visibility } from "../../../db/schema/index.ts";
import { isLocalPartnerMember, viewerRole } from "../announcement-views.ts";
import { decorate, offerView, photosOf, selectOfferRows, type OfferView } from "./views.ts";
import { fail, ok, type Result } from "../result.ts";
import { findNetwork } from "../roles.ts";
import { blockedActorIds, blockedMemberIds } from "../blocks/blocks.ts";

export const OFFER_PAGE_SIZE = 20;

export interface OfferQuery {
  q?: string;
  theme?: string;
  kind?: OfferKind;
  /** A local network's slug or a remote network's IRI. */
  network?: string;
  status?: OfferStatus;
  sort?: "recent" | "relevance";
  cursor?: string;
}

/** What a network's members see besides their own network: local partners' and followed networks' offers. */
async function sharedWith(db: DatabaseLike, networkId: string, viewer: Member, origin: string) {
  const partners = await db
    .select({ iri: partnershipTable.partnerActorId })
    .from(partnershipTable)
    .where(and(eq(partnershipTable.networkId, networkId), eq(partnershipTable.state, "active")));
  const partnerIris = partners.map((p) => p.iri);
  const localPrefix = new URL("/n/", origin).href;
  const localSlugs = partnerIris.filter((iri) => iri.startsWith(localPrefix)).map((iri) => iri.slice(localPrefix.length));
  const localPartnerIds = localSlugs.length
    ? (await db.select({ id: networkTable.id }).from(networkTable).where(inArray(networkTable.slug, localSlugs))).map((n) => n.id)
    : [];
  // The network's follows (partners follow each other) and the viewer's own.
  const followed = await db
    .select({ iri: followingTable.remoteActorId })
    .from(followingTable)
    .where(and(eq(followingTable.state, "accepted"), or(eq(followingTable.networkId, networkId), eq(followingTable.memberId, viewer.id))));
  return { partnerIris, localPartnerIds, followedIris: [...new Set(followed.map((f) => f.iri))] };
}

/** Blocks: neither of two members sees the other's offers; a blocked account's offers are hidden from its blocker. */
async function notBlocked(db: DatabaseLike, viewer: Member): Promise<SQL[]> {
  const [members, actors] = await Promise.all([blockedMemberIds(db, viewer.id), blockedActorIds(db, viewer.id)]);
  const filters: SQL[] = [];
  if (members.length) filters.push(or(isNull(offerTable.authorId), notInArray(offerTable.authorId, members))!);
  if (actors.length) filters.push(or(isNull(offerTable.remoteAuthorId), notInArray(offerTable.remoteAuthorId, actors))!);
  return filters;
}

/** Which of a network's own offers a viewer sees: members all, members of a local partner network the shared ones, others the public ones. */
export async function ownVisibilities(db: DatabaseLike, networkId: string, role: Role | null, viewer: Member | null, origin: string): Promise<Visibility[]> {
  if (role !== null) return ["network", "partners", "public"];
  return (await isLocalPartnerMember(db, networkId, viewer, origin)) ? ["partners", "public"] : ["public"];
}

/** A network's own offers of these visibilities: the lists and the printed sheet filter through here. */
export const ownOffers = (networkId: string, shown: Visibility[]): SQL => and(eq(offerTable.networkId, networkId), inArray(offerTable.visibility, shown))!;

/** The offers a list shows: open ones unless another status is asked for. */
export const offerStatus = (status: OfferStatus = "open"): SQL => eq(offerTable.status, status);

type Cursor = { createdAt: Date; id: string } | { offset: number };

function parseCursor(cursor: string | undefined): Result<Cursor | null> {
  if (!cursor) return ok(null);
  const offset = /^r:(\d{1,6})$/.exec(cursor);
  if (offset) return ok({ offset: Number(offset[1]) });
  const time = /^t:([0-9T:.\-+Z]+)\|([0-9a-f-]{36})$/i.exec(cursor);
  if (time && !Number.isNaN(Date.parse(time[1]))) return ok({ createdAt: new Date(time[1]), id: time[2] });
  return fail("invalid", "invalid_cursor", "Use the cursor of the last item", "cursor");
}

export async function listOffers(
  db: DatabaseLike,
  viewer: Member | null,
  slug: string,
  query: OfferQuery,
  origin: string,
): Promise<Result<{ offers: OfferView[] }>> {
  const found = await findNetwork(db, slug);
  if (!found.ok) return found;
  const network = found.value;
  const cursor = parseCursor(query.cursor);
  if (!cursor.ok) return cursor;
  const role = await viewerRole(db, network.id, viewer);
  const scopes: SQL[] = [ownOffers(network.id, await ownVisibilities(db, network.id, role, viewer, origin))];
  if (role !== null && viewer) {
    const shared = await sharedWith(db, network.id, viewer, origin);
    if (shared.localPartnerIds.length) {
      scopes.push(and(inArray(offerTable.networkId, shared.localPartnerIds), inArray(offerTable.visibility, ["partners", "public"]))!);
    }
    if (shared.followedIris.length) {
      const partnersOnly = shared.partnerIris.length
        ? and(eq(offerTable.visibility, "partners"), inArray(offerTable.remoteNetworkId, shared.partnerIris))
        : undefined;
      scopes.push(and(inArray(offerTable.remoteNetworkId, shared.followedIris), or(eq(offerTable.visibility, "public"), partnersOnly))!);
    }
  }
  const words = query.q ? searchQuery(query.q) : null;
  const byRelevance = words !== null && query.sort === "relevance";
  const filters: (SQL | undefined)[] = [
    or(...scopes),
    offerStatus(query.status),
    query.theme ? eq(offerTable.themeSlug, query.theme) : undefined,
    query.kind ? eq(offerTable.kind, query.kind) : undefined,
    query.network ? (URL.canParse(query.network) ? eq(offerTable.remoteNetworkId, query.network) : inArray(offerTable.networkId, db.select({ id: networkTable.id }).from(networkTable).where(eq(networkTable.slug, query.network)))) : undefined,
    words ? matches(offerTable.search, words) : undefined,
    ...(viewer ? await notBlocked(db, viewer) : []),
  ];
  const c = cursor.value;
  if (c && "createdAt" in c && !byRelevance) {
    filters.push(or(lt(offerTable.createdAt, c.createdAt), and(eq(offerTable.createdAt, c.createdAt), lt(offerTable.id, c.id))));
  }
  const offset = c && "offset" in c && byRelevance ? c.offset : 0;
  const order = byRelevance
    ? [desc(relevance(offerTable.search, words!)), desc(offerTable.createdAt), desc(offerTable.id)]
    : [desc(offerTable.createdAt), desc(offerTable.id)];
  const rows = await decorate(db, await selectOfferRows(db).where(and(...filters)).orderBy(...order).limit(OFFER_PAGE_SIZE).offset(offset));
  const photos = await photosOf(db, origin, rows.map((r) => r.offer.id));
  const offers = rows.map((row, i) => {
    const view = offerView(origin, row, role !== null);
    view.photos = photos.get(row.offer.id) ?? [];
    view.cursor = byRelevance ? `r:${offset + i + 1}` : `t:${row.offer.createdAt.toISOString()}|${row.offer.id}`;
    return view;
  });
  return ok({ offers });
}

/** Counts for a network's home and impact figures. */
export async function offerCounts(db: DatabaseLike, networkId: string) {
  const [row] = await db
    .select({
      open: sql<number>`count(*) filter (where ${offerTable.status} = 'open')`.mapWith(Number),
      exchanges: sql<number>`count(*) filter (where ${offerTable.status} = 'done')`.mapWith(Number),
    })
    .from(offerTable)
    .where(eq(offerTable.networkId, networkId));
  return row;
}
