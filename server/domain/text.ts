// Characters we never store, whoever sends them. PostgreSQL cannot store
// U+0000 in text or jsonb, and refuses an unpaired surrogate (a broken UTF-16
// half) in jsonb; XML, which our RSS and Atom feeds are, forbids the other C0
// control characters (all but tab, line feed and carriage return) and U+FFFE,
// U+FFFF. The API refuses them (400 naming the field), ActivityPub input has
// them stripped: a person can retype, a remote server cannot be asked to.
const controls = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const hasControl = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Whether `text` holds a character we never store. */
export const isStorableText = (text: string): boolean => text.isWellFormed() && !hasControl.test(text);

/** `text` without the characters we never store (broken surrogates become U+FFFD). */
export const storableText = (text: string): string => text.toWellFormed().replace(controls, "");

/**
 * The path of the first string in `value` (an object or array as parsed from
 * JSON or a form) that holds a character we never store; keys count too.
 */
export function firstUnstorable(value: unknown, path: string[] = []): string[] | undefined {
  if (typeof value === "string") return isStorableText(value) ? undefined : path;
  if (value === null || typeof value !== "object") return undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = firstUnstorable(item, [...path, String(i)]);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    if (!isStorableText(key)) return [...path, storableText(key)];
    const found = firstUnstorable(item, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

/** A copy of a JSON document (as fetched from another server) with every string and key made storable. */
export function storableJson<T>(value: T): T {
  if (typeof value === "string") return storableText(value) as T;
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(storableJson) as T;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), storableJson(v)])) as T;
}

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c]);
}

/** Our plain text as HTML: blank lines separate paragraphs, single newlines become <br>. */
export function textToHtml(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .filter((p) => p.trim() !== "")
    .map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, "<br>")}</p>`)
    .join("");
}
