// Bounds the shape of a JSON body in one linear pass over its text, before
// anything parses it: JSON-LD work on a deeply nested activity costs far more
// than linear time (a 1,000-level `inReplyTo` chain blocked the event loop for
// ~24 s, issue #17), so such a body must be refused before Fedify sees it.

/** No real activity nests this deep: a Create of a Note with a tag list is ~5 levels. */
export const MAX_JSON_DEPTH = 64;
/** Values (objects, arrays, strings, numbers…) in one activity; a big Mastodon post has a few hundred. */
export const MAX_JSON_ELEMENTS = 10_000;

export type JsonShapeProblem = "too_deep" | "too_many_elements";

/** The first bound the text breaks, or null. Not a validator: malformed JSON is left to the parser. */
export function jsonShapeProblem(text: string, maxDepth = MAX_JSON_DEPTH, maxElements = MAX_JSON_ELEMENTS): JsonShapeProblem | null {
  let depth = 0;
  let elements = 0;
  let inString = false;
  let inScalar = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
      continue;
    }
    switch (ch) {
      case 0x7b: // {
      case 0x5b: // [
        inScalar = false;
        if (++depth > maxDepth) return "too_deep";
        if (++elements > maxElements) return "too_many_elements";
        break;
      case 0x7d: // }
      case 0x5d: // ]
        inScalar = false;
        depth--;
        break;
      case 0x22: // "
        inString = true;
        inScalar = false;
        if (++elements > maxElements) return "too_many_elements";
        break;
      case 0x2c: // ,
      case 0x3a: // :
      case 0x20: case 0x0a: case 0x0d: case 0x09:
        inScalar = false;
        break;
      default:
        // A number, true, false or null: one element however many characters.
        if (!inScalar && ++elements > maxElements) return "too_many_elements";
        inScalar = true;
    }
  }
  return null;
}
