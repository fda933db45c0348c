// The Status entity (docs.joinmastodon.org/entities/Status) and the words each
// Maillage item becomes in an app: an offer « Je propose : … » with its theme
// and place, an event its date and place in French, a resource its licence. Pure.
import type { AccountEntity } from "./account.ts";
import { escapeHtml } from "./html.ts";

/** announcement, offer or request, event, resource, post from elsewhere, message in an offer's conversation. */
export type ItemKind = "a" | "o" | "e" | "r" | "p" | "m";
export type MastodonVisibility = "public" | "unlisted" | "private" | "direct";

/** Maillage's visibilities as Mastodon's: partners ≈ unlisted, network ≈ followers-only. */
export const visibilityOf = (v: "public" | "partners" | "network"): MastodonVisibility => (v === "public" ? "public" : v === "partners" ? "unlisted" : "private");

export interface MediaInput {
  id: string;
  url: string;
  contentType: string;
  description: string;
  width: number | null;
  height: number | null;
}

export interface CardInput {
  url: string;
  title: string;
  description: string;
  image: string | null;
}

export interface StatusInput {
  id: string;
  kind: ItemKind;
  createdAt: Date;
  editedAt: Date | null;
  url: string;
  account: AccountEntity;
  contentHtml: string;
  /** The source text, for editing (announcements). */
  text: string | null;
  visibility: MastodonVisibility;
  media: MediaInput[];
  card: CardInput | null;
  tags: string[];
  counts: { replies: number; reblogs: number; favourites: number };
  viewer?: { favourited: boolean; reblogged: boolean; bookmarked: boolean };
  inReplyTo?: { id: string; accountId: string };
}

const mediaType = (contentType: string) =>
  contentType.startsWith("image/gif") ? "gifv" : contentType.startsWith("image/") ? "image" : contentType.startsWith("video/") ? "video" : contentType.startsWith("audio/") ? "audio" : "unknown";

export function mediaEntity(m: MediaInput) {
  const original = m.width && m.height ? { width: m.width, height: m.height, size: `${m.width}x${m.height}`, aspect: m.width / m.height } : undefined;
  return {
    id: m.id,
    type: mediaType(m.contentType),
    url: m.url,
    preview_url: m.url,
    remote_url: null,
    preview_remote_url: null,
    text_url: null,
    meta: original ? { original, small: original } : {},
    description: m.description || null,
    blurhash: null,
  };
}

export function cardEntity(card: CardInput, providerUrl: string) {
  return {
    url: card.url,
    title: card.title,
    description: card.description,
    type: "link",
    author_name: "",
    author_url: "",
    provider_name: "Maillage",
    provider_url: providerUrl,
    html: "",
    width: 0,
    height: 0,
    image: card.image,
    embed_url: "",
    blurhash: null,
    language: "fr",
  };
}

export function statusEntity(s: StatusInput, providerUrl: string) {
  return {
    id: s.id,
    uri: s.url,
    created_at: s.createdAt.toISOString(),
    edited_at: s.editedAt?.toISOString() ?? null,
    account: s.account,
    content: s.contentHtml,
    text: s.text,
    visibility: s.visibility,
    sensitive: false,
    spoiler_text: "",
    media_attachments: s.media.map(mediaEntity),
    application: null,
    mentions: [],
    tags: s.tags.map((name) => ({ name, url: `${providerUrl}tags/${encodeURIComponent(name)}` })),
    emojis: [],
    reblogs_count: s.counts.reblogs,
    favourites_count: s.counts.favourites,
    replies_count: s.counts.replies,
    url: s.url,
    in_reply_to_id: s.inReplyTo?.id ?? null,
    in_reply_to_account_id: s.inReplyTo?.accountId ?? null,
    reblog: null,
    poll: null,
    card: s.card ? cardEntity(s.card, providerUrl) : null,
    language: "fr",
    favourited: s.viewer?.favourited ?? false,
    reblogged: s.viewer?.reblogged ?? false,
    muted: false,
    bookmarked: s.viewer?.bookmarked ?? false,
    pinned: false,
    filtered: [],
  };
}
export type StatusEntity = ReturnType<typeof statusEntity>;

export interface ReblogInput {
  id: string;
  createdAt: Date;
  /** Who reblogged. */
  account: AccountEntity;
  /** The Announce's id. */
  uri: string;
}

/**
 * A reblog as Mastodon shows it: a status of its own, by the one who
 * reblogged, with no content of its own and the original in `reblog`; the
 * viewer's favourited / reblogged / bookmarked are the original's, as
 * Mastodon's are (`status.proper`).
 */
export function reblogEntity(r: ReblogInput, original: StatusEntity): Omit<StatusEntity, "reblog"> & { reblog: StatusEntity } {
  return {
    ...original,
    id: r.id,
    uri: r.uri,
    url: r.uri,
    created_at: r.createdAt.toISOString(),
    edited_at: null,
    account: r.account,
    content: "",
    text: "",
    sensitive: false,
    spoiler_text: "",
    media_attachments: [],
    application: null,
    mentions: [],
    tags: [],
    emojis: [],
    reblogs_count: 0,
    favourites_count: 0,
    replies_count: 0,
    in_reply_to_id: null,
    in_reply_to_account_id: null,
    reblog: original,
    poll: null,
    card: null,
    pinned: false,
  };
}

const p = (text: string) => (text.trim() ? `<p>${escapeHtml(text.trim())}</p>` : "");
const hashtag = (providerUrl: string, tag: string) =>
  `<a href="${escapeHtml(`${providerUrl}tags/${encodeURIComponent(tag)}`)}" class="mention hashtag" rel="tag">#<span>${escapeHtml(tag)}</span></a>`;

/** A theme's slug as a hashtag: letters and digits only (« coups-de-main » → « coupsdemain »). */
export const themeTag = (slug: string) => slug.normalize("NFD").replace(/[^\p{L}\p{N}]/gu, "").toLowerCase();

export interface OfferText {
  kind: "offer" | "request";
  title: string;
  bodyHtml: string;
  theme: string;
  themeSlug: string;
  place: string;
  availability: string;
}

/** « Je propose : … » / « Je cherche : … », its text, then theme, place and when. */
export function offerContent(o: OfferText, providerUrl: string): string {
  const lead = o.kind === "offer" ? "Je propose" : "Je cherche";
  const facts = [`Thème : ${o.theme}`, o.place ? `Lieu : ${o.place}` : "", o.availability ? `Disponibilité : ${o.availability}` : ""].filter(Boolean).join(" · ");
  return `<p><strong>${escapeHtml(`${lead} : ${o.title}`)}</strong></p>${o.bodyHtml}${p(facts)}<p>${hashtag(providerUrl, themeTag(o.themeSlug))}</p>`;
}

export interface EventText {
  kindLabel: string;
  title: string;
  when: string;
  place: string;
  bodyHtml: string;
  cancelled: boolean;
}

/** The kind and title, the date and place in French (Europe/Paris), the text; answering happens on the event's page. */
export function eventContent(e: EventText): string {
  const head = `${e.cancelled ? "ANNULÉ — " : ""}${e.kindLabel} : ${e.title}`;
  return `<p><strong>${escapeHtml(head)}</strong></p>${p(`📅 ${e.when}`)}${p(e.place ? `📍 ${e.place}` : "")}${e.bodyHtml}${p("Pour venir ou s'inscrire : la page du rendez-vous, en lien.")}`;
}

export interface ResourceText {
  title: string;
  summary: string;
  licenceLabel: string;
  attribution: string[];
}

/** Title, summary, licence and who made it. */
export function resourceContent(r: ResourceText): string {
  const by = r.attribution.length ? ` · ${r.attribution.join(", ")}` : "";
  return `<p><strong>${escapeHtml(`Ressource : ${r.title}`)}</strong></p>${p(r.summary)}${p(`Licence : ${r.licenceLabel}${by}`)}`;
}
