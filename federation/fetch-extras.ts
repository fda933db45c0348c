// Two things Fedify's fetch does not do for our URL layout, applied around it:
//
// 1. WebFinger for `https://HOST/@name` (the form Mastodon users paste).
//    Fedify resolves a URL resource through its router before trying
//    `mapAlias`, and our actor route `/{+identifier}` matches every path, so
//    `/@name` would be taken for an actor "@name". We rewrite the resource to
//    `acct:name@HOST` before Fedify sees it.
// 2. FEP-2677: `/.well-known/nodeinfo` also links the instance actor.
// 3. An activity of a type Fedify's vocabulary does not know (Misskey's
//    `Bite`, ...) fails to parse and Fedify answers 400 "Invalid activity.";
//    like Mastodon we acknowledge it (202) and ignore it. A known type with
//    broken content keeps its 400.
// 4. Requests signed with a key of a domain-blocked host: 403 (federation/blocks.ts).
import type { Federation, FederationFetchOptions } from "@fedify/fedify";
import * as vocab from "@fedify/vocab";
import { inboxLogger, type FederationContextData } from "./context.ts";
import { INSTANCE_IDENTIFIER } from "./identifiers.ts";
import { refuseBlockedSigner } from "./blocks.ts";

const lastSegment = (iri: string) => iri.replace(/^.*[#/:]/, "");
const knownTypes = new Set(
  Object.values(vocab)
    .filter(vocab.isEntityType)
    .map((cls) => lastSegment(cls.typeId.href)),
);

async function unknownActivityType(request: Request): Promise<string | null> {
  const body: unknown = await request.json().catch(() => null);
  if (body === null || typeof body !== "object" || Array.isArray(body)) return null;
  const types = [(body as { type?: unknown }).type].flat();
  if (types.length === 0 || !types.every((t) => typeof t === "string")) return null;
  return types.some((t) => knownTypes.has(lastSegment(t))) ? null : types.join(",");
}

const aliasPath = /^\/@([a-z0-9][a-z0-9_-]{0,62})\/?$/i;

function rewriteWebFingerAlias(request: Request, origin: string): Request {
  const url = new URL(request.url);
  if (url.pathname !== "/.well-known/webfinger") return request;
  const resource = url.searchParams.get("resource");
  if (!resource || !URL.canParse(resource)) return request;
  const asked = new URL(resource);
  const match = aliasPath.exec(asked.pathname);
  if (!match || asked.origin !== origin || asked.search || asked.hash) return request;
  url.searchParams.set("resource", `acct:${match[1].toLowerCase()}@${asked.host}`);
  return new Request(url, request);
}

async function linkInstanceActor(response: Response, actorUri: URL): Promise<Response> {
  if (!response.ok) return response;
  const jrd = (await response.json()) as { links?: unknown[] };
  jrd.links = [...(jrd.links ?? []), { rel: "https://www.w3.org/ns/activitystreams#Application", href: actorUri.href }];
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  return new Response(JSON.stringify(jrd), { status: response.status, headers });
}

/** Wraps `federation.fetch` in place (the HTTP glue keeps calling `federation.fetch`). */
export function addFetchExtras(federation: Federation<FederationContextData>, origin: string): void {
  const fetch = federation.fetch.bind(federation);
  federation.fetch = async (request: Request, options: FederationFetchOptions<FederationContextData>) => {
    const path = new URL(request.url).pathname;
    const refused = await refuseBlockedSigner(request, options.contextData.db);
    if (refused) return refused;
    const inboxCopy = request.method === "POST" && path.endsWith("/inbox") ? request.clone() : null;
    let response: Response;
    try {
      response = await fetch(rewriteWebFingerAlias(request, origin), options);
    } catch (error) {
      // Fedify rethrows some JSON-LD failures (unloadable @context, wrongly
      // typed values): for an inbox that is bad input, not a server error.
      if (inboxCopy === null) throw error;
      inboxLogger.debug("Unparseable activity refused: {error}", { error });
      return new Response("Invalid activity.", { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
    }
    if (inboxCopy !== null && response.status === 400) {
      const type = await unknownActivityType(inboxCopy);
      if (type !== null) {
        inboxLogger.debug("Activity of unknown type {type} acknowledged and ignored", { type });
        return new Response(null, { status: 202 });
      }
    }
    if (path !== "/.well-known/nodeinfo") return response;
    const actorUri = federation.createContext(new URL(origin), options.contextData).getActorUri(INSTANCE_IDENTIFIER);
    return linkInstanceActor(response, actorUri);
  };
}
