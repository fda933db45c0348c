// Short plain text for link previews: one line, cut at a word near the limit.
import { markdownText } from "../markdown.ts";

/** Whitespace folded to single spaces. */
export const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

/** At most `max` characters, cut after a whole word, with an ellipsis when cut. */
export function excerpt(text: string, max: number): string {
  const line = oneLine(text);
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, "")}…`;
}

/** The first line of a text (an announcement's headline) and what follows it. */
export function splitHeadline(text: string): { headline: string; rest: string } {
  const trimmed = text.trim();
  const end = trimmed.search(/\n/);
  return end === -1 ? { headline: trimmed, rest: "" } : { headline: trimmed.slice(0, end), rest: trimmed.slice(end + 1) };
}

const entities: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&#x27;": "'", "&nbsp;": " " };

/**
 * The readable text of a Markdown body (only its start is rendered: a
 * preview never needs more). The sanitiser leaves entities, undone here:
 * the meta tags escape once, when they are written.
 */
export function markdownExcerpt(markdown: string, max: number): string {
  const text = markdownText(markdown.slice(0, 4 * max)).replace(/&(?:amp|lt|gt|quot|nbsp|#39|#x27);/g, (e) => entities[e]);
  return excerpt(text, max);
}
