// Every request this process makes to another server — documents, JSON-LD
// contexts, keys, WebFinger (Fedify's loaders), deliveries, partner files —
// has a time limit and, for JSON answers, a size limit, and names us in its
// User-Agent. Fedify's loaders take neither limit as an option and call the
// global fetch, hence a wrapper around it, installed once by main.ts.
// (Issue #17: an `@context` URL that never answered kept inbox requests open.)

/** For a request that brings no deadline of its own (Fedify's document loaders bring none). */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** An ActivityPub document, context or key is a few KiB; a big collection page some hundreds. */
export const MAX_JSON_BYTES = 2 * 1024 * 1024;

export class ResponseTooLargeError extends Error {
  constructor(url: string, limit: number) {
    super(`The answer of ${url} is larger than ${limit} bytes`);
    this.name = "ResponseTooLargeError";
  }
}

export interface OutgoingLimits {
  userAgent: string;
  timeoutMs?: number;
  maxJsonBytes?: number;
}

/** A fetch with these limits around `inner`. */
export function limitedFetch(inner: typeof fetch, limits: OutgoingLimits): typeof fetch {
  const timeoutMs = limits.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = limits.maxJsonBytes ?? MAX_JSON_BYTES;
  return async (input, init) => {
    // Only requests to other servers: data:, blob: or file: URLs (a library loading its own files) pass untouched.
    const href = input instanceof Request ? input.url : String(input);
    if (!/^https?:/i.test(href)) return inner(input, init);
    const request = new Request(input, init);
    const headers = new Headers(request.headers);
    if (!headers.has("user-agent") || /^node$|^undici/i.test(headers.get("user-agent") ?? "")) headers.set("user-agent", limits.userAgent);
    // The caller's own deadline wins (deliveries, partner files); else ours.
    const signal = init?.signal ?? (request.signal.aborted ? request.signal : undefined) ?? AbortSignal.timeout(timeoutMs);
    const response = await inner(new Request(request, { headers, signal }));
    if (!isJson(response.headers.get("content-type")) || !response.body) return response;
    const declared = Number(response.headers.get("content-length") ?? 0);
    if (declared > maxBytes) {
      await response.body.cancel().catch(() => {});
      throw new ResponseTooLargeError(request.url, maxBytes);
    }
    let seen = 0;
    const counted = response.body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > maxBytes) controller.error(new ResponseTooLargeError(request.url, maxBytes));
        else controller.enqueue(chunk);
      },
    }));
    const limited = new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
    // Fedify reads `url` to know where a document came from.
    Object.defineProperty(limited, "url", { value: response.url });
    return limited;
  };
}

let installed = false;

export function installOutgoingLimits(limits: OutgoingLimits): void {
  if (installed) return;
  installed = true;
  globalThis.fetch = limitedFetch(globalThis.fetch.bind(globalThis), limits);
}

function isJson(contentType: string | null): boolean {
  // No type at all: Fedify treats it as JSON-LD, so do we.
  return contentType === null || /json/i.test(contentType);
}
