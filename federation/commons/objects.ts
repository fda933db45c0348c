// A resource of the commons as an `Article`: name, summary, content (the
// Markdown rendered, then the attribution and the licence as readable HTML),
// `source` (the Markdown), url, files as `attachment` Documents with their
// media type, tags, plus schema.org terms Fedify's vocabulary lacks:
// `schema:license` (a URL), `schema:isBasedOn` (the attribution chain),
// `schema:learningResourceType` (the kind), `schema:about` (themes) and
// `schema:author` (authors' names). Served at its id to ActivityPub clients
// that may see it: `network` never (404), `partners` only to signed requests
// from partner instances (401 otherwise).
import { Article, Document, LanguageString, PUBLIC_COLLECTION, Source } from "@fedify/vocab";
import type { Attribution } from "../../db/schema/index.ts";
import type { ResourceItem } from "../../server/domain/commons/commons.ts";
import { findResource, resourceView, type ResourceView } from "../../server/domain/commons/views.ts";
import { licenceUrl } from "../../server/domain/commons/licences.ts";
import { activePartnerIds, mayFetch } from "../access.ts";
import type { FedContext, FedRequestContext } from "../context.ts";
import { escapeHtml } from "../html.ts";
import { frenchLine, hashtagObjects, resourcePost } from "../readable.ts";
import { networkIdentifier } from "../identifiers.ts";
import { toInstant } from "../temporal.ts";
import { oncePerRequest } from "../request-memo.ts";

/** Also the web page's path (the SPA shows it to browsers). */
export const RESOURCE_PATH = "/n/{slug}/r/{id}";

/** The JSON-LD terms we add to the ActivityStreams context. */
export const SCHEMA_CONTEXT = { schema: "http://schema.org/" } as const;

export const kindLabels: Record<ResourceView["kind"], string> = {
  fiche: "Fiche",
  kit: "Kit de démarrage",
  formation: "Support de formation",
  materiel: "Matériel à prêter",
  lieu: "Lieu à partager",
};

function attributionHtml(chain: Attribution[]): string {
  return chain
    .map((link) => {
      const title = link.url ? `<a href="${escapeHtml(link.url)}">${escapeHtml(link.title)}</a>` : escapeHtml(link.title);
      const by = link.authors.length ? ` (${escapeHtml(link.authors.join(", "))})` : "";
      return `<p>Adapté de « ${title} » du réseau <a href="${escapeHtml(link.networkId)}">${escapeHtml(link.networkName)}</a>${by}, ` +
        `<a href="${escapeHtml(licenceUrl(link.licence))}" rel="license">${escapeHtml(link.licence)}</a></p>`;
    })
    .join("");
}

/** The HTML other servers show: title and subtitle, the body, the chain, the licence, hashtags and the link (readable.ts). */
export function resourcePostOf(origin: string, item: ResourceItem, view: ResourceView) {
  return resourcePost({
    origin,
    network: item.network,
    title: view.title,
    summary: view.summary,
    kindLabel: kindLabels[view.kind],
    bodyHtml:
      view.bodyHtml +
      attributionHtml(view.derivation) +
      `<p>${escapeHtml(kindLabels[view.kind])} — licence <a href="${escapeHtml(view.licenceUrl)}" rel="license">${escapeHtml(view.licenceLabel)}</a></p>`,
    // As written (partners keep them so); the footer's tags are Mastodon-style words.
    tags: [...view.tags, ...view.themes],
    page: view.url,
  });
}

async function addressing(ctx: FedContext, item: ResourceItem) {
  if (item.resource.visibility === "public") return { to: PUBLIC_COLLECTION, cc: ctx.getFollowersUri(networkIdentifier(item.network.slug)) };
  const partners = await activePartnerIds(ctx.data.db, item.network.id);
  return { tos: partners.filter((p) => URL.canParse(p)).map((p) => new URL(p)) };
}

/** The chain as `schema:isBasedOn` nodes (nearest origin first). */
const basedOn = (chain: Attribution[]) =>
  chain.map((link) => ({
    type: "Article",
    id: link.id,
    name: link.title,
    ...(link.url ? { url: link.url } : {}),
    attributedTo: { type: "Group", id: link.networkId, name: link.networkName },
    "schema:license": licenceUrl(link.licence),
    "schema:author": link.authors,
  }));

/** The Article, with the schema.org terms kept in its JSON-LD (what the dispatcher serves). */
export async function buildResourceArticle(ctx: FedContext, item: ResourceItem): Promise<Article> {
  const view = await resourceView(ctx.data.db, ctx.canonicalOrigin, item);
  const id = ctx.getObjectUri(Article, { slug: item.network.slug, id: item.resource.id });
  const group = ctx.getActorUri(networkIdentifier(item.network.slug));
  const post = resourcePostOf(ctx.canonicalOrigin, item, view);
  const html = post.html;
  const base = new Article({
    id,
    url: id,
    attribution: group,
    audience: group,
    name: view.title,
    // The subtitle for Mastodon, never a content warning elsewhere (readable.ts).
    summaries: frenchLine(post.line),
    contents: [html, new LanguageString(html, "fr")],
    mediaType: "text/html",
    sensitive: false,
    source: new Source({ content: view.body, mediaType: "text/markdown" }),
    attachments: view.files.map((f) => new Document({ url: new URL(f.url), mediaType: f.contentType, name: f.name })),
    tags: hashtagObjects(ctx.canonicalOrigin, item.network.slug, post.hashtags),
    published: toInstant(item.resource.createdAt),
    updated: toInstant(item.resource.updatedAt),
    ...(await addressing(ctx, item)),
  });
  const json = (await base.toJsonLd({ format: "compact", contextLoader: ctx.contextLoader })) as Record<string, unknown>;
  const context = Array.isArray(json["@context"]) ? json["@context"] : [json["@context"]];
  const extended = {
    ...json,
    "@context": [...context, SCHEMA_CONTEXT],
    "schema:license": view.licenceUrl,
    "schema:learningResourceType": view.kind,
    "schema:about": view.themes,
    "schema:author": view.authors,
    "schema:version": view.version,
    ...(view.derivation.length ? { "schema:isBasedOn": basedOn(view.derivation) } : {}),
  };
  return Article.fromJsonLd(extended, { documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader });
}

type Values = Record<"slug" | "id", string>;

async function servable(ctx: FedRequestContext, values: Values): Promise<ResourceItem | null> {
  // Authorize then dispatch: one read per request.
  const item = await oncePerRequest(ctx.data.db, `resource:${values.id}`, () => findResource(ctx.data.db, values.id));
  if (!item || item.network.slug !== values.slug || item.resource.visibility === "network" || item.resource.hiddenAt) return null;
  return item;
}

export async function dispatchResource(ctx: FedRequestContext, values: Values): Promise<Article | null> {
  const item = await servable(ctx, values);
  return item ? buildResourceArticle(ctx, item) : null;
}

export async function authorizeResource(ctx: FedRequestContext, values: Values): Promise<boolean> {
  const item = await servable(ctx, values);
  return item !== null && (await mayFetch(ctx, item.network.id, item.resource.visibility));
}
