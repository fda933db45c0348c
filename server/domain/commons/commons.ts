// A network's library of commons: animators (and members, when the network
// allows) add resources, edit them (each edit keeps a version), remove them.
// Federation happens behind the `CommonsOutbox` port, in the same transaction
// as the change; a `network` resource is never handed to it.
import { eq } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import {
  commonsSettingsTable,
  resourceTable,
  resourceVersionTable,
  type Licence,
  type Member,
  type Network,
  type Resource,
  type ResourceKind,
  type Visibility,
} from "../../../db/schema/index.ts";
import { recordAct, type Actor } from "../acts.ts";
import { attachMedia, detachMedia, setMediaVisibility } from "../media.ts";
import { checkLicenceChange, mayDropAttribution } from "./licences.ts";
import { fail, ok, transact, type Result } from "../result.ts";
import { atLeast, requireRole } from "../roles.ts";
import { viewerRole } from "../announcement-views.ts";
import { findResource, resourceView, type ResourceView } from "./views.ts";

export const LIMITS = { title: 200, summary: 1000, body: 50_000, list: 20, word: 60 } as const;

export interface ResourceItem {
  resource: Resource;
  network: Network;
}

/** The port to the fediverse (federation/commons/outbox.ts); each call only enqueues, in `tx`. */
export interface CommonsOutbox {
  resourcePublished(tx: DatabaseLike, item: ResourceItem): Promise<void>;
  resourceUpdated(tx: DatabaseLike, item: ResourceItem): Promise<void>;
  resourceDeleted(tx: DatabaseLike, item: ResourceItem): Promise<void>;
  /** Public → partners: Delete to everyone who had it and may no longer see it; out of the public outbox. */
  resourceNarrowed(tx: DatabaseLike, item: ResourceItem): Promise<void>;
}

export const noCommonsOutbox: CommonsOutbox = {
  resourcePublished: async () => {},
  resourceUpdated: async () => {},
  resourceDeleted: async () => {},
  resourceNarrowed: async () => {},
};

export interface CommonsPublishing {
  origin: string;
  outbox: CommonsOutbox;
}

/** Files are media owned by the resource, with its visibility. */
export const resourceOwner = (resource: Resource) => ({ type: "resource", id: resource.id, networkId: resource.networkId, visibility: resource.visibility });

export interface ResourceInput {
  kind: ResourceKind;
  title: string;
  summary?: string;
  body?: string;
  tags?: string[];
  themes?: string[];
  authors?: string[];
  licence?: Licence;
  visibility?: Visibility;
  /** Uploaded files (POST /api/networks/{slug}/media, purpose document) to attach. */
  media?: string[];
}

export type ResourceChanges = Partial<Omit<ResourceInput, "kind">> & {
  /** Adaptations: drop the attribution chain (only when no licence along it demands it). */
  dropAttribution?: boolean;
};

const words = (list: string[] | undefined, field: string): Result<string[]> => {
  const cleaned = [...new Set((list ?? []).map((w) => w.trim()).filter(Boolean))];
  if (cleaned.length > LIMITS.list) return fail("invalid", "too_many_items", `At most ${LIMITS.list}`, field);
  if (cleaned.some((w) => w.length > LIMITS.word)) return fail("invalid", "item_too_long", `At most ${LIMITS.word} characters each`, field);
  return ok(cleaned);
};

type Content = Pick<Resource, "title" | "summary" | "body" | "tags" | "themes" | "authors" | "licence">;

/** Checks the content fields, over what is already there. */
function checkContent(input: ResourceChanges, current?: Content): Result<Content> {
  const title = (input.title ?? current?.title ?? "").trim();
  if (title === "") return fail("invalid", "title_empty", "Give it a title", "title");
  if (title.length > LIMITS.title) return fail("invalid", "title_too_long", `At most ${LIMITS.title} characters`, "title");
  const summary = (input.summary ?? current?.summary ?? "").trim();
  if (summary.length > LIMITS.summary) return fail("invalid", "summary_too_long", `At most ${LIMITS.summary} characters`, "summary");
  const body = input.body ?? current?.body ?? "";
  if (body.length > LIMITS.body) return fail("invalid", "body_too_long", `At most ${LIMITS.body} characters`, "body");
  const tags = words(input.tags ?? current?.tags, "tags");
  if (!tags.ok) return tags;
  const themes = words(input.themes ?? current?.themes, "themes");
  if (!themes.ok) return themes;
  const authors = words(input.authors ?? current?.authors, "authors");
  if (!authors.ok) return authors;
  const licence = input.licence ?? current?.licence ?? "CC-BY-SA-4.0";
  return ok({ title, summary, body, tags: tags.value, themes: themes.value, authors: authors.value, licence });
}

/** Animators always; plain members when the network allows it. */
async function mayAdd(db: DatabaseLike, slug: string, actor: Actor) {
  const allowed = await requireRole(db, slug, actor.by, "member");
  if (!allowed.ok) return allowed;
  if (atLeast(allowed.value.role, "animator")) return allowed;
  const [settings] = await db.select().from(commonsSettingsTable).where(eq(commonsSettingsTable.networkId, allowed.value.network.id));
  return settings?.membersMayAdd ? allowed : fail("forbidden", "commons_animators_only", "In this network, animators add resources to the library");
}

const federates = (visibility: Visibility) => visibility !== "network";

async function saveVersion(tx: DatabaseLike, resource: Resource, editedById: string) {
  const { id, version, title, summary, body, tags, themes, authors, licence } = resource;
  await tx.insert(resourceVersionTable).values({ resourceId: id, number: version, title, summary, body, tags, themes, authors, licence, editedById });
}

/** Inserts a resource (an original, or an adaptation with its chain) with its first version. */
export async function insertResource(
  tx: DatabaseLike,
  actor: Actor,
  network: Network,
  values: Content & Pick<Resource, "kind" | "visibility" | "derivation">,
  publishing: CommonsPublishing,
  media: string[] = [],
): Promise<Result<ResourceView>> {
  const [resource] = await tx
    .insert(resourceTable)
    .values({ ...values, networkId: network.id, createdById: actor.by.id })
    .returning();
  await saveVersion(tx, resource, actor.by.id);
  const item = { resource, network };
  const attached = await attachMedia(tx, actor, media, resourceOwner(resource));
  if (!attached.ok) return attached;
  await recordAct(tx, actor, "resource.add", { id: resource.id, kind: resource.kind, adapted: values.derivation.length > 0 }, network.id);
  if (federates(resource.visibility)) await publishing.outbox.resourcePublished(tx, item);
  return ok(await resourceView(tx, publishing.origin, item));
}

export async function addResource(
  db: DatabaseLike,
  actor: Actor,
  slug: string,
  input: ResourceInput,
  publishing: CommonsPublishing,
): Promise<Result<ResourceView>> {
  const content = checkContent(input);
  if (!content.ok) return content;
  return transact(db, async (tx) => {
    const allowed = await mayAdd(tx, slug, actor);
    if (!allowed.ok) return allowed;
    const values = { ...content.value, kind: input.kind, visibility: input.visibility ?? "network", derivation: [] };
    return insertResource(tx, actor, allowed.value.network, values, publishing, input.media);
  });
}

/** Its creator (who pressed the button, a sponsor included) and the network's animators. */
async function mayChange(db: DatabaseLike, item: ResourceItem, actor: Member): Promise<Result<null>> {
  const role = await viewerRole(db, item.network.id, actor);
  if (atLeast(role, "animator") || (role !== null && item.resource.createdById === actor.id)) return ok(null);
  return fail("forbidden", "not_resource_editor", "Only its author or an animator may change this resource");
}

export async function editResource(
  db: DatabaseLike,
  actor: Actor,
  id: string,
  changes: ResourceChanges,
  publishing: CommonsPublishing,
): Promise<Result<ResourceView>> {
  return transact(db, async (tx) => {
    const found = await findResource(tx, id);
    if (!found) return fail("not_found", "resource_not_found", "No such resource");
    const allowed = await mayChange(tx, found, actor.by);
    if (!allowed.ok) return allowed;
    const current = found.resource;
    const content = checkContent(changes, current);
    if (!content.ok) return content;
    let derivation = current.derivation;
    if (derivation.length > 0 && content.value.licence !== current.licence) {
      const licence = checkLicenceChange(derivation[0].licence, content.value.licence);
      if (!licence.ok) return licence;
    }
    if (changes.dropAttribution && derivation.length > 0) {
      const drop = mayDropAttribution(derivation);
      if (!drop.ok) return drop;
      derivation = [];
    }
    const visibility = changes.visibility ?? current.visibility;
    const [resource] = await tx
      .update(resourceTable)
      .set({ ...content.value, visibility, derivation, version: current.version + 1, updatedAt: new Date() })
      .where(eq(resourceTable.id, id))
      .returning();
    await saveVersion(tx, resource, actor.by.id);
    const item = { resource, network: found.network };
    if (changes.media !== undefined) {
      await detachMedia(tx, resourceOwner(resource), changes.media);
      const attached = await attachMedia(tx, actor, changes.media, resourceOwner(resource));
      if (!attached.ok) return attached;
    }
    if (visibility !== current.visibility) await setMediaVisibility(tx, resourceOwner(resource), visibility);
    await recordAct(tx, actor, "resource.edit", { id, version: resource.version }, found.network.id);
    if (federates(visibility) && federates(current.visibility) && visibility === current.visibility) await publishing.outbox.resourceUpdated(tx, item);
    else if (federates(visibility)) {
      if (current.visibility === "public") await publishing.outbox.resourceNarrowed(tx, item);
      await publishing.outbox.resourcePublished(tx, item);
    }
    else if (federates(current.visibility)) await publishing.outbox.resourceDeleted(tx, { resource: current, network: found.network });
    return ok(await resourceView(tx, publishing.origin, item));
  });
}

/** Removes it (bookings and versions go with it); Delete federates, adopted references elsewhere turn "no longer available". */
export async function deleteResource(db: DatabaseLike, actor: Actor, id: string, publishing: CommonsPublishing): Promise<Result<null>> {
  return transact(db, async (tx) => {
    const found = await findResource(tx, id);
    if (!found) return fail("not_found", "resource_not_found", "No such resource");
    const allowed = await mayChange(tx, found, actor.by);
    if (!allowed.ok) return allowed;
    await detachMedia(tx, resourceOwner(found.resource));
    await tx.delete(resourceTable).where(eq(resourceTable.id, id));
    await recordAct(tx, actor, "resource.delete", { id, title: found.resource.title }, found.network.id);
    if (federates(found.resource.visibility)) await publishing.outbox.resourceDeleted(tx, found);
    return ok(null);
  });
}

/** Animators decide whether plain members may add resources. */
export async function setCommonsSettings(db: DatabaseLike, actor: Actor, slug: string, membersMayAdd: boolean): Promise<Result<{ membersMayAdd: boolean }>> {
  return transact(db, async (tx) => {
    const allowed = await requireRole(tx, slug, actor.by, "animator");
    if (!allowed.ok) return allowed;
    const networkId = allowed.value.network.id;
    await tx.insert(commonsSettingsTable).values({ networkId, membersMayAdd }).onConflictDoUpdate({ target: commonsSettingsTable.networkId, set: { membersMayAdd } });
    await recordAct(tx, actor, "commons.settings", { membersMayAdd }, networkId);
    return ok({ membersMayAdd });
  });
}

/** Said up front, before anyone fills the form: whether this member may add resources here, and why not. */
export async function commonsPermission(db: DatabaseLike, actor: Actor, slug: string): Promise<Result<{ membersMayAdd: boolean; mayAdd: boolean; reason: string | null }>> {
  const member = await requireRole(db, slug, actor.by, "member");
  if (!member.ok) return member;
  const [settings] = await db.select().from(commonsSettingsTable).where(eq(commonsSettingsTable.networkId, member.value.network.id));
  const membersMayAdd = settings?.membersMayAdd ?? false;
  const allowed = await mayAdd(db, slug, actor);
  return ok({ membersMayAdd, mayAdd: allowed.ok, reason: allowed.ok ? null : allowed.error.code });
}
