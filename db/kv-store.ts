// Fedify's KvStore on our database, so caches and idempotence keys survive
// restarts and are shared by every process on the same PostgreSQL.
import type { KvKey, KvStore, KvStoreListEntry, KvStoreSetOptions } from "@fedify/fedify";
import { getLogger } from "@logtape/logtape";
import { and, eq, gt, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { DatabaseLike } from "./client.ts";
import { preparedPerDatabase } from "./prepared.ts";
import { rowsOf } from "./search.ts";
import { fedifyKvTable as kv } from "./schema/fedify.ts";

const logger = getLogger(["maillage", "db", "kv"]);
const SEPARATOR = "\u001f";
// Expired rows are invisible at once; a sweep now and then keeps the table small.
const SWEEP_INTERVAL_MS = 60_000;

export class PostgresKvStore implements KvStore {
  readonly #db: DatabaseLike;
  #lastSweep = Date.now();

  constructor(db: DatabaseLike) {
    this.#db = db;
  }

  async get<T = unknown>(key: KvKey): Promise<T | undefined> {
    const encoded = encodeKey(key);
    const rows = await readEntry(this.#db).execute({ key: encoded });
    const row = rows[0];
    if (row == null) return undefined;
    if (row.expired) {
      await this.#db.delete(kv).where(and(eq(kv.key, encoded), lte(kv.expiresAt, sql`now()`)));
      return undefined;
    }
    return JSON.parse(row.value) as T;
  }

  /**
   * Several keys in one statement, each value as `get` would give it (expired
   * rows read as absent; the sweep removes them).
   */
  async getMany(keys: readonly KvKey[]): Promise<unknown[]> {
    const encoded = keys.map(encodeKey);
    const rows = await this.#db
      .select({ key: kv.key, value: valueText })
      .from(kv)
      .where(and(inJsonList(kv.key, [...new Set(encoded)]), live()));
    const found = new Map(rows.map((row) => [row.key, row.value]));
    // Parsed for each caller: one may change its value without the others seeing it.
    return encoded.map((key) => {
      const text = found.get(key);
      return text === undefined ? undefined : JSON.parse(text);
    });
  }

  async set(key: KvKey, value: unknown, options?: KvStoreSetOptions): Promise<void> {
    const row = { key: encodeKey(key), value: JSON.stringify(value ?? null) };
    if (options?.ttl == null) await writeEntry(this.#db).execute(row);
    else await writeExpiringEntry(this.#db).execute({ ...row, ms: options.ttl.total("millisecond") });
    this.#maybeSweep();
  }

  async delete(key: KvKey): Promise<void> {
    await this.#db.delete(kv).where(eq(kv.key, encodeKey(key)));
  }

  /** Compare-and-swap done by the database, so it holds across processes. */
  async cas(
    key: KvKey,
    expectedValue: unknown,
    newValue: unknown,
    options?: KvStoreSetOptions,
  ): Promise<boolean> {
    const row = { key: encodeKey(key), value: toJsonb(newValue), expiresAt: expiresAt(options) };
    if (expectedValue === undefined) {
      // "Absent" includes an expired row still in the table: take it over.
      const inserted = await this.#db
        .insert(kv)
        .values(row)
        .onConflictDoUpdate({
          target: kv.key,
          set: { value: row.value, expiresAt: row.expiresAt },
          setWhere: lte(kv.expiresAt, sql`now()`),
        })
        .returning({ key: kv.key });
      return inserted.length > 0;
    }
    // jsonb equality ignores key order and spacing, like a deep comparison.
    const updated = await this.#db
      .update(kv)
      .set({ value: row.value, expiresAt: row.expiresAt })
      .where(and(eq(kv.key, row.key), sql`${kv.value} = ${toJsonb(expectedValue)}`, live()))
      .returning({ key: kv.key });
    return updated.length > 0;
  }

  /** `set` of several distinct keys, each with its own expiry or none, in one statement. */
  async setMany(entries: readonly { key: KvKey; value: unknown; ttl?: Temporal.Duration }[]): Promise<void> {
    if (entries.length === 0) return;
    const json = JSON.stringify(entries.map((e) => ({ key: encodeKey(e.key), value: e.value ?? null, ms: e.ttl?.total("millisecond") ?? null })));
    await this.#db.execute(sql`
      insert into ${kv} (key, value, expires_at)
      select v.key, coalesce(v.value, 'null'), now() + v.ms * interval '1 millisecond'
      from jsonb_to_recordset(${json}::jsonb) as v(key text, value jsonb, ms double precision)
      on conflict (key) do update set value = excluded.value, expires_at = excluded.expires_at`);
    this.#maybeSweep();
  }

  /**
   * `cas` of several distinct keys, without expiry: one statement for those
   * expected absent, one for the others. Whether each was swapped, in order.
   */
  async casMany(entries: readonly { key: KvKey; expected: unknown; value: unknown }[]): Promise<boolean[]> {
    const swapped = new Set<string>();
    const absent = entries.filter((e) => e.expected === undefined);
    const present = entries.filter((e) => e.expected !== undefined);
    if (absent.length > 0) {
      // "Absent" includes an expired row still in the table: take it over.
      const inserted = await this.#db.execute(sql`
        insert into ${kv} (key, value, expires_at) select v.key, coalesce(v.value, 'null'), null from ${newValues(absent)}
        on conflict (key) do update set value = excluded.value, expires_at = null where ${kv.expiresAt} <= now()
        returning key`);
      for (const row of rowsOf<{ key: string }>(inserted)) swapped.add(row.key);
    }
    if (present.length > 0) {
      const json = JSON.stringify(present.map((e) => ({ key: encodeKey(e.key), expected: e.expected, value: e.value ?? null })));
      const updated = await this.#db.execute(sql`
        update ${kv} set value = coalesce(v.value, 'null'), expires_at = null
        from jsonb_to_recordset(${json}::jsonb) as v(key text, expected jsonb, value jsonb)
        where ${kv.key} = v.key and ${kv.value} = coalesce(v.expected, 'null') and (${kv.expiresAt} is null or ${kv.expiresAt} > now())
        returning v.key`);
      for (const row of rowsOf<{ key: string }>(updated)) swapped.add(row.key);
    }
    return entries.map((e) => swapped.has(encodeKey(e.key)));
  }

  /** Deletes the entries under `prefix` whose next part starts with `start` (a deleted actor's keys). */
  async deleteStartingWith(prefix: KvKey, start: string): Promise<void> {
    await this.#db.delete(kv).where(sql`starts_with(${kv.key}, ${encodeKey([...prefix, start] as unknown as KvKey)})`);
  }

  async *list(prefix?: KvKey): AsyncIterable<KvStoreListEntry> {
    let where = live();
    if (prefix != null) {
      const encoded = encodeKey(prefix);
      // starts_with rather than LIKE: no wildcard escaping for keys holding % or _.
      where = and(
        where,
        or(eq(kv.key, encoded), sql`starts_with(${kv.key}, ${encoded + SEPARATOR})`),
      )!;
    }
    const rows = await this.#db
      .select({ key: kv.key, value: valueText })
      .from(kv)
      .where(where)
      .orderBy(kv.key);
    for (const row of rows) {
      yield { key: row.key.split(SEPARATOR) as unknown as KvKey, value: JSON.parse(row.value) };
    }
  }

  #maybeSweep(): void {
    if (Date.now() - this.#lastSweep < SWEEP_INTERVAL_MS) return;
    this.#lastSweep = Date.now();
    this.#db
      .delete(kv)
      .where(lte(kv.expiresAt, sql`now()`))
      .then(
        () => {},
        (error) => logger.warn("Sweeping expired KV entries failed: {error}", { error }),
      );
  }
}

// The hot statements (each inbound activity reads and writes its idempotence
// key), prepared once per database.
const readEntry = preparedPerDatabase((db) =>
  db
    .select({ value: valueTextOf(), expired: sql<boolean>`${kv.expiresAt} <= now()` })
    .from(kv)
    .where(eq(kv.key, sql.placeholder("key")))
    .prepare("kv_get"),
);
const jsonbValue = () => sql`${sql.placeholder("value")}::jsonb`;
const writeEntry = preparedPerDatabase((db) =>
  db
    .insert(kv)
    .values({ key: sql.placeholder("key"), value: jsonbValue(), expiresAt: null })
    .onConflictDoUpdate({ target: kv.key, set: { value: jsonbValue(), expiresAt: null } })
    .prepare("kv_set"),
);
const writeExpiringEntry = preparedPerDatabase((db) => {
  const expiresAt = sql`now() + ${sql.placeholder("ms")}::double precision * interval '1 millisecond'`;
  return db
    .insert(kv)
    .values({ key: sql.placeholder("key"), value: jsonbValue(), expiresAt })
    .onConflictDoUpdate({ target: kv.key, set: { value: jsonbValue(), expiresAt } })
    .prepare("kv_set_expiring");
});

function encodeKey(key: KvKey): string {
  for (const part of key) {
    // A part holding the separator would read back as two parts.
    if (part.includes(SEPARATOR)) throw new TypeError(`KV key part contains U+001F: ${part}`);
  }
  return key.join(SEPARATOR);
}

// (A JSON null reads back as SQL NULL from jsonb_to_recordset: hence the coalesce.)
// The *Many statements take their keys and values as one JSON parameter: one
// statement text whatever their number, so that PostgreSQL prepares it once
// (not once per batch size and connection) and Drizzle builds no row of
// parameters each.

/** `column` is one of `values`. */
export function inJsonList(column: AnyPgColumn, values: readonly (string | number)[]): SQL {
  return sql`${column} in (select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
}

const newValues = (entries: readonly { key: KvKey; value: unknown }[]) =>
  sql`jsonb_to_recordset(${JSON.stringify(entries.map((e) => ({ key: encodeKey(e.key), value: e.value ?? null })))}::jsonb) as v(key text, value jsonb)`;

function live(): SQL {
  return or(isNull(kv.expiresAt), gt(kv.expiresAt, sql`now()`))!;
}

// JSON goes through text on both sides: PGlite and postgres.js would otherwise
// (de)serialise jsonb differently (a stored string "123" could come back as a number).
const valueTextOf = () => sql<string>`${kv.value}::text`;
const valueText = valueTextOf();

/** A JSON value as jsonb; undefined is stored as null (jsonb has no undefined). */
export function toJsonb(value: unknown): SQL {
  return sql`${JSON.stringify(value ?? null)}::jsonb`;
}

/** Database time (not this host's clock) plus a duration, so hosts never disagree. */
export function nowPlusMs(ms: number): SQL {
  return sql`now() + ${ms}::double precision * interval '1 millisecond'`;
}

function expiresAt(options?: KvStoreSetOptions): SQL | null {
  return options?.ttl == null ? null : nowPlusMs(options.ttl.total("millisecond"));
}
