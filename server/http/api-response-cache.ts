// JSON API reads that many ask again and again (the offers list and search)
// kept in their serialised form, per viewer: building one costs a few
// statements and milliseconds of Node, serving a kept one a comparison.
//
// Freshness is the document cache's (document-cache.ts): an entry is served
// only while `document_generation`, read after the request arrived (or known
// without a read on PGlite), is the one read before it was built. Every table
// these answers are built from bumps it at commit (migrations 0024, 0027;
// test/db/document-generation.test.ts lists the few that do not, none read
// here), on whichever process wrote. What the clock alone changes bounds an
// entry's life (`validUntil`).
//
// Privacy: the key names the viewer (the member the request acts for, or
// nobody), so no two viewers ever share an entry, whatever their roles,
// blocks or partnerships.
import type { Context } from "hono";
import type { AppEnv } from "./context.ts";
import { cachedResponse, DocumentCache } from "./document-cache.ts";
import { requestGeneration } from "./session-cache.ts";

export interface Built {
  /** What c.json() would send with 200. */
  value: unknown;
  /** When the clock alone would change the answer (ms since the epoch), if ever. */
  validUntil?: number;
}

/**
 * The answer for `key` (a list of the viewer's id, the route and its
 * normalised query), from the cache when still current, else built, kept and
 * sent; with an ETag, and 304 to a client that has it. Failures (thrown by
 * `build`) are never kept.
 */
export async function cachedJson(c: Context<AppEnv>, key: unknown[], build: () => Promise<Built>): Promise<Response> {
  const cache: DocumentCache = c.var.deps.responses;
  const id = JSON.stringify(key);
  // Read before building: a change committed meanwhile leaves this entry behind.
  const generation = await requestGeneration(c);
  const kept = cache.get(id, generation);
  if (kept) return cachedResponse(kept, c.req.raw);
  const { value, validUntil } = await build();
  // Private and revalidated (ETag): it is one viewer's. Built apart from the context: headers set there for this request (X-Request-Id) must not be kept.
  const response = new Response(JSON.stringify(value), { status: 200, headers: { "content-type": "application/json", "cache-control": "private, no-cache" } });
  return cachedResponse(await cache.put(id, generation, response, false, validUntil), c.req.raw);
}
