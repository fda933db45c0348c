// A CommonJS package read at its first use rather than at start: `require`
// is synchronous, so the callers keep their plain (non-async) signatures.
// For the packages only some requests need (sanitize-html and its ~70 files,
// markdown-it): a server that has not met remote HTML yet need not hold them.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** A getter of what `make` builds from `require`, made once, at its first call. */
export function onFirstUse<T>(make: (require: NodeJS.Require) => T): () => T {
  let made: T | undefined;
  return () => (made ??= make(require));
}
