// Resources as the API shows them: rendered Markdown, licence, the
// attribution chain, files, and who may see them.
import { and, desc, eq } from "drizzle-orm";
import { seesHidden } from "../moderation/hidden-info.ts";
import type { DatabaseLike } from "../../../db/client.ts";
import {
  memberTable,
  networkTable,
  resourceTable,
  resourceVersionTable,
  type Attribution,
  type Licence,
  type Member,
  type Network,
  type Resource,
  type ResourceVersion,
  type Role,
} from "../../../db/schema/index.ts";
import { isLocalPartnerMember, maySee, viewerRole } from "../announcement-views.ts";
import type { ResourceItem } from "./commons.ts";
import { attributionLines, chainDemandsAttribution, licenceLabels, licenceUrl } from "./licences.ts";
import { renderMarkdown } from "../markdown.ts";
import { mediaOf, mediaView } from "../media.ts";
import { fail, ok, type Result } from "../result.ts";
import { isUuid } from "../ids.ts";

/** The resource's ActivityPub id and web page (content negotiation serves both). */
export const resourcePath = (slug: string, id: string) => `/n/${slug}/r/${id}`;
export const resourceUrl = (origin: string, slug: string, id: string) => new URL(resourcePath(slug, id), origin).href;
export const networkUrl = (origin: string, slug: string) => new URL(`/n/${slug}`, origin).href;

export interface FileView {
  id?: string;
  url: string;
  contentType: string | null;
  name: string | null;
  size?: number;
}

export interface SourceView {
  /** The network's Group IRI. */
  id: string;
  name: string;
  /** Set for networks of this instance. */
  slug: string | null;
  local: boolean;
}

export interface ResourceView {
  id: string;
  /** ActivityPub id and web page. */
  url: string;
  kind: Resource["kind"];
  title: string;
  summary: string;
  body: string;
  bodyHtml: string;
  tags: string[];
  themes: string[];
  authors: string[];
  licence: Licence;
  licenceLabel: string;
  licenceUrl: string;
  visibility: Resource["visibility"];
  version: number;
  derivation: Attribution[];
  /** "Adapté de « X » du réseau Y, CC BY-SA 4.0", shown with the resource. */
  attribution: string[];
  /** Whether the licence along the chain demands that the attribution stays. */
  attributionRequired: boolean;
  source: SourceView;
  files: FileView[];
  createdAt: Date;
  updatedAt: Date;
}

/** The resource's files (media owned by it). */
async function filesOf(db: DatabaseLike, origin: string, resourceId: string): Promise<FileView[]> {
  return (await mediaOf(db, { type: "resource", id: resourceId })).map((m) => mediaView(origin, m));
}

export const localSource = (origin: string, network: Network): SourceView => ({
  id: networkUrl(origin, network.slug),
  name: network.name,
  slug: network.slug,
  local: true,
});

export async function resourceView(db: DatabaseLike, origin: string, item: ResourceItem): Promise<ResourceView> {
  const { resource: r, network } = item;
  return {
    id: r.id,
    url: resourceUrl(origin, network.slug, r.id),
    kind: r.kind,
    title: r.title,
    summary: r.summary,
    body: r.body,
    bodyHtml: renderMarkdown(r.body),
    tags: r.tags,
    themes: r.themes,
    authors: r.authors,
    licence: r.licence,
    licenceLabel: licenceLabels[r.licence],
    licenceUrl: licenceUrl(r.licence),
    visibility: r.visibility,
    version: r.version,
    derivation: r.derivation,
    attribution: attributionLines(r.derivation),
    attributionRequired: chainDemandsAttribution(r.derivation),
    source: localSource(origin, network),
    files: await filesOf(db, origin, r.id),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** The resource with its network, whoever asks (callers check access). */
export async function findResource(db: DatabaseLike, id: string): Promise<ResourceItem | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ resource: resourceTable, network: networkTable })
    .from(resourceTable)
    .innerJoin(networkTable, eq(networkTable.id, resourceTable.networkId))
    .where(eq(resourceTable.id, id))
    .limit(1);
  return row ?? null;
}

/** The resource if `viewer` may see it (members; partners' members for `partners`; anyone for `public`). */
export async function loadResource(
  db: DatabaseLike,
  id: string,
  viewer: Member | null,
  origin: string,
): Promise<Result<ResourceItem & { role: Role | null }>> {
  const notFound = fail("not_found", "resource_not_found", "No such resource, or you may not see it");
  const item = await findResource(db, id);
  if (!item) return notFound;
  const role = await viewerRole(db, item.network.id, viewer);
  const partner = role === null && item.resource.visibility === "partners" && (await isLocalPartnerMember(db, item.network.id, viewer, origin));
  const shown = maySee(item.resource.visibility, role, partner) && seesHidden(item.resource.hiddenAt, item.resource.createdById, viewer, role);
  return shown ? ok({ ...item, role }) : notFound;
}

export async function getResource(db: DatabaseLike, viewer: Member | null, id: string, origin: string): Promise<Result<ResourceView>> {
  const loaded = await loadResource(db, id, viewer, origin);
  return loaded.ok ? ok(await resourceView(db, origin, loaded.value)) : loaded;
}

export interface VersionView {
  number: number;
  title: string;
  summary: string;
  body: string;
  bodyHtml: string;
  tags: string[];
  themes: string[];
  authors: string[];
  licence: Licence;
  editedBy: string | null;
  createdAt: Date;
}

const versionView = (v: ResourceVersion, editedBy: string | null): VersionView => ({
  number: v.number,
  title: v.title,
  summary: v.summary,
  body: v.body,
  bodyHtml: renderMarkdown(v.body),
  tags: v.tags,
  themes: v.themes,
  authors: v.authors,
  licence: v.licence,
  editedBy,
  createdAt: v.createdAt,
});

/** The history, newest first (who edited: members of the network only). */
export async function listVersions(db: DatabaseLike, viewer: Member | null, id: string, origin: string): Promise<Result<Omit<VersionView, "body" | "bodyHtml">[]>> {
  const loaded = await loadResource(db, id, viewer, origin);
  if (!loaded.ok) return loaded;
  const rows = await db
    .select({ version: resourceVersionTable, editor: memberTable.displayName })
    .from(resourceVersionTable)
    .leftJoin(memberTable, eq(memberTable.id, resourceVersionTable.editedById))
    .where(eq(resourceVersionTable.resourceId, id))
    .orderBy(desc(resourceVersionTable.number));
  return ok(
    rows.map(({ version, editor }) => {
      const { body: _b, bodyHtml: _h, ...rest } = versionView(version, loaded.value.role !== null ? editor : null);
      return rest;
    }),
  );
}

export async function getVersion(db: DatabaseLike, viewer: Member | null, id: string, number: number, origin: string): Promise<Result<VersionView>> {
  const loaded = await loadResource(db, id, viewer, origin);
  if (!loaded.ok) return loaded;
  const [row] = await db
    .select({ version: resourceVersionTable, editor: memberTable.displayName })
    .from(resourceVersionTable)
    .leftJoin(memberTable, eq(memberTable.id, resourceVersionTable.editedById))
    .where(and(eq(resourceVersionTable.resourceId, id), eq(resourceVersionTable.number, number)))
    .limit(1);
  if (!row) return fail("not_found", "version_not_found", `No version ${number} of this resource`);
  return ok(versionView(row.version, loaded.value.role !== null ? row.editor : null));
}
