// Checks every inbound activity before its handler: an actor, and an id we
// could store and dereference (http or https, at most 2 KiB) on the same
// origin as its actor, so that nobody can plant `javascript:` ids or speak for
// another server. The id may be absent (Misskey's Delete of an account has none);
// handlers that need one check for it.
//
// The actor must also be written as an absolute IRI. Fedify resolves relative
// IRIs against the activity's own id, so a Follow signed by alice with `actor`
// "\u0000", " ", "/users/alice" or "alice" (id https://her.example/users/alice#f/1)
// resolves to alice and passes Fedify's signer/actor check: we must not take
// such garbage for a statement by alice.
import { Activity as ActivityClass, type Activity } from "@fedify/vocab";
import type { FedInboxContext } from "../context.ts";
import { inboxLogger } from "../context.ts";

const maxIdLength = 2048;

export function acceptableActivity(activity: Activity): boolean {
  const id = activity.id;
  const actor = activity.actorId;
  const usable = (url: URL) => url.href.length <= maxIdLength && (url.protocol === "https:" || url.protocol === "http:");
  if (actor === null || !usable(actor)) return false;
  return id === null || (usable(id) && id.origin === actor.origin);
}

// No real IRI lives here: an actor resolved against it was written relative.
const probeBase = new URL("https://relative-iri.invalid/");

/**
 * Whether every actor was written as an absolute IRI: the activity as received
 * (`toJsonLd()` gives back the JSON it was parsed from) is read again with a
 * base of our own, and must name the same actors.
 */
export async function actorsWrittenAbsolute(ctx: Pick<FedInboxContext, "contextLoader" | "documentLoader">, activity: Activity): Promise<boolean> {
  try {
    const received = await activity.toJsonLd({ contextLoader: ctx.contextLoader });
    // Most activities are plain: answered from the JSON as received, without a second JSON-LD pass.
    if (plainlyAbsolute(received, activity)) return true;
    const reread = await ActivityClass.fromJsonLd(received, { baseUrl: probeBase, contextLoader: ctx.contextLoader, documentLoader: ctx.documentLoader });
    const written = reread.actorIds.map((url) => url.href);
    const resolved = activity.actorIds.map((url) => url.href);
    return written.length === resolved.length && written.every((href, i) => href === resolved[i]);
  } catch {
    return false;
  }
}

// Contexts that define no term for as:actor but `actor` itself (and no @base or @vocab).
const knownContexts = new Set([
  "https://www.w3.org/ns/activitystreams",
  "https://w3id.org/security/v1",
  "https://w3id.org/security/data-integrity/v1",
  "https://www.w3.org/ns/did/v1",
  "https://w3id.org/security/multikey/v1",
]);
// What JSON-LD takes for an absolute IRI: a scheme, then no whitespace.
const absoluteIri = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s\u0000-\u001f]*$/;

/**
 * The cheap check: with only well-known contexts (inline ones that never
 * mention an actor nor change the base), `actor` is the only key naming the
 * actors; each written as an absolute IRI (or an object with such an `id`)
 * that is the actor Fedify resolved. Anything else: undecided, the full check runs.
 */
export function plainlyAbsolute(received: unknown, activity: Activity): boolean {
  if (received === null || typeof received !== "object" || Array.isArray(received)) return false;
  const doc = received as Record<string, unknown>;
  const contexts = Array.isArray(doc["@context"]) ? doc["@context"] : [doc["@context"]];
  for (const c of contexts) {
    if (typeof c === "string" ? !knownContexts.has(c) : c === null || typeof c !== "object" || /actor|@base|@vocab|@import|@propagate/i.test(JSON.stringify(c))) return false;
  }
  if (Object.keys(doc).some((k) => k !== "actor" && /actor/i.test(k))) return false;
  const written = (Array.isArray(doc.actor) ? doc.actor : [doc.actor]).map((a) =>
    typeof a === "string" ? a : a !== null && typeof a === "object" && typeof (a as { id?: unknown }).id === "string" ? (a as { id: string }).id : null,
  );
  const resolved = activity.actorIds.map((url) => url.href);
  return (
    written.length === resolved.length &&
    written.every((w, i) => w !== null && absoluteIri.test(w) && URL.canParse(w) && new URL(w).href === resolved[i])
  );
}

/** The handler, run only for acceptable activities; others are acknowledged and dropped. */
export function guarded<T extends Activity>(handler: (ctx: FedInboxContext, activity: T) => Promise<void>) {
  return async (ctx: FedInboxContext, activity: T): Promise<void> => {
    const log = { id: activity.id?.href.slice(0, 200), actor: activity.actorId?.href.slice(0, 200) };
    if (!acceptableActivity(activity)) {
      inboxLogger.debug("Activity {id} from {actor} dropped: unusable id", log);
      return;
    }
    if (!(await actorsWrittenAbsolute(ctx, activity))) {
      inboxLogger.debug("Activity {id} from {actor} dropped: actor not written as an absolute IRI", log);
      return;
    }
    return handler(ctx, activity);
  };
}
