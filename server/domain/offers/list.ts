// Browse and search: the open offers and requests of a network, and for its
// members those its partner networks share and those of the networks it
// follows (received over ActivityPub), filtered by theme, kind and network,
// with a French full-text search; newest first or by relevance, paged.
import { and, desc, eq, inArray, isNull, lt, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { matches, relevance, searchQuery } from "../../../db/search.ts";
import { networkTable, offerTable, type Member, type OfferKind, type OfferStatus, type Role, type Visibility } from "../../../db/schema/index.ts";
import { isLocalPartnerMember } from "../announcement-views.ts";
import { listContext, type ListContext } from "./list-context.ts";
import { decorate, offerView, photoViews, selectOfferRowsWithPhotos, type OfferView } from "./views.ts";
import { fail, ok, type Result } from "../result.ts";

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

/** Blocks: neither of two members sees the other's offers; a blocked account's offers are hidden from its blocker. */
function notBlocked(context: ListContext): SQL[] {
  const filters: SQL[] = [];
  const { blockedMemberIds: members, blockedActorIds: actors } = context;
  if (members.length) filters.push(or(isNull(offerTable.authorId), notInArray(offerTable.authorId, members))!);
  if (actors.length) filters.push(or(isNull(offerTable.remoteAuthorId), notInArray(offerTable.remoteAuthorId, actors))!);
  return filters;
}

/** Which of a network's own offers a viewer sees: members all, members of a local partner network the shared ones, others the public ones. */
export async function ownVisibilities(db: DatabaseLike, networkId: string, role: Role | null, viewer: Member | null, origin: string): Promise<Visibility[]> {
  return visibilitiesFor(role, role === null && (await isLocalPartnerMember(db, networkId, viewer, origin)));
}

const visibilitiesFor = (role: Role | null, localPartner: boolean): Visibility[] =>
  role !== null ? ["network", "partners", "public"] : localPartner ? ["partners", "public"] : ["public"];

/** A network's own offers of these visibilities: the lists and the printed sheet filter through here. */
export const ownOffers = (networkId: string, shown: Visibility[]): SQL => and(eq(offerTable.networkId, networkId), inArray(offerTable.visibility, shown))!;

/** The offers a list shows: open ones unless another status is asked for. */
export const offerStatus = (status: OfferStatus = "open"): SQL => (status === "hidden" ? sql`false` : eq(offerTable.status, status));

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
  const found = await listContext(db, slug, viewer, origin);
  if (!found.ok) return found;
  const context = found.value;
  const { network, role } = context;
  const cursor = parseCursor(query.cursor);
  if (!cursor.ok) return cursor;
  const scopes: SQL[] = [ownOffers(network.id, visibilitiesFor(role, context.localPartner))];
  if (role !== null && viewer) {
    if (context.localPartnerIds.length) {
      scopes.push(and(inArray(offerTable.networkId, context.localPartnerIds), inArray(offerTable.visibility, ["partners", "public"]))!);
    }
    if (context.followedIris.length) {
      const partnersOnly = context.partnerIris.length
        ? and(eq(offerTable.visibility, "partners"), inArray(offerTable.remoteNetworkId, context.partnerIris))
        : undefined;
      scopes.push(and(inArray(offerTable.remoteNetworkId, context.followedIris), or(eq(offerTable.visibility, "public"), partnersOnly))!);
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
    ...notBlocked(context),
  ];
  const c = cursor.value;
  if (c && "createdAt" in c && !byRelevance) {
    filters.push(or(lt(offerTable.createdAt, c.createdAt), and(eq(offerTable.createdAt, c.createdAt), lt(offerTable.id, c.id))));
  }
  const offset = c && "offset" in c && byRelevance ? c.offset : 0;
  const order = byRelevance
    ? [desc(relevance(offerTable.search, words!)), desc(offerTable.createdAt), desc(offerTable.id)]
    : [desc(offerTable.createdAt), desc(offerTable.id)];
  const page = await selectOfferRowsWithPhotos(db).where(and(...filters)).orderBy(...order).limit(OFFER_PAGE_SIZE).offset(offset);
  const rows = await decorate(db, page, { network, themes: context.themes });
  const offers = rows.map((row, i) => {
    const view = offerView(origin, row, role !== null);
    view.photos = photoViews(origin, page[i].photos);
    view.cursor = byRelevance ? `r:${offset + i + 1}` : `t:${row.offer.createdAt.toISOString()}|${row.offer.id}`;
    return view;
  });
  return ok({ offers });
}

/**
 * When the clock alone could change a list: the first expiry among its offers
 * (the sweep then closes it, a write; nothing is published later by the clock).
 */
export function earliestExpiry(offers: Pick<OfferView, "expiresAt">[]): number | undefined {
  const times = offers.flatMap((o) => (o.expiresAt ? [o.expiresAt.getTime()] : []));
  return times.length ? Math.min(...times) : undefined;
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
