// One parse of each inbound activity instead of three. Fedify parses a POSTed
// activity to look for Object Integrity Proofs (verifyObject), again once the
// HTTP signature is verified, and its queue handler a third time before
// calling our listener; each Activity.fromJsonLd expands the JSON-LD once per
// class level and per embedded object (~7 expansions, ~0.5 ms of CPU per
// reply, bench inbox).
//
// Within one POST (request-memo.ts's scope), a parse of the very same JSON
// object with the same document loader and no base URL gives the first
// parse's activity again: the same input and options, so the same result
// (activities are immutable; guard.ts's re-read with a base of its own parses).
//
// The parse from the POST is then handed to that activity's inline run:
// - Kept: the parse from the POST, given to Fedify by its idempotency hook
//   (the only hook that sees it before it is queued), keyed by the very JSON
//   object Fedify then puts in the queue message.
// - Used: only while inline-first.ts runs that message at once, and only for
//   Fedify's parse of that very object (Activity.fromJsonLd is wrapped; any
//   other call parses as before). A message that goes to the database queue
//   is parsed again by the worker, as before.
// - Same result: both parses read the same JSON. Not handed over when the
//   JSON carries a Linked Data Signature or an Object Integrity Proof (Fedify
//   then parses a normalised or detached copy), nor when the message was
//   normalised. The one difference: the POST's parse holds the request's
//   document loader, the worker's the instance actor's signed one; our
//   listeners always pass their context's loaders (loaderOptions(ctx)).
import type { InboxContext } from "@fedify/fedify";
import { Activity } from "@fedify/vocab";
import { requestMap } from "../request-memo.ts";

/** JSON body (as Fedify queues it) → the activity parsed from it during the POST. */
const parsedAtPost = new WeakMap<object, Activity>();
/** The same, while inline-first.ts runs its message: taken by the first parse of that object. */
const handing = new WeakMap<object, Activity>();

const plainBody = (json: unknown): json is object =>
  json !== null && typeof json === "object" && !Array.isArray(json) && !("signature" in json) && !("proof" in json);

/**
 * Fedify's idempotency hook (withIdempotency): keeps the parsed activity.
 * Returns null: with a queue, Fedify's check before enqueueing reads a key
 * written nowhere (see index.ts); the queue's handler keeps its own record.
 */
export function keepParsedActivity(ctx: InboxContext<unknown>, activity: Activity): null {
  installParseReuse();
  // The JSON Fedify queues is the one its inbox context holds (an internal field: without it, no handover).
  const json = (ctx as unknown as { activity?: unknown }).activity;
  if (plainBody(json)) parsedAtPost.set(json, activity);
  return null;
}

interface InboxMessage {
  activity?: unknown;
  normalizedActivity?: unknown;
  ldSignatureVerified?: unknown;
}

/**
 * Runs `work` (the queue handler on this message) with the activity parsed at
 * the POST handed to Fedify's parse of `message.activity`, if there is one.
 */
export async function withParsedActivity<T>(message: InboxMessage, work: () => Promise<T> | T): Promise<T> {
  const json = message.activity;
  const parsed = plainBody(json) ? parsedAtPost.get(json) : undefined;
  if (parsed === undefined || message.normalizedActivity !== undefined || message.ldSignatureVerified !== undefined) return work();
  parsedAtPost.delete(json as object);
  handing.set(json as object, parsed);
  try {
    return await work();
  } finally {
    handing.delete(json as object);
  }
}

/** Forgets what was kept for this message (queued for a worker instead: parsed there). */
export function dropParsedActivity(message: InboxMessage): void {
  if (plainBody(message.activity)) parsedAtPost.delete(message.activity);
}

type ParseOptions = Parameters<typeof Activity.fromJsonLd>[1];
interface Parse {
  documentLoader: unknown;
  activity: Promise<Activity>;
}
/** Owner of each request's parses in request-memo.ts's scope. */
const PARSES = {};

/** Wraps Activity.fromJsonLd, once: the parses above are given again, any other is made as before. */
export function installParseReuse(): void {
  if (installed) return;
  installed = true;
  const original = Activity.fromJsonLd;
  Activity.fromJsonLd = function (this: typeof Activity, json: unknown, options?: ParseOptions) {
    if (this !== Activity || !plainBody(json)) return original.call(this, json, options);
    const handed = handing.get(json);
    if (handed !== undefined) {
      handing.delete(json);
      return Promise.resolve(handed);
    }
    const parses = options?.baseUrl == null ? requestMap<object, Parse>(PARSES) : undefined;
    if (parses === undefined) return original.call(this, json, options);
    const kept = parses.get(json);
    if (kept !== undefined && kept.documentLoader === options?.documentLoader) return kept.activity;
    const activity = original.call(this, json, options);
    parses.set(json, { documentLoader: options?.documentLoader, activity });
    activity.catch(() => parses.delete(json));
    return activity;
  } as typeof original;
}
let installed = false;
