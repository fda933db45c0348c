// Resources partner networks share with us: a Create or Update of an
// `Article` by a partner Group (its own Article) is taken in; a Delete turns
// it into a tombstone. The delivered copy is a notification: we fetch the
// Article from its id, signed as our instance actor (partner-only objects
// need it), because its schema.org terms (licence, attribution chain) are in
// the served document only.
import { Article, PUBLIC_COLLECTION, type Activity, type Object as APObject } from "@fedify/vocab";
import { resourceKinds, type Attribution, type NewRemoteResource, type ResourceKind } from "../../db/schema/index.ts";
import { findRemoteResource, isPartnerGroup, removeRemoteResource, saveRemoteResource } from "../../server/domain/commons/remote.ts";
import { licenceFromUrl } from "../../server/domain/commons/licences.ts";
import { markdownText, renderMarkdown } from "../../server/domain/markdown.ts";
import { inboxLogger, signedLoader, type FedContext, type FedInboxContext } from "../context.ts";
import { sanitizeRemoteHtml, toPlainText } from "../html.ts";
import { rememberActivityActor } from "../remote-actors.ts";
import { toDate } from "../temporal.ts";
import { storableJson } from "../../server/domain/text.ts";
import { webUrl } from "../../server/domain/web-url.ts";

type Json = Record<string, unknown>;

const MAX_BODY = 100_000;
const text = (value: unknown, max: number) => (typeof value === "string" ? toPlainText(value).slice(0, max) : "");
const strings = (value: unknown, max = 20) =>
  (Array.isArray(value) ? value : value == null ? [] : [value]).filter((v): v is string => typeof v === "string").map((v) => toPlainText(v).slice(0, 60)).filter(Boolean).slice(0, max);
const idOf = (value: unknown): string | null =>
  typeof value === "string" ? value : value && typeof value === "object" && typeof (value as Json).id === "string" ? ((value as Json).id as string) : null;
const httpUrl = (value: unknown): string | null => webUrl(idOf(value));

/** A Create or Update that is a partner Group's own Article: ours to take in. */
export async function isPartnerResource(ctx: FedContext, activity: Activity, object: APObject | null): Promise<boolean> {
  const actorId = activity.actorId?.href;
  return object instanceof Article && actorId !== undefined && object.attributionId?.href === actorId && (await isPartnerGroup(ctx.data.db, actorId));
}

/** The schema:isBasedOn chain of a served Article, checked link by link. */
function chainOf(value: unknown): Attribution[] {
  const links = (Array.isArray(value) ? value : value == null ? [] : [value]).slice(0, 20);
  const chain: Attribution[] = [];
  for (const link of links) {
    if (!link || typeof link !== "object") continue;
    const l = link as Json;
    const id = httpUrl(l.id);
    const group = l.attributedTo && typeof l.attributedTo === "object" ? (l.attributedTo as Json) : {};
    const licence = licenceFromUrl(idOf(l["schema:license"]));
    if (!id || !licence) continue;
    chain.push({
      id,
      url: httpUrl(l.url),
      title: text(l.name, 200) || id,
      networkId: httpUrl(group.id) ?? "",
      networkName: text(group.name, 200),
      authors: strings(l["schema:author"]),
      licence,
    });
  }
  return chain;
}

/** Fetches the Article at `id` and keeps it, if its Group is `groupId`. */
export async function fetchResource(ctx: FedContext, id: URL, groupId: string): Promise<boolean> {
  const loader = await signedLoader(ctx);
  const { document } = await loader(id.href);
  const doc = storableJson(document as Json);
  const article = await Article.fromJsonLd(doc, { documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader }).catch(() => null);
  if (!(article instanceof Article) || article.id?.href !== id.href || article.attributionId?.href !== groupId) return false;
  const source = article.source;
  const markdown = source && /markdown/i.test(source.mediaType ?? "") && typeof source.content === "string" ? source.content.slice(0, MAX_BODY) : null;
  const html = markdown !== null ? renderMarkdown(markdown) : sanitizeRemoteHtml(String(article.content ?? "").slice(0, MAX_BODY));
  const kind = resourceKinds.includes(doc["schema:learningResourceType"] as ResourceKind) ? (doc["schema:learningResourceType"] as ResourceKind) : "fiche";
  const files: NewRemoteResource["files"] = [];
  for await (const attachment of article.getAttachments({ documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader, suppressError: true })) {
    const url = attachment instanceof URL ? attachment : "url" in attachment && attachment.url instanceof URL ? attachment.url : null;
    if (!url || !/^https?:$/.test(url.protocol) || files.length >= 20) continue;
    const mediaType = "mediaType" in attachment && typeof attachment.mediaType === "string" ? attachment.mediaType : null;
    const name = "name" in attachment && attachment.name != null ? toPlainText(String(attachment.name)).slice(0, 200) : null;
    files.push({ url: url.href, mediaType, name });
  }
  const tags: string[] = [];
  for await (const tag of article.getTags({ documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader, suppressError: true })) {
    if (!(tag instanceof URL) && tag.name != null) tags.push(toPlainText(String(tag.name)).replace(/^#/, "").slice(0, 60));
  }
  const themes = strings(doc["schema:about"]);
  const saved = await saveRemoteResource(ctx.data.db, {
    id: id.href,
    groupId,
    kind,
    title: text(String(article.name ?? ""), 200) || id.href,
    summary: text(String(article.summary ?? ""), 1000),
    body: markdown ?? markdownText(html),
    contentHtml: html,
    url: webUrl(article.url) ?? id.href,
    tags: tags.filter((t) => t && !themes.includes(t)).slice(0, 20),
    themes,
    authors: strings(doc["schema:author"]),
    // No licence stated: nothing may be assumed but "all rights reserved".
    licence: licenceFromUrl(idOf(doc["schema:license"])) ?? "all-rights-reserved",
    files,
    derivation: chainOf(doc["schema:isBasedOn"]),
    public: article.toIds.some((u) => u.href === PUBLIC_COLLECTION.href) || article.ccIds.some((u) => u.href === PUBLIC_COLLECTION.href),
    published: toDate(article.published) ?? new Date(),
    updated: toDate(article.updated) ?? new Date(),
  });
  return saved;
}

/** Create or Update of a partner's Article. */
export async function receiveResource(ctx: FedInboxContext, activity: Activity, object: APObject): Promise<void> {
  const group = await rememberActivityActor(ctx, activity);
  // Only the Group's own server speaks for its resources (and we fetch nothing elsewhere).
  if (!group || object.id === null || object.id.origin !== new URL(group.id).origin) return;
  const kept = await fetchResource(ctx, object.id, group.id).catch((error) => {
    inboxLogger.warn("Fetching the resource {id} of {group} failed: {error}", { id: object.id?.href, group: group.id, error });
    // Thrown again: the queue retries later.
    throw error;
  });
  inboxLogger.debug("Resource {id} from {group}: {result}", { id: object.id?.href, group: group.id, result: kept ? "kept" : "refused" });
}

/** Delete from the Group of a resource we keep: a tombstone ("no longer available"). */
export async function removeResource(ctx: FedInboxContext, objectId: string, actorId: string): Promise<boolean> {
  if (!(await findRemoteResource(ctx.data.db, objectId))) return false;
  return removeRemoteResource(ctx.data.db, objectId, actorId);
}
