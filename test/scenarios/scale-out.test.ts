// Scale-out, as the README describes it: two ROLE=web and two ROLE=worker
// processes on one PostgreSQL database. Each delivery is sent exactly once, a
// change made through one web process is seen at once through the other, rate
// limits are shared (in the database, and in Redis by a second pair of web
// processes with REDIS_URL on the same database), and a worker killed with
// kill -9 mid-fan-out loses nothing (its leased messages are taken over when
// the lease runs out).
// PostgreSQL only: PGlite is one process per data directory. The PostgreSQL
// run needs Redis at 127.0.0.1:6379, as CI machines have it.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { asc, eq } from "drizzle-orm";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/client.ts";
import { followerTable, networkTable, rateLimitCounterTable, remoteActorTable } from "../../db/schema/index.ts";
import { ADMIN, Api, setUpNetwork } from "../bench/support.ts";
import { createPostgresDatabase, testDatabaseKind } from "../helpers/db.ts";
import { repoRoot } from "../helpers/processes.ts";
import { freePort, startServer, type ServerProcess } from "../helpers/server-process.ts";

const LOOPBACK = process.env.MAILLAGE_TEST_LOOPBACK ?? "127.0.0";
const SINK_HOST = `${LOOPBACK}.40`;
const FOLLOWERS = 120;
const AP = "application/activity+json";
const REDIS = "redis://127.0.0.1:6379";
// What RedisCounterStore names a counter: its prefix, the limit, a hash of the subject.
const redisCounterKey = (limit: string, subject: string) =>
  `maillage:rate:${limit}:${createHash("sha256").update(subject).digest("base64url").slice(0, 32)}`;

/**
 * A Redis logical database of our own for this run (1–15, the first with
 * nothing in it, claimed with SET NX), so that parallel runs and other users of
 * this Redis never share a counter with us. `release` deletes what we wrote.
 */
async function claimRedisDatabase(): Promise<{ url: string; redis: Redis; release(): Promise<void> }> {
  const claim = "maillage-test:claimed-by";
  const run = `scale-out ${process.pid} ${randomBytes(4).toString("hex")}`;
  for (let db = 1; db < 16; db++) {
    const redis = new Redis(`${REDIS}/${db}`, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2_000 });
    redis.on("error", () => {});
    try {
      await redis.connect();
    } catch (e) {
      redis.disconnect();
      throw new Error(`The PostgreSQL run needs Redis at ${REDIS} (CI machines have it): ${e instanceof Error ? e.message : e}`);
    }
    if ((await redis.set(claim, run, "EX", 3_600, "NX")) === "OK") {
      if ((await redis.dbsize()) === 1) {
        const release = async () => {
          const keys = await redis.keys("maillage:rate:*");
          if (keys.length) await redis.del(...keys);
          if ((await redis.get(claim)) === run) await redis.del(claim);
          redis.disconnect();
        };
        return { url: `${REDIS}/${db}`, redis, release };
      }
      await redis.del(claim); // someone else's data is there
    }
    redis.disconnect();
  }
  throw new Error(`No free logical database on Redis at ${REDIS}`);
}

/** Remote inboxes: records what each received, answers slowly enough for a kill to land mid-fan-out. */
class Sink {
  readonly received: { body: string; inbox: string }[] = [];
  server?: Server;
  origin = "";
  delayMs = 20;
  async start() {
    const port = await freePort(SINK_HOST);
    this.origin = `http://${SINK_HOST}:${port}`;
    this.server = createServer((req, res) => {
      let body = "";
      req.on("data", (d) => (body += d));
      req.on("end", () => {
        if (req.method === "POST") this.received.push({ body, inbox: req.url ?? "" });
        setTimeout(() => res.writeHead(202).end(), this.delayMs);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, SINK_HOST, resolve));
  }
  /** The inboxes that got an activity mentioning `fragment` (the announcement's id). */
  inboxesFor(fragment: string): string[] {
    return this.received.filter((r) => r.body.includes(fragment)).map((r) => r.inbox);
  }
}

function startWorker(env: Record<string, string>): { child: ChildProcess; ready: Promise<void>; exited: Promise<void>; output: () => string } {
  const dataDir = mkdtempSync(join(tmpdir(), "maillage-worker-"));
  const child = spawn(process.execPath, [join(repoRoot, "server", "launch.mjs"), "main.ts"], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? "", ...env, DATA_DIR: dataDir, ROLE: "worker", LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const ready = new Promise<void>((resolve, reject) => {
    const look = (d: Buffer) => {
      output += d;
      if (output.includes("Queue worker started")) resolve();
    };
    child.stdout!.on("data", look);
    child.stderr!.on("data", look);
    child.once("exit", (code) => reject(new Error(`worker exited (${code}):\n${output}`)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(() => rmSync(dataDir, { recursive: true, force: true }));
  return { child, ready, exited, output: () => output };
}

describe.skipIf(testDatabaseKind !== "postgres")("two web and two worker processes on one PostgreSQL", () => {
  let database: { url: string; drop: () => Promise<void> };
  let handle: DatabaseHandle;
  const sink = new Sink();
  let webA: ServerProcess;
  let webB: ServerProcess;
  // The second pair: REDIS_URL set, on the same database.
  let redisWebs: ServerProcess[] = [];
  let redis: Awaited<ReturnType<typeof claimRedisDatabase>> | undefined;
  let workers: ReturnType<typeof startWorker>[] = [];
  let admin: Api;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    redis = await claimRedisDatabase();
    await sink.start();
    const port = await freePort();
    // One public origin for the instance, whichever process answers.
    // Leases of 5 s: the killed worker's deliveries are taken over after that, not 30 s.
    const shared = { DATABASE_URL: database.url, PUBLIC_URL: `http://127.0.0.1:${port}`, ALLOW_PRIVATE_ADDRESS: "true", QUEUE_LEASE_MS: "5000" };
    webA = await startServer({ ...shared, PORT: String(port), ROLE: "web" });
    const redisUrl = redis.url;
    [webB, redisWebs, ...workers] = await Promise.all([
      startServer({ ...shared, ROLE: "web" }),
      Promise.all([1, 2].map(() => startServer({ ...shared, ROLE: "web", REDIS_URL: redisUrl }))),
      ...[1, 2].map(async () => {
        const worker = startWorker(shared);
        await worker.ready;
        return worker;
      }),
    ]) as [ServerProcess, ServerProcess[], ...ReturnType<typeof startWorker>[]];
    admin = await setUpNetwork(webA.url, "lilas");
    // The network's keys are made on first use: by this GET, not by two workers at once.
    expect((await fetch(`${webA.url}/n/lilas`, { headers: { accept: AP } })).status).toBe(200);
    handle = await openDatabase({ url: database.url });
    const [network] = await handle.db.select().from(networkTable).where(eq(networkTable.slug, "lilas"));
    const actors = Array.from({ length: FOLLOWERS }, (_, i) => `${sink.origin}/users/${i}`);
    await handle.db.insert(remoteActorTable).values(actors.map((id) => ({ id, type: "Person", host: new URL(id).host, inbox: `${id}/inbox` })));
    await handle.db.insert(followerTable).values(actors.map((id) => ({ networkId: network.id, remoteActorId: id, followId: `${id}#follow`, state: "accepted" as const })));
  }, 300_000);

  afterAll(async () => {
    for (const w of workers) {
      w.child.kill("SIGTERM");
      await w.exited;
    }
    await Promise.all([webA?.stop(), webB?.stop(), ...redisWebs.map((w) => w.stop())]);
    await redis?.release();
    await handle?.close();
    sink.server?.close();
    await database?.drop();
  });

  const post = async (content: string) => {
    const res = await admin.call("POST", "/api/networks/lilas/announcements", { content, visibility: "public", asNetwork: true });
    expect(res.status).toBe(201);
    return res.body.announcement.id as string;
  };
  async function until(predicate: () => boolean, timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) {
        const logs = workers.map((w) => w.output().slice(-2_000)).join("\n---\n");
        throw new Error(`timed out; the sink got ${sink.received.length} POSTs; workers said:\n${logs}`);
      }
      await sleep(50);
    }
  }

  it("sends each delivery of a fan-out exactly once", async () => {
    const id = await post("Fête des voisins vendredi");
    await until(() => sink.inboxesFor(id).length >= FOLLOWERS, 120_000);
    await sleep(500); // a duplicate would come now
    const inboxes = sink.inboxesFor(id);
    expect(new Set(inboxes).size).toBe(FOLLOWERS);
    expect(inboxes).toHaveLength(FOLLOWERS);
  }, 150_000);

  it("a change made through one web process is served at once by the other", async () => {
    const actor = () => fetch(`${webB.url}/n/lilas`, { headers: { accept: AP } }).then((r) => r.json() as Promise<{ name: string }>);
    expect((await actor()).name).toBe("Quartier des Lilas");
    await admin.expect(200, "PATCH", "/api/networks/lilas", { name: "Lilas en fête" });
    expect((await actor()).name).toBe("Lilas en fête");
  });

  it("counts rate limits together: the eleventh failed login, on either process, is refused", async () => {
    for (let i = 0; i < 10; i++) {
      const res = await new Api(i % 2 ? webA.url : webB.url).call("POST", "/api/session", { handle: "banc", password: `wrong password ${i}!` });
      expect(res.status).toBe(401);
    }
    expect((await new Api(webA.url).call("POST", "/api/session", { handle: "banc", password: "wrong again, eleventh" })).status).toBe(429);
  });

  it("with REDIS_URL, counts rate limits in Redis: failures through one web process, then the other, reach the limit", async () => {
    const counters = () => handle.db.select().from(rateLimitCounterTable).orderBy(asc(rateLimitCounterTable.key));
    const before = await counters();
    const [one, two] = redisWebs;
    // A right password first: the account is over its limit in the database (the test above), not in Redis.
    expect((await new Api(one.url).call("POST", "/api/session", { handle: ADMIN.handle, password: ADMIN.password })).status).toBe(200);
    for (let i = 0; i < 10; i++) {
      const res = await new Api(i < 5 ? one.url : two.url).call("POST", "/api/session", { handle: ADMIN.handle, password: `wrong password ${i}!` });
      expect(res.status).toBe(401);
    }
    for (const web of [one, two]) {
      expect((await new Api(web.url).call("POST", "/api/session", { handle: ADMIN.handle, password: ADMIN.password })).status).toBe(429);
    }
    // The ten failures, five counted by each process, in one counter (a refused attempt is not a failure).
    expect(await redis!.redis.get(redisCounterKey("login-account", ADMIN.handle))).toBe("10");
    expect(await redis!.redis.pttl(redisCounterKey("login-account", ADMIN.handle))).toBeGreaterThan(0);
    // Nothing counted in the database by these processes.
    expect(await counters()).toEqual(before);
  });

  it("loses nothing when a worker is killed with kill -9 mid-fan-out", async () => {
    sink.delayMs = 300; // a slow remote: the fan-out lasts long enough to be cut
    const id = await post("Atelier réparation samedi");
    await until(() => sink.inboxesFor(id).length >= FOLLOWERS / 5, 120_000);
    const [victim] = workers;
    victim.child.kill("SIGKILL");
    await victim.exited;
    expect(sink.inboxesFor(id).length).toBeLessThan(FOLLOWERS);
    // What it held is taken over by the other worker once its leases run out (5 s here).
    await until(() => new Set(sink.inboxesFor(id)).size >= FOLLOWERS, 150_000);
    workers = workers.slice(1);
  }, 200_000);
});
