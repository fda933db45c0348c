// What a follower on another server reads for our events and resources.
//
// The objects keep their rich types (`Event` for Mobilizon, Gancio and other
// Maillage instances; `Article` with its licence for Article readers), and
// each carries, for the microblogging servers, a complete readable post in
// its HTML `content`: the title, for events the date, time and place in
// French, the first lines of the text, the hashtags and the link. This is
// what GoToSocial, Misskey, Pleroma/Akkoma and Fedify-based servers show of
// an Event or an Article (see FEDERATION.md, "How other servers read us", and
// test/federation/readers/ for each one's rules as found in its source).
//
// Mastodon shows only `name`, `summary` and a link for these types (its
// "converted" types), so the short French line (date and place, or the
// resource's subtitle) goes in `summaryMap` — the language-tagged form of
// `summary` — and never in a plain `summary`: Mastodon reads the map when the
// plain property is absent and shows it as text, whereas GoToSocial and
// Misskey turn a plain `summary` into a content warning and ignore the map.
import { Hashtag, LanguageString } from "@fedify/vocab";
import type { Event } from "../db/schema/index.ts";
import { hashtagLink, hashtagOf, renderText } from "../server/domain/announcement-html.ts";
import { tagHref } from "../server/domain/announcement-views.ts";
import { frenchWhen, kindLabels as eventKindLabels, placeLine } from "../server/domain/events/text.ts";
import { escapeHtml } from "./html.ts";

export const EVENT_TAG = "RendezVous";
export const RESOURCE_TAG = "Ressource";

/** The first lines of a text: at most `paragraphs` paragraphs and about `max` characters, cut at a word. */
export function firstLines(text: string, paragraphs = 2, max = 500): string {
  const kept = text.replace(/\r\n?/g, "\n").trim().split(/\n\s*\n/).slice(0, paragraphs).join("\n\n");
  if (kept.length <= max) return kept === text.trim() ? kept : `${kept} …`;
  const cut = kept.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 40))} …`;
}

/** Unique case-insensitively, first spelling kept. */
function unique(tags: string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((t) => t && !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
}

export interface ReadablePost {
  /** The complete post as HTML. */
  html: string;
  /** The short plain-text line for `summaryMap` (what Mastodon shows under the title). */
  line: string;
  /** Hashtags (without "#"), also sent as `Hashtag`s in `tag`. */
  hashtags: string[];
}

export const hashtagObjects = (origin: string, slug: string, hashtags: string[]) =>
  hashtags.map((t) => new Hashtag({ name: `#${t}`, href: new URL(tagHref(origin, slug)(t)) }));

/** `summaryMap: { fr }` as the vocabulary builds it (a language-tagged string only). */
export const frenchLine = (line: string) => (line ? [new LanguageString(line, "fr")] : []);

export interface EventPostInput {
  origin: string;
  network: { slug: string; name: string };
  event: Pick<Event, "title" | "body" | "kind" | "startsAt" | "endsAt" | "placeName" | "street" | "postalCode" | "locality" | "cancelled">;
  page: string;
}

export function eventPost({ origin, network, event: e, page }: EventPostInput): ReadablePost {
  const href = tagHref(origin, network.slug);
  const when = frenchWhen(e.startsAt, e.endsAt);
  const place = placeLine(e);
  const body = e.body ? renderText(firstLines(e.body), href) : { html: "", hashtags: [] };
  const footer = unique([EVENT_TAG, hashtagOf(eventKindLabels[e.kind]), hashtagOf(network.name, network.slug)]);
  const hashtags = unique([...footer, ...body.hashtags]);
  const cancelled = e.cancelled ? "ANNULÉ — " : "";
  const html =
    `<p><strong>${cancelled}${escapeHtml(eventKindLabels[e.kind])} : ${escapeHtml(e.title)}</strong></p>` +
    `<p>🗓 ${escapeHtml(when)}<br>📍 ${escapeHtml(place)}</p>` +
    body.html +
    `<p>${footer.map((t) => hashtagLink(t, href(t))).join(" ")}</p>` +
    `<p><a href="${escapeHtml(page)}">Voir le rendez-vous et s’inscrire sur la page du réseau ${escapeHtml(network.name)}</a></p>`;
  const text = e.body ? firstLines(e.body, 1, 280) : "";
  const line = `${cancelled}${eventKindLabels[e.kind]} — ${when} — ${place}${text ? `\n\n${text}` : ""}`;
  return { html, line, hashtags };
}

export interface ResourcePostInput {
  origin: string;
  network: { slug: string; name: string };
  title: string;
  summary: string;
  kindLabel: string;
  /** The body as HTML, then the attribution and licence paragraphs (already HTML). */
  bodyHtml: string;
  tags: string[];
  page: string;
}

export function resourcePost(r: ResourcePostInput): ReadablePost {
  const href = tagHref(r.origin, r.network.slug);
  const footer = unique([RESOURCE_TAG, hashtagOf(r.kindLabel), hashtagOf(r.network.name, r.network.slug)]);
  const hashtags = unique([...footer, ...r.tags]);
  const html =
    `<p><strong>${escapeHtml(r.kindLabel)} : ${escapeHtml(r.title)}</strong></p>` +
    (r.summary ? `<p><em>${escapeHtml(r.summary)}</em></p>` : "") +
    r.bodyHtml +
    `<p>${footer.map((t) => hashtagLink(t, href(t))).join(" ")}</p>` +
    `<p><a href="${escapeHtml(r.page)}">Voir la ressource sur la page du réseau ${escapeHtml(r.network.name)}</a></p>`;
  // The subtitle alone: Maillage partners read it back as the resource's summary.
  return { html, line: r.summary, hashtags };
}
