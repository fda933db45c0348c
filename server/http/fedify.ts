// The Hono glue for Fedify: ActivityPub requests go to the federation, the
// rest (and browsers asking for HTML on the same URLs) to the app.
import type { Federation } from "@fedify/fedify";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./context.ts";
import { asOneRequest } from "../../federation/request-memo.ts";
import { watchingRestriction } from "../../federation/restricted-render.ts";
import { cachedResponse, type CachedDocument, type DocumentCache } from "./document-cache.ts";
import { failureResponse } from "./errors.ts";
import { jsonShapeProblem, MAX_JSON_DEPTH, MAX_JSON_ELEMENTS } from "./json-shape.ts";

// An ActivityPub client (not a browser) asking for JSON-LD.
const wantsActivityJson = (request: Request) => {
  const accept = request.headers.get("accept") ?? "";
  return /application\/(activity\+json|ld\+json)/i.test(accept) && !/text\/html/i.test(accept);
};

const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
const ADDRESSING = new Set(["to", "cc", "bto", "bcc", "audience"]);

/**
 * Fedify compacts the Public collection to "as:Public"; the same IRI in full
 * is what every server recognises (GoToSocial before 0.10 took the compact
 * form for a direct message). Applied to the documents we serve.
 */
export function withFullPublic(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withFullPublic);
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => {
      if (ADDRESSING.has(k)) {
        const full = (x: unknown) => (x === "as:Public" || x === "Public" ? PUBLIC : x);
        return [k, Array.isArray(v) ? v.map(full) : full(v)];
      }
      return [k, k === "@context" ? v : withFullPublic(v)];
    }),
  );
}

async function servedWithFullPublic(response: Response): Promise<Response> {
  const type = response.headers.get("content-type") ?? "";
  if (response.status !== 200 || !/application\/(activity\+json|ld\+json)/.test(type)) return response;
  const text = await response.text();
  if (!text.includes("as:Public")) return new Response(text, response);
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  headers.delete("etag");
  return new Response(JSON.stringify(withFullPublic(JSON.parse(text))), { status: 200, headers });
}

/** The response with its body read and its Content-Length set (small bodies only). */
async function withLength(response: Response): Promise<Response> {
  const body = await response.arrayBuffer();
  const headers = new Headers(response.headers);
  headers.set("content-length", String(body.byteLength));
  const empty = body.byteLength === 0 || response.status === 204 || response.status === 304;
  return new Response(empty ? null : body, { status: response.status, statusText: response.statusText, headers });
}

export interface FederationGlue<T> {
  contextData: (c: Parameters<MiddlewareHandler<AppEnv>>[0]) => T;
  /** The Tombstone of a deleted object at this URL, if any (answered 410 Gone). */
  gone?: (url: URL) => Promise<Record<string, unknown> | null>;
  /** Serialised documents kept while the database says they are current (document-cache.ts). */
  cache?: DocumentCache;
  /** The host of the verified signer of a request, if it is signed and valid. */
  signerHost?: (request: Request) => Promise<string | null>;
  /** The security headers every answer gets, once known (security-headers.ts): put in a kept document's answer. */
  securityHeaders?: () => Record<string, string> | undefined;
}

// Requests that may be answered by a kept document: ActivityPub GETs, WebFinger, NodeInfo.
const cacheable = (request: Request, path: string) =>
  (request.method === "GET" || request.method === "HEAD") &&
  (wantsActivityJson(request) || path.startsWith("/.well-known/") || path.startsWith("/nodeinfo/"));
const isSigned = (request: Request) => request.headers.has("signature") || request.headers.has("signature-input");

export function federationMiddleware<T>(federation: Federation<T>, glue: FederationGlue<T>): MiddlewareHandler<AppEnv> {
  const { contextData } = glue;
  // Each request is one scope for the reads memoized per request (request-memo.ts).
  return (c, next) => asOneRequest(() => handle(c, next));
  async function handle(c: Parameters<MiddlewareHandler<AppEnv>>[0], next: () => Promise<void>) {
    // Inbox POSTs: the body's shape is bounded before Fedify's JSON-LD work (json-shape.ts).
    let request = c.req.raw;
    if (request.method === "POST" && /\/inbox$/.test(c.req.path)) {
      const bytes = new Uint8Array(await request.arrayBuffer());
      const problem = jsonShapeProblem(new TextDecoder().decode(bytes));
      if (problem) {
        const message = problem === "too_deep"
          ? `The activity is nested deeper than ${MAX_JSON_DEPTH} levels`
          : `The activity has more than ${MAX_JSON_ELEMENTS} elements`;
        return failureResponse(c, { kind: "invalid", code: problem === "too_deep" ? "json_too_deep" : "json_too_large", message, field: "body" });
      }
      // The same bytes again: the signature's digest covers them.
      request = new Request(request, { body: bytes });
    }
    let passed = false;
    const answer = (entry: CachedDocument) => {
      const security = glue.securityHeaders?.();
      if (security) c.set("securityHeadersSet", true);
      return cachedResponse(entry, request, security);
    };
    const pass = async () => {
      passed = true;
      await next();
      return c.res;
    };
    const cache = cacheable(request, c.req.path) ? glue.cache : undefined;
    // Read before anything is built: a document built later is at least this recent.
    const known = cache?.generation();
    const generation = typeof known === "object" ? await known : known;
    const key = `${request.headers.get("accept") ?? ""}\n${request.url}`;
    let signer: Promise<string | null> | undefined;
    const signerHost = () => (signer ??= isSigned(request) && glue.signerHost ? glue.signerHost(request) : Promise.resolve(null));
    if (cache && generation !== undefined) {
      let entry = cache.get(key, generation);
      if (entry?.restricted) {
        // Partners only: the signature is checked every time, the decision kept per requesting host.
        const host = await signerHost();
        entry = host ? cache.get(`${key}\n${host}`, generation) : undefined;
      }
      if (entry) return answer(entry);
    }
    const { value: response, restricted } = await watchingRestriction(() =>
      federation.fetch(request, {
        contextData: contextData(c),
        onNotFound: pass,
        onNotAcceptable: pass,
      }),
    );
    if (!passed) {
      // An inbox's answer is a few words with no length: compress() would gzip it through a stream.
      if (request.method === "POST") return withLength(response);
      const served = await servedWithFullPublic(response);
      if (!cache || generation === undefined || request.method !== "GET") return served;
      if (restricted) cache.markRestricted(key, generation);
      if (served.status !== 200) return served;
      const host = restricted ? await signerHost() : null;
      if (restricted && !host) return served;
      return answer(await cache.put(host ? `${key}\n${host}` : key, generation, served, restricted));
    }
    // The web page is no answer to an ActivityPub client: an object we do not
    // serve (unknown, or `network` only) is a 404. Redirects and the API stay.
    const html = c.res.headers.get("content-type")?.startsWith("text/html");
    if (!wantsActivityJson(c.req.raw) || !((c.res.status === 200 && html) || c.res.status === 404)) return;
    const tombstone = c.req.method === "GET" || c.req.method === "HEAD" ? await glue.gone?.(new URL(c.req.url)) : null;
    if (tombstone) c.res = new Response(JSON.stringify(tombstone), { status: 410, headers: { "content-type": "application/activity+json" } });
    else if (html) c.res = new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
}
