// Per-host delivery state in the key-value store, updated by compare-and-swap
// so that several deliveries (and several workers) to one host do not lose
// each other's updates.
import type { KvKey, KvStore } from "@fedify/fedify";
import { emptyHostState, type HostState } from "./policy.ts";

const PREFIX: KvKey = ["maillage", "delivery-host"];
const CAS_ATTEMPTS = 10;

export class DeliveryHosts {
  readonly #kv: KvStore;

  constructor(kv: KvStore) {
    this.#kv = kv;
  }

  async get(host: string): Promise<HostState> {
    return normalise(await this.#kv.get([...PREFIX, host]));
  }

  /**
   * Applies `change` to the host's state; returns the state written, or
   * undefined when `change` returns undefined (nothing to write).
   * `from`: the stored value as read a moment ago, tried first instead of a
   * fresh read (the compare-and-swap still catches any change since);
   * `read` is told each stored value `change` was applied to.
   */
  async update(
    host: string,
    change: (state: HostState) => HostState | undefined,
    options: { from?: StoredHostState; read?: (stored: StoredHostState) => void } = {},
  ): Promise<HostState | undefined> {
    const key = [...PREFIX, host] as const;
    for (let i = 0; i < CAS_ATTEMPTS; i++) {
      const raw = i === 0 && options.from ? options.from.raw : await this.#kv.get(key);
      const state = normalise(raw);
      options.read?.({ raw, state });
      const next = change(state);
      if (next === undefined) return undefined;
      const value = JSON.parse(JSON.stringify(next));
      if (!this.#kv.cas) {
        await this.#kv.set(key, value);
        return next;
      }
      if (await this.#kv.cas(key, raw ?? undefined, value)) return next;
    }
    throw new Error(`Delivery state of ${host} kept changing under us`);
  }

  /** Every host we have delivered to (or tried). */
  async list(): Promise<{ host: string; state: HostState }[]> {
    const out: { host: string; state: HostState }[] = [];
    for await (const { key, value } of this.#kv.list(PREFIX)) {
      const host = key[PREFIX.length];
      if (typeof host === "string") out.push({ host, state: normalise(value) });
    }
    return out;
  }
}

/** A host's state as stored (raw, for compare-and-swap) and as read. */
export interface StoredHostState {
  raw: unknown;
  state: HostState;
}

function normalise(value: unknown): HostState {
  if (typeof value !== "object" || value === null) return emptyHostState();
  const v = value as Partial<HostState>;
  return { ...emptyHostState(), ...v, failures: Array.isArray(v.failures) ? v.failures : [] };
}
