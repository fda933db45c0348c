// HTML in and out. Remote HTML is sanitised with an allowlist before it is
// stored (and the web UI sanitises again before display); our plain text is
// escaped into paragraphs.
import type sanitizeHtml from "sanitize-html";
import { sanitizer } from "../server/domain/sanitize-html.ts";
import { storableText } from "../server/domain/text.ts";

const options: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "a", "span", "strong", "b", "em", "i", "u", "s", "del", "blockquote", "code", "pre", "ul", "ol", "li"],
  allowedAttributes: {
    a: ["href", "rel", "class"],
    span: ["class"],
    ol: ["start", "reversed"],
    li: ["value"],
  },
  // Only the microformat classes Mastodon-like servers use for mentions and hashtags.
  allowedClasses: {
    a: ["mention", "hashtag", "u-url", "status-link", "unhandled-link"],
    span: ["h-card", "invisible", "ellipsis"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  nonTextTags: ["style", "script", "textarea", "option", "noscript", "template", "iframe", "object"],
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "nofollow noopener" } }),
  },
};

/** Sanitises remote HTML (and strips characters we never store); links get rel="nofollow noopener". */
export function sanitizeRemoteHtml(html: string): string {
  return sanitizer()(storableText(html), options);
}

/** Plain text from remote HTML or text (names, summaries): no markup at all. */
export function toPlainText(html: string): string {
  return sanitizer()(storableText(html), { allowedTags: [], allowedAttributes: {} }).trim();
}

// Our plain text as HTML lives in the domain (feeds use it too).
export { escapeHtml, textToHtml } from "../server/domain/text.ts";
