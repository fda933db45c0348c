// Fedify's key-value store with calls made together sent to the database
// together; each call still resolves with its own result, as if made alone.
// - Reads: those asked while no read is running go in one statement; those
//   asked while one runs wait for it and go in the next (so each is read after
//   it was asked). The queue starts a claimed batch of deliveries in one turn,
//   each reading its host's state and its origin's signature scheme; the
//   inbox reads each activity's idempotence key: under load, one statement
//   serves many.
// - Writes: one statement per kind of write per batch (a fan-out's answers
//   record their hosts' state; the inbox records each activity as handled);
//   a write resolves once its batch has committed.
import type { KvKey, KvStore, KvStoreListEntry, KvStoreSetOptions } from "@fedify/fedify";

/** A store that reads and writes several keys in one statement (PostgresKvStore). */
export interface ManyAtOnce {
  getMany(keys: readonly KvKey[]): Promise<unknown[]>;
  setMany(entries: readonly { key: KvKey; value: unknown; ttl?: Temporal.Duration }[]): Promise<void>;
  casMany(entries: readonly { key: KvKey; expected: unknown; value: unknown }[]): Promise<boolean[]>;
  deleteStartingWith?(prefix: KvKey, start: string): Promise<void>;
}

type Store = KvStore & ManyAtOnce;
const manyAtOnce = (kv: KvStore): kv is Store =>
  ["getMany", "setMany", "casMany"].every((name) => typeof (kv as unknown as Record<string, unknown>)[name] === "function");

interface Call<T> {
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}
type Write = ({ kind: "set"; value: unknown; ttl?: Temporal.Duration } | { kind: "cas"; expected: unknown; value: unknown }) & { key: KvKey } & Call<boolean>;

const keyText = (key: KvKey) => key.join("\u001f");

export class BatchedKv implements KvStore {
  readonly #kv: Store;
  #reads: ({ key: KvKey } & Call<unknown>)[] = [];
  #reading = false;
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
    if (this.#reads.length === 0 && !this.#reading) queueMicrotask(() => void this.#read());
    return new Promise((resolve, reject) => this.#reads.push({ key, resolve: resolve as (v: unknown) => void, reject }));
  }

  async #read(): Promise<void> {
    const reads = this.#reads.splice(0);
    this.#reading = true;
    try {
      // One key alone: the store's own prepared read.
      const values = reads.length === 1 ? [await this.#kv.get(reads[0].key)] : await this.#kv.getMany(reads.map((r) => r.key));
      reads.forEach((r, i) => r.resolve(values[i]));
    } catch (error) {
      for (const r of reads) r.reject(error);
    } finally {
      this.#reading = false;
      if (this.#reads.length > 0) void this.#read();
    }
  }

  set(key: KvKey, value: unknown, options?: KvStoreSetOptions): Promise<void> {
    return new Promise<boolean>((resolve, reject) => this.#write({ kind: "set", key, value, ttl: options?.ttl, resolve, reject })).then(() => {});
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
    // One set alone: the store's own prepared write.
    const setAll = sets.length === 1 ? this.#kv.set(sets[0].key, sets[0].value, { ttl: sets[0].ttl }) : this.#kv.setMany(sets);
    await Promise.all([
      setAll.then(() => sets.forEach((w) => w.resolve(true)), (error) => sets.forEach((w) => w.reject(error))),
      cases.length === 0 ? undefined : this.#kv.casMany(cases as (Write & { expected: unknown })[]).then(
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

  /** Passed on: federation/key-cache.ts drops a deleted actor's keys with it. */
  async deleteStartingWith(prefix: KvKey, start: string): Promise<void> {
    await this.#kv.deleteStartingWith?.(prefix, start);
  }
}
