// Counters in Redis (REDIS_URL): one Lua script per count, atomic on the
// server, each key expiring with its window.
import { Redis } from "ioredis";
import type { Counter, CounterStore } from "./limiter.ts";
import { CounterStoreUnavailable } from "./limiter.ts";

// KEYS[1] counter; ARGV[1] what to add; ARGV[2] the window in ms. Returns {count, ms left}.
const addScript = `
local count = redis.call('INCRBY', KEYS[1], ARGV[1])
if count < 0 then redis.call('SET', KEYS[1], 0, 'KEEPTTL'); count = 0 end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]); ttl = tonumber(ARGV[2]) end
return {count, ttl}`;

const prefix = "maillage:rate:";

export class RedisCounterStore implements CounterStore {
  readonly redis: Redis;
  constructor(url: string) {
    // A request waits at most a second for Redis, then gets 503: never a hang.
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 1000, lazyConnect: true });
    this.redis.on("error", () => {}); // reconnects by itself; failed commands say why
  }

  async add(key: string, by: number, windowMs: number): Promise<Counter> {
    const [count, ttl] = (await this.call(() => this.redis.eval(addScript, 1, prefix + key, by, windowMs))) as [number, number];
    return { count, resetAt: new Date(Date.now() + ttl) };
  }

  async clear(key: string): Promise<void> {
    await this.call(() => this.redis.del(prefix + key));
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }

  private async call<T>(command: () => Promise<T>): Promise<T> {
    try {
      if (this.redis.status === "wait") await this.redis.connect();
      return await command();
    } catch (e) {
      throw new CounterStoreUnavailable(`Redis: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  }
}
