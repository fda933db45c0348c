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
