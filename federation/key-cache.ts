// Remote actors' public keys, kept parsed in memory. Fedify verifies each
// signed request with the signer's key from its KV store: a database read,
// then a JSON-LD expansion and an SPKI import of the same key every time
// (~0.7 ms of a ~3 ms inbox POST). Here the KV entries of keys (Fedify's
// `publicKey` prefix) are kept in memory by key id, and each one is parsed
// once: the parse is memoized on the very object handed out.
//
// Still verified on every request: only the key's parse is kept, never a
// verdict. Rotation: when a signature fails with a kept key, Fedify fetches
// the key again and stores it (`set`), which replaces it here. A deleted actor's
// keys are dropped (`forgetKeysOf`). Other processes' copies age out within
// MAX_AGE_MS, as Fedify's own KV entries for keys never expire at all.
import type { KvKey, KvStore, KvStoreListEntry, KvStoreSetOptions } from "@fedify/fedify";
import { CryptographicKey } from "@fedify/vocab";

// Fedify's default `kvPrefixes.publicKey` (we set no other).
const PREFIX = ["_fedify", "publicKey"] as const;
const MAX_ENTRIES = 5_000;
const MAX_AGE_MS = 10 * 60_000;

interface StartDeleting {
  deleteStartingWith(prefix: KvKey, start: string): Promise<void>;
}

interface Kept {
  value: object;
  at: number;
}

// [...PREFIX, keyId]; Fedify's fetch-error entries have one part more.
const keyIdOf = (key: KvKey): string | null => (key.length === 3 && key[0] === PREFIX[0] && key[1] === PREFIX[1] ? key[2] : null);

// A key id is its actor's id, or that id and `#main-key` (Mastodon, Misskey) or `/main-key` (GoToSocial):
// …/users/bob's keys, and not …/users/bobby's.
const KEY_ID_SEPARATORS = ["#", "/"] as const;
const isKeyIdOf = (keyId: string, actorId: string) =>
  keyId === actorId || KEY_ID_SEPARATORS.some((separator) => keyId.startsWith(actorId + separator));

const handedOut = new WeakMap<object, Promise<CryptographicKey>>();
let memoInstalled = false;

/**
 * Fedify parses the object our `get` returned with CryptographicKey.fromJsonLd:
 * for an object we handed out, the first parse is kept and given again (the
 * same immutable key). Anything else is parsed as before.
 */
function installParseMemo(): void {
  if (memoInstalled) return;
  memoInstalled = true;
  const original = CryptographicKey.fromJsonLd;
  CryptographicKey.fromJsonLd = function (this: typeof CryptographicKey, json: unknown, options?: Parameters<typeof original>[1]) {
    if (json === null || typeof json !== "object" || !handedOut.has(json)) return original.call(this, json, options);
    let parsed = handedOut.get(json);
    if (parsed === undefined || parsed === PENDING) {
      parsed = original.call(this, json, options);
      handedOut.set(json, parsed);
      // A key that does not parse is not kept parsed (Fedify then drops its entry).
      parsed.catch(() => handedOut.set(json, PENDING));
    }
    return parsed;
  } as typeof original;
}
const PENDING = undefined as unknown as Promise<CryptographicKey>;

const caches = new WeakMap<object, KeyCachingKvStore>();

/** Forgets, in this process and in the store, the keys owned by a deleted actor. */
export async function forgetKeysOf(federation: object, actorId: string): Promise<void> {
  await caches.get(federation)?.forgetOwner(actorId);
}

/** Ties a federation to its key cache, for `forgetKeysOf`. */
export function registerKeyCache(federation: object, cache: KeyCachingKvStore): void {
  caches.set(federation, cache);
}

/** A KvStore that keeps Fedify's key entries in memory and passes everything else through. */
export class KeyCachingKvStore implements KvStore {
  readonly #inner: KvStore;
  readonly #kept = new Map<string, Kept>();

  constructor(inner: KvStore) {
    this.#inner = inner;
    installParseMemo();
  }

  async get<T = unknown>(key: KvKey): Promise<T | undefined> {
    const keyId = keyIdOf(key);
    if (keyId === null) return this.#inner.get<T>(key);
    const kept = this.#kept.get(keyId);
    if (kept && Date.now() - kept.at < MAX_AGE_MS) {
      // Most recently used last, so that the oldest go first.
      this.#kept.delete(keyId);
      this.#kept.set(keyId, kept);
      return kept.value as T;
    }
    this.#kept.delete(keyId);
    const value = await this.#inner.get<T>(key);
    // Only keys (objects): an unavailable key (null) is a short-lived entry Fedify also keeps.
    if (value !== null && typeof value === "object") this.#keep(keyId, value);
    return value;
  }

  async set(key: KvKey, value: unknown, options?: KvStoreSetOptions): Promise<void> {
    const keyId = keyIdOf(key);
    if (keyId !== null) this.#kept.delete(keyId);
    await this.#inner.set(key, value, options);
    if (keyId !== null && value !== null && typeof value === "object" && options?.ttl == null) this.#keep(keyId, value);
  }

  async delete(key: KvKey): Promise<void> {
    const keyId = keyIdOf(key);
    if (keyId !== null) this.#kept.delete(keyId);
    await this.#inner.delete(key);
  }

  cas(key: KvKey, expectedValue: unknown, newValue: unknown, options?: KvStoreSetOptions): Promise<boolean> {
    const keyId = keyIdOf(key);
    if (keyId !== null) this.#kept.delete(keyId);
    return this.#inner.cas!(key, expectedValue, newValue, options);
  }

  list(prefix?: KvKey): AsyncIterable<KvStoreListEntry> {
    return this.#inner.list!(prefix);
  }

  /** Drops the keys whose owner is this actor (or whose key id is its id, then # or /), here and in the store. */
  async forgetOwner(actorId: string): Promise<void> {
    const owned = [...this.#kept].filter(([keyId, { value }]) => ownerOf(value) === actorId || isKeyIdOf(keyId, actorId));
    for (const [keyId] of owned) await this.delete([...PREFIX, keyId]);
    await this.#inner.delete([...PREFIX, actorId]);
    for (const separator of KEY_ID_SEPARATORS) await (this.#inner as Partial<StartDeleting>).deleteStartingWith?.([...PREFIX], actorId + separator);
  }

  #keep(keyId: string, value: object): void {
    this.#kept.set(keyId, { value, at: Date.now() });
    handedOut.set(value, PENDING);
    if (this.#kept.size > MAX_ENTRIES) this.#kept.delete(this.#kept.keys().next().value!);
  }
}

function ownerOf(value: object): string | null {
  const owner = (value as { owner?: unknown }).owner;
  if (typeof owner === "string") return owner;
  if (owner !== null && typeof owner === "object" && typeof (owner as { id?: unknown }).id === "string") return (owner as { id: string }).id;
  return null;
}
