// URIs that Fedify's built-in getters do not cover.
import type { FedContext } from "./context.ts";

/**
 * Fedify's own outbox route only accepts `{identifier}` (simple expansion,
 * which would encode our `n/slug` as `n%2Fslug`), so the outbox is a custom
 * ordered collection at `/{+identifier}/outbox`.
 */
export const OUTBOX_COLLECTION = "outbox";

export const outboxUri = (ctx: FedContext, identifier: string): URL =>
  ctx.getCollectionUri(OUTBOX_COLLECTION, { identifier });

/** Whether the URL is on this instance (its own origin, or the public one ids are minted under). */
export const isOurs = (ctx: FedContext, url: URL | null): boolean =>
  url !== null && (url.origin === ctx.origin || url.origin === ctx.canonicalOrigin);

/** A fresh, unique id for an activity sent by a local actor (never derived from its object). */
export const newActivityId = (ctx: FedContext, identifier: string, verb: string): URL =>
  new URL(`#${verb}/${crypto.randomUUID()}`, ctx.getActorUri(identifier));
