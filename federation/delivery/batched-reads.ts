// The key-value store as deliveries see it: reads made in one turn go to the
// database together. The queue starts a claimed batch of deliveries in one
// turn, and each reads its host's state and its origin's signature scheme at
// once: 2 statements per delivery became 1 per batch. Every other call goes
// to the store as is.
import type { KvKey, KvStore, KvStoreListEntry, KvStoreSetOptions } from "@fedify/fedify";

/** A store that reads several keys in one statement (PostgresKvStore). */
export interface ReadsMany {
  getMany(keys: readonly KvKey[]): Promise<unknown[]>;
}

const readsMany = (kv: KvStore): kv is KvStore & ReadsMany => typeof (kv as Partial<ReadsMany>).getMany === "function";

interface Waiting {
  key: KvKey;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class BatchedReads implements KvStore {
  readonly #kv: KvStore & ReadsMany;
  #waiting: Waiting[] = [];
  readonly cas?: KvStore["cas"];

  /** `kv` itself when it cannot read several keys at once. */
  static of(kv: KvStore): KvStore {
    return readsMany(kv) ? new BatchedReads(kv) : kv;
  }

  private constructor(kv: KvStore & ReadsMany) {
    this.#kv = kv;
    if (kv.cas) this.cas = (key, expected, value, options) => kv.cas!(key, expected, value, options);
  }

  get<T = unknown>(key: KvKey): Promise<T | undefined> {
    if (this.#waiting.length === 0) queueMicrotask(() => this.#read());
    return new Promise((resolve, reject) => this.#waiting.push({ key, resolve: resolve as (v: unknown) => void, reject }));
  }

  async #read(): Promise<void> {
    const waiting = this.#waiting.splice(0);
    try {
      const values = await this.#kv.getMany(waiting.map((w) => w.key));
      waiting.forEach((w, i) => w.resolve(values[i]));
    } catch (error) {
      for (const w of waiting) w.reject(error);
    }
  }

  set(key: KvKey, value: unknown, options?: KvStoreSetOptions): Promise<void> {
    return this.#kv.set(key, value, options);
  }

  delete(key: KvKey): Promise<void> {
    return this.#kv.delete(key);
  }

  list(prefix?: KvKey): AsyncIterable<KvStoreListEntry> {
    return this.#kv.list(prefix);
  }
}
