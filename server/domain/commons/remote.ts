// Resources received from partner networks' Groups (the federation converts
// the Article; this keeps it), and which networks a network shares with.
import { and, eq, inArray } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import {
  networkTable,
  partnershipTable,
  remoteActorTable,
  remoteResourceTable,
  type NewRemoteResource,
  type RemoteActor,
  type RemoteResource,
} from "../../../db/schema/index.ts";
import { attributionLines, chainDemandsAttribution, licenceLabels, licenceUrl } from "./licences.ts";
import type { FileView, SourceView } from "./views.ts";

/** A network's active partners: networks of this instance (by id) and remote Groups (by IRI). */
export async function partnersOf(db: DatabaseLike, networkId: string, origin: string): Promise<{ localIds: string[]; remoteGroups: string[] }> {
  const rows = await db
    .select({ actorId: partnershipTable.partnerActorId })
    .from(partnershipTable)
    .where(and(eq(partnershipTable.networkId, networkId), eq(partnershipTable.state, "active")));
  const local = new URL(origin).origin;
  const slugs: string[] = [];
  const remoteGroups: string[] = [];
  for (const { actorId } of rows) {
    const url = URL.canParse(actorId) ? new URL(actorId) : null;
    const slug = url?.origin === local ? /^\/n\/([^/]+)$/.exec(url.pathname)?.[1] : undefined;
    if (slug) slugs.push(slug);
    else remoteGroups.push(actorId);
  }
  const localIds =
    slugs.length === 0 ? [] : (await db.select({ id: networkTable.id }).from(networkTable).where(inArray(networkTable.slug, slugs))).map((n) => n.id);
  return { localIds, remoteGroups };
}

/** Whether some network of ours is an active partner of this Group: only partners' resources are taken in. */
export async function isPartnerGroup(db: DatabaseLike, groupId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: partnershipTable.id })
    .from(partnershipTable)
    .where(and(eq(partnershipTable.partnerActorId, groupId), eq(partnershipTable.state, "active")))
    .limit(1);
  return row !== undefined;
}

export async function findRemoteResource(db: DatabaseLike, id: string): Promise<{ row: RemoteResource; group: RemoteActor } | null> {
  const [found] = await db
    .select({ row: remoteResourceTable, group: remoteActorTable })
    .from(remoteResourceTable)
    .innerJoin(remoteActorTable, eq(remoteActorTable.id, remoteResourceTable.groupId))
    .where(eq(remoteResourceTable.id, id))
    .limit(1);
  return found ?? null;
}

/**
 * Stores or refreshes a partner's resource. An existing one is only replaced
 * by its own Group (nobody else may rewrite it); a deleted one stays deleted.
 */
export async function saveRemoteResource(db: DatabaseLike, values: NewRemoteResource): Promise<boolean> {
  const existing = await findRemoteResource(db, values.id);
  if (existing && (existing.row.groupId !== values.groupId || existing.row.deletedAt)) return false;
  const { id: _, published: _p, ...update } = values;
  await db.insert(remoteResourceTable).values(values).onConflictDoUpdate({ target: remoteResourceTable.id, set: update });
  return true;
}

/** The Group removed it: a tombstone keeps its title for the references that pointed at it. */
export async function removeRemoteResource(db: DatabaseLike, id: string, groupId: string): Promise<boolean> {
  const removed = await db
    .update(remoteResourceTable)
    .set({ deletedAt: new Date(), body: "", contentHtml: "", summary: "", files: [] })
    .where(and(eq(remoteResourceTable.id, id), eq(remoteResourceTable.groupId, groupId)))
    .returning({ id: remoteResourceTable.id });
  return removed.length > 0;
}

export const remoteSource = (group: RemoteActor): SourceView => ({
  id: group.id,
  name: group.name ?? group.handle ?? group.host,
  slug: null,
  local: false,
});

export interface RemoteResourceView {
  /** Its ActivityPub id. */
  id: string;
  url: string;
  kind: RemoteResource["kind"];
  title: string;
  summary: string;
  body: string;
  bodyHtml: string;
  tags: string[];
  themes: string[];
  authors: string[];
  licence: RemoteResource["licence"];
  licenceLabel: string;
  licenceUrl: string;
  derivation: RemoteResource["derivation"];
  attribution: string[];
  attributionRequired: boolean;
  source: SourceView;
  files: FileView[];
  available: boolean;
  updatedAt: Date;
}

export function remoteResourceView(row: RemoteResource, group: RemoteActor): RemoteResourceView {
  return {
    id: row.id,
    url: row.url ?? row.id,
    kind: row.kind,
    title: row.title,
    summary: row.summary,
    body: row.body,
    // Their Markdown rendered by us when they sent it, else their HTML, sanitised on receipt.
    bodyHtml: row.contentHtml,
    tags: row.tags,
    themes: row.themes,
    authors: row.authors,
    licence: row.licence,
    licenceLabel: licenceLabels[row.licence],
    licenceUrl: licenceUrl(row.licence),
    derivation: row.derivation,
    attribution: attributionLines(row.derivation),
    attributionRequired: chainDemandsAttribution(row.derivation),
    source: remoteSource(group),
    files: row.files.map((f) => ({ url: f.url, contentType: f.mediaType, name: f.name })),
    available: row.deletedAt === null,
    updatedAt: row.updated,
  };
}
