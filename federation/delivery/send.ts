// One attempt at one delivery: a signed POST of the activity to the inbox.
//
// Fedify's own sender knocks a second time with the other signature scheme on
// any status from 400 up (a 503 or a 404 got the activity twice, and only the
// second status was logged). Here the second knock is kept for what it is
// for — a peer that does not understand the first scheme: it answers 401, or
// 400 while we do not know yet which scheme it accepts — and every request
// carries our User-Agent.
import { importJwk, signRequest, type KvKey, type KvStore } from "@fedify/fedify";

/** Where Fedify remembers which scheme each origin accepts (its KvSpecDeterminer): one memory for both. */
const SPEC_PREFIX: KvKey = ["_fedify", "httpMessageSignaturesSpec"];
type Spec = "rfc9421" | "draft-cavage-http-signatures-12";
const SEND_TIMEOUT_MS = 30_000;
const MAX_REDIRECTS = 3;
/** How much of a refusal's body we keep for the log and the admin page. */
export const BODY_START_CHARS = 300;

export interface OutboxMessage {
  type: "outbox";
  id: string;
  keys: { keyId: string; privateKey: JsonWebKey }[];
  activity: unknown;
  activityId?: string;
  activityType: string;
  inbox: string;
  started: string;
  attempt: number;
  headers: Record<string, string>;
  orderingKey?: string;
  /** Ours: the peer refused this delivery once already (see PERMANENT_STATUSES). */
  refusedOnce?: boolean;
  [other: string]: unknown;
}

export type Outcome =
  | { ok: true; status: number }
  | { ok: false; status?: number; text: string; retryAfterMs?: number; unreachable?: true };

/** Whether a POST may go to this URL: a public address (never one inside our own network, outside test mode). */
export type MayReach = (url: URL) => Promise<boolean>;

// What each origin accepts, also kept in memory: a peer's scheme does not
// change, and reading it from the key-value store was one statement of every
// delivery. Another process learning otherwise is caught by the second knock.
const knownSpecs = new WeakMap<KvStore, Map<string, Spec>>();
const KNOWN_SPECS_MAX = 10_000;

/** The scheme `origin` is known to accept, if any. */
export async function knownSpec(kv: KvStore, origin: string): Promise<Spec | undefined> {
  const remembered = knownSpecs.get(kv)?.get(origin);
  if (remembered) return remembered;
  const stored = await kv.get<Spec>([...SPEC_PREFIX, origin]);
  if (stored) remember(kv, origin, stored);
  return stored;
}

function remember(kv: KvStore, origin: string, spec: Spec): void {
  let specs = knownSpecs.get(kv);
  if (!specs) knownSpecs.set(kv, (specs = new Map()));
  specs.set(origin, spec);
  if (specs.size > KNOWN_SPECS_MAX) specs.delete(specs.keys().next().value!);
}

async function learnSpec(kv: KvStore, origin: string, spec: Spec): Promise<void> {
  await kv.set([...SPEC_PREFIX, origin], spec);
  remember(kv, origin, spec);
}

/** `firstSpec`: knownSpec of the inbox's origin, when the caller read it already. */
export async function sendOnce(
  message: OutboxMessage, kv: KvStore, userAgent: string, mayReach?: MayReach, firstSpec?: Promise<Spec | undefined>,
): Promise<Outcome> {
  const key = await signingKey(message);
  const body = new TextEncoder().encode(JSON.stringify(message.activity)).buffer as ArrayBuffer;
  let inbox = new URL(message.inbox);
  for (let redirects = 0; ; redirects++) {
    // An inbox is named by the remote actor's document, and a redirect by its server: either may point inside our network.
    if (mayReach && !(await mayReach(inbox))) return { ok: false, text: `${inbox.href} is not a public address`, unreachable: true };
    const origin = inbox.origin;
    const known = redirects === 0 && firstSpec ? await firstSpec : await knownSpec(kv, origin);
    const first: Spec = known ?? "rfc9421";
    let response: Response;
    try {
      response = await post(inbox, body, message, userAgent, key, first);
      const secondKnock = response.status === 401 || (response.status === 400 && known === undefined);
      if (secondKnock) {
        await response.body?.cancel().catch(() => {});
        const other: Spec = first === "rfc9421" ? "draft-cavage-http-signatures-12" : "rfc9421";
        response = await post(inbox, body, message, userAgent, key, other);
        if (response.ok) await learnSpec(kv, origin, other);
      } else if (response.ok && known === undefined) {
        await learnSpec(kv, origin, first);
      }
    } catch (error) {
      return { ok: false, text: transportError(error) };
    }
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location && redirects < MAX_REDIRECTS) {
      await response.body?.cancel().catch(() => {});
      inbox = new URL(location, inbox);
      continue;
    }
    if (response.ok) {
      await response.body?.cancel().catch(() => {});
      return { ok: true, status: response.status };
    }
    return {
      ok: false,
      status: response.status,
      text: await bodyStart(response),
      retryAfterMs: retryAfterMs(response.headers.get("retry-after")),
    };
  }
}

async function post(inbox: URL, body: ArrayBuffer, message: OutboxMessage, userAgent: string, key: SigningKey | undefined, spec: Spec): Promise<Response> {
  const headers = new Headers(message.headers);
  headers.set("content-type", "application/activity+json");
  headers.set("user-agent", userAgent);
  let request = new Request(inbox, { method: "POST", headers, body });
  if (key) request = await signRequest(request, key.privateKey, key.keyId, { spec, body });
  return fetch(request, { redirect: "manual", signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });
}

interface SigningKey {
  keyId: URL;
  privateKey: CryptoKey;
}

const keyCache = new Map<string, Promise<CryptoKey>>();

/** The RSA key (HTTP signatures use it; the Ed25519 one signs the object proofs, already in the activity). */
async function signingKey(message: OutboxMessage): Promise<SigningKey | undefined> {
  for (const pair of message.keys) {
    if (pair.privateKey.kty !== "RSA") continue;
    const cacheKey = `${pair.keyId}\n${pair.privateKey.n?.slice(0, 64)}`;
    let key = keyCache.get(cacheKey);
    if (!key) {
      key = importJwk(pair.privateKey, "private");
      keyCache.set(cacheKey, key);
      if (keyCache.size > 1000) keyCache.delete(keyCache.keys().next().value!);
    }
    return { keyId: new URL(pair.keyId), privateKey: await key };
  }
  return undefined;
}

async function bodyStart(response: Response): Promise<string> {
  try {
    const reader = response.body?.getReader();
    if (!reader) return "";
    const decoder = new TextDecoder();
    let text = "";
    while (text.length < BODY_START_CHARS) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    await reader.cancel().catch(() => {});
    return text.replace(/\s+/g, " ").trim().slice(0, BODY_START_CHARS);
  } catch {
    return "";
  }
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function transportError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    if (error.name === "TimeoutError") return `no answer within ${SEND_TIMEOUT_MS / 1000} s`;
    return cause?.code ? `${cause.code}${cause.message ? `: ${cause.message}` : ""}` : error.message;
  }
  return String(error);
}
