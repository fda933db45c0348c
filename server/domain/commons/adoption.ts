// Taking in a partner's resource. Adopt: a reference that follows the
// original (its updates show, its deletion shows "no longer available").
// Adapt: a copy our network edits, carrying the attribution chain and a
// licence the original allows (licences.ts).
import { and, desc, eq, inArray } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { remoteResourceTable, resourceAdoptionTable, type Attribution, type Licence, type Member, type Visibility } from "../../../db/schema/index.ts";
import { recordAct, type Actor } from "../acts.ts";
import { viewerRole } from "../announcement-views.ts";
import { insertResource, type CommonsPublishing } from "./commons.ts";
import { findRemoteResource, partnersOf, remoteResourceView, type RemoteResourceView } from "./remote.ts";
import { findResource, networkUrl, resourceUrl, resourceView, type ResourceView } from "./views.ts";
import { adaptationLicence, extendChain } from "./licences.ts";
import { fail, ok, transact, type Result } from "../result.ts";
import { findNetwork, requireRole } from "../roles.ts";

/** An origin as seen by the network taking it in: local or remote, always as the remote view's shape. */
type Origin = RemoteResourceView & { networkId: string };

const notFound = fail("not_found", "origin_not_found", "No resource of a partner network at this address", "origin");

/** The origin, if it is a resource a partner network shares with `networkId` (or anyone's public one). */
async function resolveOrigin(db: DatabaseLike, networkId: string, ref: string, origin: string): Promise<Result<Origin>> {
  const partners = await partnersOf(db, networkId, origin);
  const localPrefix = networkUrl(origin, "");
  if (ref.startsWith(localPrefix)) {
    const match = /^([^/]+)\/r\/([^/?#]+)$/.exec(ref.slice(localPrefix.length));
    const item = match ? await findResource(db, match[2]) : null;
    if (!item || item.network.slug !== match![1] || item.network.id === networkId) return notFound;
    const shared = item.resource.visibility === "public" || (item.resource.visibility === "partners" && partners.localIds.includes(item.network.id));
    if (!shared) return notFound;
    const view = await resourceView(db, origin, item);
    return ok({ ...view, id: ref, available: true, networkId: item.network.id });
  }
  const found = await findRemoteResource(db, ref);
  if (!found || !partners.remoteGroups.includes(found.group.id)) return notFound;
  return ok({ ...remoteResourceView(found.row, found.group), networkId: found.group.id });
}

/** Adopt as is: a reference. Animators only. */
export async function adoptResource(db: DatabaseLike, actor: Actor, slug: string, ref: string, origin: string): Promise<Result<RemoteResourceView>> {
  return transact(db, async (tx) => {
    const allowed = await requireRole(tx, slug, actor.by, "animator");
    if (!allowed.ok) return allowed;
    const { network } = allowed.value;
    const found = await resolveOrigin(tx, network.id, ref, origin);
    if (!found.ok) return found;
    if (!found.value.available) return fail("gone", "origin_removed", "This resource was removed by its network", "origin");
    const inserted = await tx
      .insert(resourceAdoptionTable)
      .values({ networkId: network.id, originId: ref, adoptedById: actor.by.id })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) return fail("conflict", "already_adopted", "Your network already adopted this resource", "origin");
    await recordAct(tx, actor, "resource.adopt", { origin: ref }, network.id);
    const { networkId: _, ...view } = found.value;
    return ok(view);
  });
}

export async function dropAdoption(db: DatabaseLike, actor: Actor, slug: string, ref: string): Promise<Result<null>> {
  return transact(db, async (tx) => {
    const allowed = await requireRole(tx, slug, actor.by, "animator");
    if (!allowed.ok) return allowed;
    const deleted = await tx
      .delete(resourceAdoptionTable)
      .where(and(eq(resourceAdoptionTable.networkId, allowed.value.network.id), eq(resourceAdoptionTable.originId, ref)))
      .returning();
    if (deleted.length === 0) return fail("not_found", "adoption_not_found", "Your network did not adopt this resource", "origin");
    await recordAct(tx, actor, "resource.unadopt", { origin: ref }, allowed.value.network.id);
    return ok(null);
  });
}

export interface AdaptInput {
  origin: string;
  licence?: Licence;
  visibility?: Visibility;
}

/** Adapt: a copy for our network to edit, with the attribution chain the licence demands. Animators only. */
export async function adaptResource(
  db: DatabaseLike,
  actor: Actor,
  slug: string,
  input: AdaptInput,
  publishing: CommonsPublishing,
): Promise<Result<ResourceView>> {
  return transact(db, async (tx) => {
    const allowed = await requireRole(tx, slug, actor.by, "animator");
    if (!allowed.ok) return allowed;
    const { network } = allowed.value;
    const found = await resolveOrigin(tx, network.id, input.origin, publishing.origin);
    if (!found.ok) return found;
    const o = found.value;
    if (!o.available) return fail("gone", "origin_removed", "This resource was removed by its network", "origin");
    const licence = adaptationLicence(o.licence, input.licence);
    if (!licence.ok) return licence;
    const link: Attribution = {
      id: o.id,
      url: o.url,
      title: o.title,
      networkId: o.source.id,
      networkName: o.source.name,
      authors: o.authors,
      licence: o.licence,
    };
    const values = {
      kind: o.kind,
      title: o.title,
      summary: o.summary,
      body: o.body,
      tags: o.tags,
      themes: o.themes,
      authors: o.authors,
      licence: licence.value,
      visibility: input.visibility ?? "network",
      derivation: extendChain(link, o.derivation),
    };
    return insertResource(tx, actor, network, values, publishing);
  });
}

export interface AdoptedView extends RemoteResourceView {
  adoptedAt: Date;
}

/** The network's references, with the original's current state ("no longer available" once removed). */
export async function listAdopted(db: DatabaseLike, viewer: Member | null, slug: string, origin: string): Promise<Result<AdoptedView[]>> {
  const found = await findNetwork(db, slug);
  if (!found.ok) return found;
  if ((await viewerRole(db, found.value.id, viewer)) === null) return fail("forbidden", "not_a_member", "You are not a member of this network");
  const adoptions = await db
    .select()
    .from(resourceAdoptionTable)
    .where(eq(resourceAdoptionTable.networkId, found.value.id))
    .orderBy(desc(resourceAdoptionTable.createdAt));
  const remoteIds = adoptions.map((a) => a.originId);
  const remote = remoteIds.length === 0 ? [] : await db.select({ id: remoteResourceTable.id }).from(remoteResourceTable).where(inArray(remoteResourceTable.id, remoteIds));
  const known = new Set(remote.map((r) => r.id));
  const views: AdoptedView[] = [];
  for (const adoption of adoptions) {
    const view = known.has(adoption.originId) ? await remoteView(db, adoption.originId) : await localView(db, adoption.originId, origin);
    views.push(view ? { ...view, adoptedAt: adoption.createdAt } : gone(adoption.originId, adoption.createdAt));
  }
  return ok(views);
}

async function remoteView(db: DatabaseLike, id: string) {
  const found = await findRemoteResource(db, id);
  return found ? remoteResourceView(found.row, found.group) : null;
}

async function localView(db: DatabaseLike, ref: string, origin: string): Promise<RemoteResourceView | null> {
  const id = /\/r\/([^/?#]+)$/.exec(ref)?.[1];
  const item = id ? await findResource(db, id) : null;
  if (!item || resourceUrl(origin, item.network.slug, item.resource.id) !== ref || item.resource.visibility === "network") return null;
  return { ...(await resourceView(db, origin, item)), id: ref, available: true };
}

/** A reference whose original is gone from this instance altogether. */
const gone = (ref: string, adoptedAt: Date): AdoptedView => ({
  id: ref,
  url: ref,
  kind: "fiche",
  title: "",
  summary: "",
  body: "",
  bodyHtml: "",
  tags: [],
  themes: [],
  authors: [],
  licence: "all-rights-reserved",
  licenceLabel: "",
  licenceUrl: "",
  derivation: [],
  attribution: [],
  attributionRequired: false,
  source: { id: "", name: "", slug: null, local: true },
  files: [],
  available: false,
  updatedAt: adoptedAt,
  adoptedAt,
});
