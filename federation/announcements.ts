// An announcement as a Note (Mastodon shows Notes fully): readable French HTML
// with hashtags and a link to its page, served at its id to ActivityPub clients
// that may see it. `network` ones are never served (404); `partners` ones only
// to signed requests from partner instances (access.ts; 401 otherwise).
import { Hashtag, Image, LanguageString, Note, PUBLIC_COLLECTION } from "@fedify/vocab";
import { mediaOf, mediaUrl } from "../server/domain/media.ts";
import { ANNOUNCEMENT_TAG, hashtagLink, hashtagOf, renderText } from "../server/domain/announcement-html.ts";
import { ANNOUNCEMENT_MEDIA, tagHref } from "../server/domain/announcement-views.ts";
import { findAnnouncement, type AnnouncementItem } from "../server/domain/announcements.ts";
import { activePartnerIds, mayFetch } from "./access.ts";
import type { FedContext, FedRequestContext } from "./context.ts";
import { escapeHtml } from "./html.ts";
import { memberIdentifier, networkIdentifier } from "./identifiers.ts";
import { toInstant } from "./temporal.ts";
import { oncePerRequest } from "./request-memo.ts";

/** Also the web page's path: the SPA shows it to browsers (see FEDERATION.md). */
export const ANNOUNCEMENT_PATH = "/n/{slug}/a/{id}";

export const announcementUri = (ctx: FedContext, slug: string, id: string): URL => ctx.getObjectUri(Note, { slug, id });

/** The Note's HTML: the text, then the hashtags and a link to the announcement's page. */
export function announcementHtml(ctx: FedContext, item: AnnouncementItem): { html: string; hashtags: string[] } {
  const { announcement, network } = item;
  const href = tagHref(ctx.canonicalOrigin, network.slug);
  const body = renderText(announcement.content, href);
  const networkTag = hashtagOf(network.name, network.slug);
  const footerTags = [ANNOUNCEMENT_TAG, networkTag].filter(Boolean);
  const seen = new Set<string>();
  const hashtags = [...footerTags, ...body.hashtags].filter((t) => !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
  const page = announcementUri(ctx, network.slug, announcement.id).href;
  const footer =
    `<p>${footerTags.map((t) => hashtagLink(t, href(t))).join(" ")}</p>` +
    `<p><a href="${escapeHtml(page)}">Voir l’annonce sur la page du réseau ${escapeHtml(network.name)}</a></p>`;
  return { html: body.html + footer, hashtags };
}

/** Addressing as delivered (publish.ts sets the same on the object it sends). */
async function addressing(ctx: FedContext, item: AnnouncementItem) {
  const group = networkIdentifier(item.network.slug);
  if (item.announcement.visibility === "public") return { to: PUBLIC_COLLECTION, cc: ctx.getFollowersUri(group) };
  const partners = await activePartnerIds(ctx.data.db, item.network.id);
  return { tos: partners.filter((p) => URL.canParse(p)).map((p) => new URL(p)) };
}

export async function buildAnnouncementNote(ctx: FedContext, item: AnnouncementItem): Promise<Note> {
  const { announcement, network, author } = item;
  const id = announcementUri(ctx, network.slug, announcement.id);
  const group = ctx.getActorUri(networkIdentifier(network.slug));
  const { html, hashtags } = announcementHtml(ctx, item);
  const href = tagHref(ctx.canonicalOrigin, network.slug);
  const photos = await mediaOf(ctx.data.db, { type: ANNOUNCEMENT_MEDIA, id: announcement.id });
  return new Note({
    id,
    url: id,
    attribution: author ? ctx.getActorUri(memberIdentifier(author.handle)) : group,
    audience: group,
    contents: [html, new LanguageString(html, "fr")],
    tags: hashtags.map((t) => new Hashtag({ href: new URL(href(t)), name: `#${t}` })),
    // Mastodon shows Image attachments under the text, `name` as their alt text.
    attachments: photos.map(
      (p) => new Image({ url: new URL(mediaUrl(ctx.canonicalOrigin, p)), mediaType: p.contentType, name: p.description || null, width: p.width, height: p.height }),
    ),
    published: toInstant(announcement.createdAt),
    updated: announcement.updatedAt ? toInstant(announcement.updatedAt) : null,
    ...(await addressing(ctx, item)),
  });
}

type Values = Record<"slug" | "id", string>;

async function servable(ctx: FedRequestContext, values: Values): Promise<AnnouncementItem | null> {
  // Authorize then dispatch: one read per request.
  const item = await oncePerRequest(ctx.data.db, `announcement:${values.id}`, () => findAnnouncement(ctx.data.db, values.id));
  if (!item || item.network.slug !== values.slug || item.announcement.visibility === "network" || item.announcement.hiddenAt) return null;
  return item;
}

export async function dispatchAnnouncement(ctx: FedRequestContext, values: Values): Promise<Note | null> {
  const item = await servable(ctx, values);
  return item ? buildAnnouncementNote(ctx, item) : null;
}

export async function authorizeAnnouncement(ctx: FedRequestContext, values: Values): Promise<boolean> {
  const item = await servable(ctx, values);
  return item !== null && (await mayFetch(ctx, item.network.id, item.announcement.visibility));
}
