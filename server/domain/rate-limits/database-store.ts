// Counters in the database (the default): one upsert per count, atomic, so
// that every web process on the database shares them.
import { lt, sql } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { rateLimitCounterTable as counter } from "../../../db/schema/index.ts";
import type { Counter, CounterStore } from "./limiter.ts";

export class DatabaseCounterStore implements CounterStore {
  readonly db: DatabaseLike;
  constructor(db: DatabaseLike) {
    this.db = db;
  }

  async add(key: string, by: number, windowMs: number): Promise<Counter> {
    const resetAt = new Date(Date.now() + windowMs);
    // An ended window starts again from this count.
    const ended = sql`${counter.resetAt} <= now()`;
    const [row] = await this.db
      .insert(counter)
      .values({ key, count: Math.max(0, by), resetAt })
      .onConflictDoUpdate({
        target: counter.key,
        set: {
          count: sql`case when ${ended} then excluded.count else greatest(0, ${counter.count} + ${by}) end`,
          resetAt: sql`case when ${ended} then excluded.reset_at else ${counter.resetAt} end`,
        },
      })
      .returning({ count: counter.count, resetAt: counter.resetAt });
    return row;
  }

  async clear(key: string): Promise<void> {
    await this.db.delete(counter).where(sql`${counter.key} = ${key}`);
  }
}

/** Deletes counters whose window has ended (the worker runs it hourly). */
export async function sweepRateLimitCounters(db: DatabaseLike): Promise<void> {
  await db.delete(counter).where(lt(counter.resetAt, new Date()));
}
