// The key-value store as deliveries see it: calls made together go to the
// database together. The queue starts a claimed batch of deliveries in one
// turn, each reading its host's state and its origin's signature scheme: one
// statement for all those reads. The answers of a fan-out arrive several per
// turn, each writing the host's state (and, for a new host, the scheme it
// accepted): one statement per kind of write per turn, not one per delivery.
// Each call still resolves with its own result, as if made alone.
import type { KvKey, KvStore, KvStoreListEntry, KvStoreSetOptions } from "@fedify/fedify";

/** A store that reads and writes several keys in one statement (PostgresKvStore). */
export interface ManyAtOnce {
  getMany(keys: readonly KvKey[]): Promise<unknown[]>;
  setMany(entries: readonly { key: KvKey; value: unknown }[]): Promise<void>;
  casMany(entries: readonly { key: KvKey; expected: unknown; value: unknown }[]): Promise<boolean[]>;
}

type Store = KvStore & ManyAtOnce;
const manyAtOnce = (kv: KvStore): kv is Store =>
  ["getMany", "setMany", "casMany"].every((name) => typeof (kv as unknown as Record<string, unknown>)[name] === "function");

interface Call<T> {
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}
type Write = ({ kind: "set"; value: unknown } | { kind: "cas"; expected: unknown; value: unknown }) & { key: KvKey } & Call<boolean>;

const keyText = (key: KvKey) => key.join("\u001f");

export class BatchedKv implements KvStore {
  readonly #kv: Store;
  #reads: ({ key: KvKey } & Call<unknown>)[] = [];
  #writes = new Map<string, Write>();
  // Writes to a key already written in this turn wait for the next batch, so
  // that each sees the one before it, as when made one after the other.
  #later: Write[] = [];
  #writing = false;

  /** `kv` itself when it cannot do several keys at once. */
  static of(kv: KvStore): KvStore {
    return manyAtOnce(kv) ? new BatchedKv(kv) : kv;
  }

  private constructor(kv: Store) {
    this.#kv = kv;
  }

  get<T = unknown>(key: KvKey): Promise<T | undefined> {
    if (this.#reads.length === 0) queueMicrotask(() => this.#read());
    return new Promise((resolve, reject) => this.#reads.push({ key, resolve: resolve as (v: unknown) => void, reject }));
  }

  async #read(): Promise<void> {
    const reads = this.#reads.splice(0);
    try {
      const values = await this.#kv.getMany(reads.map((r) => r.key));
      reads.forEach((r, i) => r.resolve(values[i]));
    } catch (error) {
      for (const r of reads) r.reject(error);
    }
  }

  set(key: KvKey, value: unknown, options?: KvStoreSetOptions): Promise<void> {
    if (options?.ttl != null) return this.#kv.set(key, value, options);
    return new Promise<boolean>((resolve, reject) => this.#write({ kind: "set", key, value, resolve, reject })).then(() => {});
  }

  cas(key: KvKey, expected: unknown, value: unknown, options?: KvStoreSetOptions): Promise<boolean> {
    if (options?.ttl != null) return this.#kv.cas!(key, expected, value, options);
    return new Promise<boolean>((resolve, reject) => this.#write({ kind: "cas", key, expected, value, resolve, reject }));
  }

  #write(write: Write): void {
    if (this.#writes.size === 0 && !this.#writing) setImmediate(() => void this.#flush());
    const text = keyText(write.key);
    if (this.#writes.has(text) || this.#writing) this.#later.push(write);
    else this.#writes.set(text, write);
  }

  async #flush(): Promise<void> {
    const writes = [...this.#writes.values()];
    this.#writes.clear();
    this.#writing = true;
    const sets = writes.filter((w) => w.kind === "set");
    const cases = writes.filter((w) => w.kind === "cas");
    await Promise.all([
      this.#kv.setMany(sets).then(() => sets.forEach((w) => w.resolve(true)), (error) => sets.forEach((w) => w.reject(error))),
      this.#kv.casMany(cases as (Write & { expected: unknown })[]).then(
        (swapped) => cases.forEach((w, i) => w.resolve(swapped[i])),
        (error) => cases.forEach((w) => w.reject(error)),
      ),
    ]);
    this.#writing = false;
    for (const write of this.#later.splice(0)) this.#write(write);
  }

  delete(key: KvKey): Promise<void> {
    return this.#kv.delete(key);
  }

  list(prefix?: KvKey): AsyncIterable<KvStoreListEntry> {
    return this.#kv.list(prefix);
  }
}
