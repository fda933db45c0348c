// Fixed queries built once per database (or transaction) object and reused:
// Drizzle otherwise builds the same SQL text again at each call (~0.1-0.2 ms
// of CPU each, several times per inbound activity).
import type { DatabaseLike } from "./client.ts";

/** `build(db)` once per database object; later calls get the same prepared query. */
export function preparedPerDatabase<T>(build: (db: DatabaseLike) => T): (db: DatabaseLike) => T {
  const built = new WeakMap<DatabaseLike, T>();
  return (db) => {
    let query = built.get(db);
    if (query === undefined) built.set(db, (query = build(db)));
    return query;
  };
}
