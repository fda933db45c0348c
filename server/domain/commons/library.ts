// Browsing and searching a network's library together with what its partner
// networks share (on this instance and elsewhere), each item with its source.
// A regional network, whose partners are networks, sees here the commons of
// all of them: its page is this view restricted to partners.
import { and, desc, eq, getTableColumns, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import {
  membershipTable,
  networkTable,
  partnershipTable,
  remoteActorTable,
  remoteResourceTable,
  resourceAdoptionTable,
  resourceTable,
  type Licence,
  type Member,
  type ResourceKind,
  type Visibility,
} from "../../../db/schema/index.ts";
import { matches, relevance, searchQuery } from "../../../db/search.ts";
import { viewerRole } from "../announcement-views.ts";
import { findRemoteResource, partnersOf, remoteResourceView, remoteSource, type RemoteResourceView } from "./remote.ts";
import { localSource, networkUrl, resourceUrl, type SourceView } from "./views.ts";
import { attributionLines, licenceLabels } from "./licences.ts";
import { fail, ok, type Result } from "../result.ts";
import { findNetwork } from "../roles.ts";

export const LIBRARY_PAGE = 20;
const SEARCH_RESULTS = 50;

export interface LibraryFilters {
  q?: string;
  kind?: ResourceKind;
  theme?: string;
  licence?: Licence;
  /** A network's Group IRI (or slug, for a network of this instance). */
  network?: string;
  /** own: our library; partners: what partners share; all (default): both. */
  scope?: "own" | "partners" | "all";
  before?: Date;
}

export interface LibraryItem {
  /** The ActivityPub id: what adopt and adapt take. */
  ref: string;
  /** Local resources only: their id for /api/resources/{id}. */
  id: string | null;
  kind: ResourceKind;
  title: string;
  summary: string;
  tags: string[];
  themes: string[];
  licence: Licence;
  licenceLabel: string;
  visibility: Visibility | null;
  attribution: string[];
  source: SourceView;
  own: boolean;
  /** Our network adopted it as a reference. */
  adopted: boolean;
  updatedAt: Date;
}

// What a list shows: not the bodies nor the search vectors (they would ride along through the sort).
const { body: _lb, search: _ls, ...localColumns } = getTableColumns(resourceTable);
const { body: _rb, search: _rs, contentHtml: _rh, files: _rf, ...remoteColumns } = getTableColumns(remoteResourceTable);

const containsJson = (column: SQL | typeof resourceTable.themes, value: string) => sql`${column} @> ${JSON.stringify([value])}::jsonb`;

export async function listLibrary(
  db: DatabaseLike,
  viewer: Member | null,
  slug: string,
  origin: string,
  filters: LibraryFilters,
): Promise<Result<LibraryItem[]>> {
  const found = await findNetwork(db, slug);
  if (!found.ok) return found;
  const network = found.value;
  const member = (await viewerRole(db, network.id, viewer)) !== null;
  const scope = filters.scope ?? "all";
  const partners = await partnersOf(db, network.id, origin);
  const query = filters.q ? searchQuery(filters.q) : null;
  const limit = query ? SEARCH_RESULTS : LIBRARY_PAGE;
  const wanted = filters.network ? await networkFilter(db, filters.network, origin) : null;

  // Our own resources and those of partner networks of this instance.
  const ownVisible = member ? undefined : eq(resourceTable.visibility, "public");
  const partnerVisible = member ? inArray(resourceTable.visibility, ["partners", "public"]) : eq(resourceTable.visibility, "public");
  const localScopes = [
    scope !== "partners" ? and(eq(resourceTable.networkId, network.id), ownVisible) : undefined,
    scope !== "own" && partners.localIds.length > 0 ? and(inArray(resourceTable.networkId, partners.localIds), partnerVisible) : undefined,
  ].filter((s) => s !== undefined);
  const local =
    localScopes.length === 0 || (wanted && wanted.kind === "remote")
      ? []
      : await db
          .select({ resource: localColumns, network: networkTable, rank: query ? relevance(resourceTable.search, query) : sql<number>`0` })
          .from(resourceTable)
          .innerJoin(networkTable, eq(networkTable.id, resourceTable.networkId))
          .where(
            and(
              or(...localScopes),
              isNull(resourceTable.hiddenAt),
              wanted?.kind === "local" ? eq(networkTable.slug, wanted.slug) : undefined,
              filters.kind ? eq(resourceTable.kind, filters.kind) : undefined,
              filters.licence ? eq(resourceTable.licence, filters.licence) : undefined,
              filters.theme ? containsJson(resourceTable.themes, filters.theme) : undefined,
              query ? matches(resourceTable.search, query) : undefined,
              filters.before && !query ? lt(resourceTable.updatedAt, filters.before) : undefined,
            ),
          )
          .orderBy(query ? desc(relevance(resourceTable.search, query)) : desc(resourceTable.updatedAt), desc(resourceTable.id))
          .limit(limit);

  // What remote partner Groups sent us.
  const groups = wanted?.kind === "remote" ? partners.remoteGroups.filter((g) => g === wanted.id) : wanted ? [] : partners.remoteGroups;
  const remote =
    scope === "own" || groups.length === 0
      ? []
      : await db
          .select({ row: remoteColumns, group: remoteActorTable, rank: query ? relevance(remoteResourceTable.search, query) : sql<number>`0` })
          .from(remoteResourceTable)
          .innerJoin(remoteActorTable, eq(remoteActorTable.id, remoteResourceTable.groupId))
          .where(
            and(
              inArray(remoteResourceTable.groupId, groups),
              isNull(remoteResourceTable.deletedAt),
              member ? undefined : eq(remoteResourceTable.public, true),
              filters.kind ? eq(remoteResourceTable.kind, filters.kind) : undefined,
              filters.licence ? eq(remoteResourceTable.licence, filters.licence) : undefined,
              filters.theme ? containsJson(sql`${remoteResourceTable.themes}`, filters.theme) : undefined,
              query ? matches(remoteResourceTable.search, query) : undefined,
              filters.before && !query ? lt(remoteResourceTable.updated, filters.before) : undefined,
            ),
          )
          .orderBy(query ? desc(relevance(remoteResourceTable.search, query)) : desc(remoteResourceTable.updated))
          .limit(limit);

  const adopted = new Set(
    (await db.select({ originId: resourceAdoptionTable.originId }).from(resourceAdoptionTable).where(eq(resourceAdoptionTable.networkId, network.id))).map(
      (a) => a.originId,
    ),
  );
  const items: (LibraryItem & { rank: number })[] = [
    ...local.map(({ resource: r, network: n, rank }) => {
      const ref = resourceUrl(origin, n.slug, r.id);
      const own = n.id === network.id;
      return {
        ref,
        id: r.id,
        kind: r.kind,
        title: r.title,
        summary: r.summary,
        tags: r.tags,
        themes: r.themes,
        licence: r.licence,
        licenceLabel: licenceLabels[r.licence],
        visibility: own && member ? r.visibility : null,
        attribution: attributionLines(r.derivation),
        source: localSource(origin, n),
        own,
        adopted: adopted.has(ref),
        updatedAt: r.updatedAt,
        rank: Number(rank),
      };
    }),
    ...remote.map(({ row, group, rank }) => ({
      ref: row.id,
      id: null,
      kind: row.kind,
      title: row.title,
      summary: row.summary,
      tags: row.tags,
      themes: row.themes,
      licence: row.licence,
      licenceLabel: licenceLabels[row.licence],
      visibility: null,
      attribution: attributionLines(row.derivation),
      source: remoteSource(group),
      own: false,
      adopted: adopted.has(row.id),
      updatedAt: row.updated,
      rank: Number(rank),
    })),
  ];
  // Each source gave its best `limit`: merged, the first `limit` are the right ones.
  items.sort((a, b) => (query ? b.rank - a.rank : 0) || b.updatedAt.getTime() - a.updatedAt.getTime());
  return ok(items.slice(0, limit).map(({ rank: _, ...item }) => item));
}

type NetworkFilter = { kind: "local"; slug: string } | { kind: "remote"; id: string };

async function networkFilter(db: DatabaseLike, value: string, origin: string): Promise<NetworkFilter> {
  const prefix = networkUrl(origin, "");
  const slug = value.startsWith(prefix) ? value.slice(prefix.length) : URL.canParse(value) ? null : value;
  if (slug !== null) {
    const found = await findNetwork(db, slug);
    return { kind: "local", slug: found.ok ? found.value.slug : slug };
  }
  return { kind: "remote", id: value };
}

/** A partner's resource, for members of a network it is shared with (anyone, when public). */
export async function getSharedResource(db: DatabaseLike, viewer: Member | null, ref: string): Promise<Result<RemoteResourceView>> {
  const found = await findRemoteResource(db, ref);
  const notFound = fail("not_found", "resource_not_found", "No such resource, or you may not see it");
  if (!found) return notFound;
  if (!found.row.public && !(viewer && (viewer.isAdmin || (await isMemberOfPartner(db, viewer, found.group.id))))) return notFound;
  return ok(remoteResourceView(found.row, found.group));
}

async function isMemberOfPartner(db: DatabaseLike, viewer: Member, groupId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: partnershipTable.id })
    .from(partnershipTable)
    .innerJoin(membershipTable, eq(membershipTable.networkId, partnershipTable.networkId))
    .where(and(eq(membershipTable.memberId, viewer.id), eq(partnershipTable.partnerActorId, groupId), eq(partnershipTable.state, "active")))
    .limit(1);
  return row !== undefined;
}

/** A file the viewer may fetch through us: one of a visible partner resource's files, on its Group's host. */
export async function sharedFile(db: DatabaseLike, viewer: Member | null, ref: string, url: string): Promise<Result<string>> {
  const shared = await getSharedResource(db, viewer, ref);
  if (!shared.ok) return shared;
  const listed = shared.value.files.some((f) => f.url === url);
  if (!listed || new URL(url).host !== new URL(shared.value.source.id).host) return fail("not_found", "media_not_found", "No such file in this resource", "url");
  return ok(url);
}
