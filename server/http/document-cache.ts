// ActivityPub documents (actors, objects, collection pages, WebFinger,
// NodeInfo) kept in their serialised form: building one costs milliseconds of
// JSON-LD compaction, serving a kept one a database read of one row.
//
// Freshness: every write to a table documents are built from bumps
// `document_generation` at its commit, in the same transaction (deferred
// triggers, migration 0024). An entry is served only while the generation read
// *after the request arrived* equals the one read *before* it was built, so no
// reader sees a document older than a change committed before it asked, on any
// process sharing the database. Concurrent requests share one such read. On
// PGlite no read is needed: see `watchDocumentGeneration`.
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { eq } from "drizzle-orm";
import type { DatabaseHandle, DatabaseLike } from "../../db/client.ts";
import { documentGenerationTable } from "../../db/schema/index.ts";
import { sharedRead } from "../../db/shared-read.ts";

export interface CachedDocument {
  generation: number;
  status: number;
  /** Final headers, Content-Length and a Vary naming Accept-Encoding included (so that compress() leaves them be). */
  headers: Record<string, string>;
  etag: string;
  /** The body in UTF-8, encoded once: encoding 20 KB at each answer was a fifth of a cached list's cost. */
  bytes: Uint8Array<ArrayBuffer>;
  /** The body gzipped, made on first demand: most peers accept gzip, and gzipping each time costs more than the rest. */
  gzipped?: Buffer;
  /** Built for one requesting server (partners-only): kept under its host only. */
  restricted: boolean;
  /** When the clock alone makes it stale (ms since the epoch; e.g. an offer's expiry): served only before. */
  validUntil?: number;
}

// Memory is the other goal: a bounded budget, least recently used out first.
const MAX_TOTAL_BYTES = 8 * 1024 * 1024;
const MAX_BODY_BYTES = 256 * 1024;
// Key, headers and bookkeeping, roughly: so that many small entries count too.
const ENTRY_OVERHEAD = 512;
const sizeOf = (entry: CachedDocument) => entry.bytes.byteLength + ENTRY_OVERHEAD;

/** Where the current generation comes from: a number is known at once. */
export interface GenerationSource {
  read(): number | Promise<number>;
}

export const DOCUMENTS_CHANGED_CHANNEL = "documents_changed";

/**
 * PGlite: this process holds the only session (the data directory lock; the
 * CLI runs its commands in this process over the control socket), and every
 * write goes through it. The trigger NOTIFYs a listening session at each
 * commit that bumps the generation (migration 0027); PGlite hands the
 * notification to its listeners in a microtask queued while it parses the
 * COMMIT's results, so before whoever committed hears that it did. A count
 * of them moves, then, before any change can be known to have committed:
 * the same guarantee as a read, for no read. On PostgreSQL, other processes
 * write too and a notification may arrive after their commit is known: none.
 */
export async function watchDocumentGeneration(handle: Pick<DatabaseHandle, "kind" | "listen">): Promise<GenerationSource | undefined> {
  if (handle.kind !== "pglite") return undefined;
  let generation = 0;
  await handle.listen(DOCUMENTS_CHANGED_CHANNEL, () => {
    generation++;
  });
  return { read: () => generation };
}

/** The current generation, read once for all the requests that arrived while no read had started. */
export class GenerationReader implements GenerationSource {
  readonly read: () => Promise<number>;

  constructor(db: DatabaseLike) {
    // Prepared at the first read: every app makes one, even one that never touches its database (the OpenAPI document).
    let prepared: { execute(): Promise<{ generation: number }[]> } | undefined;
    this.read = sharedRead(async () => {
      prepared ??= db
        .select({ generation: documentGenerationTable.generation })
        .from(documentGenerationTable)
        .where(eq(documentGenerationTable.id, 1))
        .prepare("document_generation");
      return Number((await prepared.execute())[0]?.generation ?? 0);
    });
  }
}

export class DocumentCache {
  readonly #entries = new Map<string, CachedDocument>();
  #totalBytes = 0;
  readonly #generations: GenerationSource;

  constructor(db: DatabaseLike, generations: GenerationSource = new GenerationReader(db)) {
    this.#generations = generations;
  }

  generation(): number | Promise<number> {
    return this.#generations.read();
  }

  /** The entry for `key` built at `generation`, if any (and refreshed as recently used). */
  get(key: string, generation: number): CachedDocument | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    if (entry.generation !== generation || (entry.validUntil !== undefined && Date.now() >= entry.validUntil)) {
      this.#totalBytes -= sizeOf(entry);
      return undefined;
    }
    this.#entries.set(key, entry);
    return entry;
  }

  #set(key: string, entry: CachedDocument): void {
    const old = this.#entries.get(key);
    if (old) this.#totalBytes -= sizeOf(old);
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    this.#totalBytes += sizeOf(entry);
    // Oldest first in a Map: drop the least recently used.
    for (const [oldest, dropped] of this.#entries) {
      if (this.#totalBytes <= MAX_TOTAL_BYTES) break;
      this.#entries.delete(oldest);
      this.#totalBytes -= sizeOf(dropped);
    }
  }

  async put(key: string, generation: number, response: Response, restricted: boolean, validUntil?: number): Promise<CachedDocument> {
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    const entry = documentOf(await response.text(), headers, { generation, status: response.status, restricted, validUntil });
    if (entry.bytes.byteLength <= MAX_BODY_BYTES) this.#set(key, entry);
    return entry;
  }

  /** Marks `key` as depending on the requester, so that it is looked up per host. */
  markRestricted(key: string, generation: number): void {
    this.#set(key, { generation, status: 0, headers: {}, bytes: new Uint8Array(0), etag: "", restricted: true });
  }
}

/**
 * `body` kept with its final headers (an ETag, its length, Vary). For a
 * document made once per process or build (the OpenAPI document, the web
 * shell), generation 0 and status 200 will do.
 */
export function documentOf(
  body: string,
  headers: Record<string, string>,
  { generation = 0, status = 200, restricted = false, validUntil }: { generation?: number; status?: number; restricted?: boolean; validUntil?: number } = {},
): CachedDocument {
  const etag = `"${createHash("sha1").update(body).digest("base64url")}"`;
  const bytes = new Uint8Array(Buffer.from(body));
  const vary = /accept-encoding/i.test(headers.vary ?? "") ? headers.vary! : headers.vary ? `${headers.vary}, Accept-Encoding` : "Accept-Encoding";
  const final = { ...headers, etag, "content-length": String(bytes.byteLength), vary };
  return { generation, status, headers: final, bytes, etag, restricted, ...(validUntil !== undefined ? { validUntil } : {}) };
}

// What compress() would do, done once: bodies under its threshold go as they are.
const GZIP_THRESHOLD = 1024;
const acceptsGzip = (request: Request) =>
  (request.headers.get("accept-encoding") ?? "").split(",").some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    return (coding === "gzip" || coding === "*") && !params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p));
  });

/** The cached document, or 304 when the client already has it; with `extra` headers (the security headers). */
export function cachedResponse(entry: CachedDocument, request: Request, extra?: Record<string, string>): Response {
  const match = request.headers.get("if-none-match");
  if (match && match.split(",").some((tag) => tag.trim().replace(/^W\//, "") === entry.etag)) {
    return new Response(null, { status: 304, headers: { ...extra, etag: entry.etag, vary: entry.headers.vary } });
  }
  const head = request.method === "HEAD";
  if (entry.headers["content-length"] !== undefined && Number(entry.headers["content-length"]) >= GZIP_THRESHOLD && acceptsGzip(request)) {
    entry.gzipped ??= gzipSync(entry.bytes);
    const headers = { ...extra, ...entry.headers, "content-encoding": "gzip", "content-length": String(entry.gzipped.length), etag: `W/${entry.etag}` };
    return new Response(head ? null : new Uint8Array(entry.gzipped), { status: entry.status, headers });
  }
  // A plain header object: @hono/node-server writes such a response without building a Fetch Response.
  return new Response(head ? null : entry.bytes, { status: entry.status, headers: { ...extra, ...entry.headers } });
}
