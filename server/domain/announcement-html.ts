// A member's plain text as readable HTML, for our web UI and for the Note
// other servers display: escaped, paragraphs and line breaks, links, and
// hashtags (French first: every announcement carries #Annonce and the
// network's name as a tag).

export const ANNOUNCEMENT_TAG = "Annonce";

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => escapes[c]);

// A URL, or a hashtag not glued to a word (so "a#b" and "&#39;" are not tags).
const tokens = /(https?:\/\/[^\s<>"]+)|(^|[^\p{L}\p{N}_&#/])#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/gu;
const trailingPunctuation = /[.,;:!?'")\]]+$/;

/** "Les Lilas-Nord" → "LesLilasNord": each word capitalised, letters and digits only. */
export function hashtagOf(name: string, fallback = ""): string {
  const words = name.split(/[^\p{L}\p{N}_]+/u).filter(Boolean);
  const tag = words.map((w) => w[0].toLocaleUpperCase("fr") + w.slice(1)).join("");
  return /\p{L}/u.test(tag) ? tag : fallback.replace(/[^\p{L}\p{N}_]/gu, "");
}

export interface RenderedText {
  html: string;
  /** Hashtags written in the text, without "#", first spelling kept, unique case-insensitively. */
  hashtags: string[];
}

const link = (href: string, text: string) =>
  `<a href="${escapeHtml(href)}" rel="nofollow noopener noreferrer" target="_blank">${escapeHtml(text)}</a>`;

export const hashtagLink = (name: string, href: string) =>
  `<a href="${escapeHtml(href)}" class="mention hashtag" rel="tag">#<span>${escapeHtml(name)}</span></a>`;

function renderLine(line: string, tagHref: (tag: string) => string, hashtags: Map<string, string>): string {
  let html = "";
  let last = 0;
  for (const match of line.matchAll(tokens)) {
    const [whole, url, before, tag] = match;
    const start = match.index;
    if (url) {
      const clean = url.replace(trailingPunctuation, "");
      if (!URL.canParse(clean)) continue;
      html += escapeHtml(line.slice(last, start)) + link(clean, clean);
      last = start + clean.length;
    } else {
      html += escapeHtml(line.slice(last, start) + before) + hashtagLink(tag, tagHref(tag));
      last = start + whole.length;
      if (!hashtags.has(tag.toLowerCase())) hashtags.set(tag.toLowerCase(), tag);
    }
  }
  return html + escapeHtml(line.slice(last));
}

/** Blank lines separate paragraphs, single newlines become <br>; URLs and #tags become links. */
export function renderText(text: string, tagHref: (tag: string) => string): RenderedText {
  const hashtags = new Map<string, string>();
  const html = text
    .replace(/\r\n?/g, "\n")
    .trim()
    .split(/\n\s*\n/)
    .filter((p) => p.trim() !== "")
    .map((p) => `<p>${p.trim().split("\n").map((l) => renderLine(l, tagHref, hashtags)).join("<br>")}</p>`)
    .join("");
  return { html, hashtags: [...hashtags.values()] };
}
