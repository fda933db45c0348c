// Markdown of the commons' resources, rendered inert: markdown-it with raw
// HTML off (tags in the text come out escaped), then an allowlist sanitiser
// as defence in depth (no scripts, no event handlers, no javascript: links).
// Both are read at the first Markdown rendered (first-use.ts).
import type MarkdownIt from "markdown-it";
import type sanitizeHtml from "sanitize-html";
import { onFirstUse } from "./first-use.ts";
import { sanitizer } from "./sanitize-html.ts";

const md = onFirstUse((require) => new (require("markdown-it") as typeof MarkdownIt)({ html: false, linkify: true, typographer: false, breaks: false }));

const allowed: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "s", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td", "img",
  ],
  allowedAttributes: { a: ["href", "title", "rel"], img: ["src", "alt", "title"], ol: ["start"], th: ["style"], td: ["style"] },
  allowedStyles: { th: { "text-align": [/^(left|right|center)$/] }, td: { "text-align": [/^(left|right|center)$/] } },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["https"] },
  allowProtocolRelative: false,
  disallowedTagsMode: "escape",
  transformTags: { a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "nofollow noopener" } }) },
};

/** Safe HTML for a resource's Markdown body. */
export function renderMarkdown(markdown: string): string {
  return sanitizer()(md().render(markdown), allowed);
}

/** The plain text of Markdown (search of remote copies, summaries). */
export function markdownText(markdown: string): string {
  return sanitizer()(md().render(markdown), { allowedTags: [], allowedAttributes: {} }).trim();
}
