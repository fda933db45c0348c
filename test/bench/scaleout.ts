// Scale-out on PostgreSQL: the same database served by 1 ROLE=web + 1
// ROLE=worker process (the reference) and by 2 + 2 (the subject), alternating
// in one run (BENCH_ROUNDS, 2 by default; the second pair is started for the
// subject and stopped for the reference). Measured each time:
// - reads: a network's actor document (an ActivityPub GET served from the
//   document cache) and a network's offers list (100,000 offers in 50
//   networks, as `bench offers` seeds them, with a member's session), with two
//   wrk clients of 16 connections, 10 s: both on the one web process, or one
//   on each (no proxy in between);
// - fan-out: one public announcement to 2,000 followers, each with its own
//   inbox on one of 250 sinks (one loopback address each, 127.0.7.1–250 or
//   MAILLAGE_TEST_LOOPBACK.1–250), delivered by the worker processes.
// CPU is read from /proc/PID/stat for every server process, and for the
// PostgreSQL backends of the bench database. PGlite is one process per data
// directory: nothing to scale out there.
import { execFile } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { cpus } from "node:os";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { followerTable, networkTable, remoteActorTable } from "../../db/schema/index.ts";
import { freePort } from "../helpers/server-process.ts";
import { seed as seedOffers } from "./offers.ts";
import {
  cpuSeconds, fmt, logIn, machineLoad, setUpNetwork, startBenchServer, startBenchWorker, withWrkOnEachDatabase, type BenchDatabase, type BenchProcess, type BenchServer,
} from "./support.ts";

const SLUG = "lilas";
const HOSTS = 250;
const FOLLOWERS_PER_HOST = 8;
const FOLLOWERS = HOSTS * FOLLOWERS_PER_HOST;
const CLIENTS = 2;
const CONNECTIONS_PER_CLIENT = 16;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const SINK_PREFIX = process.env.MAILLAGE_TEST_LOOPBACK ?? "127.0.7";

/** 250 keep-alive inbox servers that count what they get and answer 202 at once. */
async function startSinks(port: number) {
  const servers: Server[] = [];
  const state = { inboxes: new Set<string>(), posts: 0, lastAt: 0 };
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on("end", () => {
      if (req.method === "POST" && req.url?.endsWith("/inbox")) {
        state.posts++;
        state.inboxes.add(`${req.headers.host}${req.url}`);
        state.lastAt = performance.now();
      }
      res.writeHead(202).end();
    });
  };
  const hosts: string[] = [];
  for (let i = 1; i <= HOSTS; i++) {
    const server = createServer({ keepAlive: true }, handler);
    await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, `${SINK_PREFIX}.${i}`, resolve));
    servers.push(server);
    hosts.push(`${SINK_PREFIX}.${i}:${port}`);
  }
  const reset = () => Object.assign(state, { inboxes: new Set<string>(), posts: 0, lastAt: 0 });
  const close = () => Promise.all(servers.map((s) => new Promise<void>((r) => (s.closeAllConnections(), s.close(() => r())))));
  return { hosts, state, reset, close };
}

/** Followers with their own inbox each (no shared inbox): one delivery per follower. */
async function seedFollowers(database: BenchDatabase, hosts: string[]) {
  const handle = await database.open();
  try {
    const [network] = await handle.db.select({ id: networkTable.id }).from(networkTable).where(eq(networkTable.slug, SLUG));
    const actors = hosts.flatMap((host) =>
      Array.from({ length: FOLLOWERS_PER_HOST }, (_, j) => {
        const id = `http://${host}/users/u${j}`;
        return { id, type: "Person", host, handle: `@u${j}@${host}`, name: `U${j}`, inbox: `${id}/inbox` };
      }),
    );
    await handle.db.insert(remoteActorTable).values(actors);
    await handle.db.insert(followerTable).values(
      actors.map((a) => ({ networkId: network.id, remoteActorId: a.id, followId: `${a.id}#follow`, state: "accepted" as const, acceptedAt: new Date() })),
    );
  } finally {
    await handle.close();
  }
}

/** CPU seconds so far of the server processes, and of each PostgreSQL backend serving the bench database. */
async function cpuNow(pids: number[], pg: postgres.Sql) {
  const rows = await pg`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;
  const backends = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      backends.set(pid, cpuSeconds(pid));
    } catch {
      // ended meanwhile
    }
  }
  return { server: pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0), backends };
}

async function cpuSince(before: Awaited<ReturnType<typeof cpuNow>>, pids: number[], pg: postgres.Sql) {
  const after = await cpuNow(pids, pg);
  let postgresCpu = 0;
  for (const [pid, s] of after.backends) postgresCpu += s - (before.backends.get(pid) ?? 0);
  return { server: after.server - before.server, postgres: postgresCpu };
}

interface Reading {
  perSecond: number;
  p50: number;
  p95: number;
  bad: number;
  cpuMs: number;
  pgMs: number;
}

/** Two wrk clients at once, spread over the web processes; req/s summed, the slower client's percentiles. */
async function read(urls: string[], headers: string[], script: string, pids: number[], pg: postgres.Sql): Promise<Reading> {
  const before = await cpuNow(pids, pg);
  const runs = await Promise.all(
    Array.from({ length: CLIENTS }, (_, i) => {
      const args = ["-t1", `-c${CONNECTIONS_PER_CLIENT}`, `-d${SECONDS}s`, "-s", script, ...headers.flatMap((h) => ["-H", h]), urls[i % urls.length]];
      return promisify(execFile)("wrk", args, { timeout: (SECONDS + 30) * 1000 }).then(({ stdout }) => stdout);
    }),
  );
  const cpu = await cpuSince(before, pids, pg);
  const num = (re: RegExp) => runs.map((out) => Number(re.exec(out)?.[1] ?? 0));
  const perSecond = num(/Requests\/sec:\s+([\d.]+)/).reduce((a, b) => a + b, 0);
  const requests = Math.max(1, perSecond * SECONDS);
  return {
    perSecond,
    p50: Math.max(...num(/P50 (\d+)/)) / 1000,
    p95: Math.max(...num(/P95 (\d+)/)) / 1000,
    bad: num(/Non-2xx or 3xx responses:\s+(\d+)/).reduce((a, b) => a + b, 0),
    cpuMs: (cpu.server * 1000) / requests,
    pgMs: (cpu.postgres * 1000) / requests,
  };
}

interface Fanout {
  perSecond: number;
  postMs: number;
  reached: number;
  duplicates: number;
  cpuMs: number;
  pgMs: number;
}

async function fanOut(api: Awaited<ReturnType<typeof logIn>>, sinks: Awaited<ReturnType<typeof startSinks>>, pids: number[], pg: postgres.Sql, n: number): Promise<Fanout> {
  sinks.reset();
  const before = await cpuNow(pids, pg);
  const t0 = performance.now();
  const content = `Vide-grenier n° ${n} dimanche, place du marché. Apportez vos trésors ! #voisinage`;
  await api.expect(201, "POST", `/api/networks/${SLUG}/announcements`, { content, visibility: "public", asNetwork: true });
  const postMs = performance.now() - t0;
  while (sinks.state.inboxes.size < FOLLOWERS && performance.now() - t0 < 300_000) await new Promise((r) => setTimeout(r, 10));
  const seconds = ((sinks.state.lastAt || performance.now()) - t0) / 1000;
  await new Promise((r) => setTimeout(r, 1_000)); // late duplicates, if any
  const cpu = await cpuSince(before, pids, pg);
  const reached = sinks.state.inboxes.size;
  return { perSecond: reached / seconds, postMs, reached, duplicates: sinks.state.posts - reached, cpuMs: (cpu.server * 1000) / Math.max(1, reached), pgMs: (cpu.postgres * 1000) / Math.max(1, reached) };
}

type Measure = { perSecond: number; cpuMs: number; pgMs: number };
interface Results {
  reference: (Reading | Fanout)[];
  subject: (Reading | Fanout)[];
}

const REFERENCE = "reference 1 web + 1 worker";
const SUBJECT = "subject   2 web + 2 worker";

function printReading(label: string, r: Reading) {
  console.log(
    `    ${label}  ${fmt(r.perSecond).padStart(6)} req/s  p50 ${fmt(r.p50, 1).padStart(5)} ms  p95 ${fmt(r.p95, 1).padStart(5)} ms` +
      `  server CPU ${fmt(r.cpuMs, 2)} ms/req + PostgreSQL ${fmt(r.pgMs, 2)} ms/req${r.bad ? `  NON-2xx: ${fmt(r.bad)}` : ""}`,
  );
}

function printFanout(label: string, f: Fanout) {
  console.log(
    `    ${label}  ${fmt(f.perSecond).padStart(6)} deliveries/s  (${f.reached === FOLLOWERS ? "all" : `ONLY ${fmt(f.reached)} of`} ${fmt(FOLLOWERS)}, duplicates ${f.duplicates}; POST answered in ${fmt(f.postMs)} ms)` +
      `  server CPU ${fmt(f.cpuMs, 2)} ms/delivery + PostgreSQL ${fmt(f.pgMs, 2)} ms/delivery`,
  );
}

const ratio = (name: string, unit: string, ref: Measure, sub: Measure) =>
  console.log(
    `    ratio subject/reference: ${fmt(sub.perSecond / ref.perSecond, 2)}× ${unit}/s; CPU per ${name}: ${fmt(sub.cpuMs / ref.cpuMs, 2)}× in the servers, ${fmt((sub.cpuMs + sub.pgMs) / (ref.cpuMs + ref.pgMs), 2)}× with PostgreSQL`,
  );

async function scaleOutOn(database: BenchDatabase, script: string) {
  if (database.label !== "PostgreSQL") {
    console.log(`${database.label}: one process per data directory, nothing to scale out (skipped)`);
    return;
  }
  const port = await freePort(`${SINK_PREFIX}.1`);
  const sinks = await startSinks(port);
  const pg = postgres(database.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  const webPort = await freePort();
  // One public origin, whichever web process answers.
  // The sinks are on loopback: test mode, or deliveries there are refused.
  const env = { ...database.env, PUBLIC_URL: `http://127.0.0.1:${webPort}`, ALLOW_PRIVATE_ADDRESS: "true" };
  const web1 = await startBenchServer({ ...env, PORT: String(webPort), ROLE: "web" });
  const running: BenchProcess[] = [web1];
  let second: { web: BenchServer; worker: BenchProcess } | undefined;
  try {
    await setUpNetwork(web1.url, SLUG);
    // The network's keys are made on first use: not by the measured runs.
    await fetch(`${web1.url}/n/${SLUG}`, { headers: { accept: "application/activity+json" } }).then((r) => r.text());
    const seededMs = await seedOffers(database);
    await seedFollowers(database, sinks.hosts);
    running.push(await startBenchWorker(env));
    const api = await logIn(web1.url);
    console.log(
      `${database.label}: ROLE=web and ROLE=worker processes on one database; reads: ${CLIENTS} wrk clients × -t1 -c${CONNECTIONS_PER_CLIENT} -d${SECONDS}s;` +
        ` fan-out: ${fmt(FOLLOWERS)} followers on ${HOSTS} sinks, own inbox each; offers seeded in ${fmt(seededMs / 1000, 1)} s; ${machineLoad()}`,
    );
    console.log(
      `  The ${cpus().length} cores are shared with other work: req/s and deliveries/s move with it, and more processes add no core (they only win` +
        " a bigger share from the other work). CPU per request is the robust figure: what the same work costs when split over more processes.",
    );
    const targets = [
      { name: `actor document /n/${SLUG} (ActivityPub GET, cached)`, path: `/n/${SLUG}`, headers: ["Accept: application/activity+json"] },
      { name: `offers list /api/networks/${SLUG}/offers (member session)`, path: `/api/networks/${SLUG}/offers`, headers: [`Cookie: ${api.cookie}`] },
    ];
    let posts = 0;
    const rounds: Results[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const results: Results = { reference: [], subject: [] };
      rounds.push(results);
      for (const config of ["reference", "subject"] as const) {
        if (config === "subject") {
          const [web, worker] = await Promise.all([startBenchServer({ ...env, ROLE: "web" }), startBenchWorker(env)]);
          second = { web, worker };
        }
        const webs = second ? [web1, second.web] : [web1];
        const pids = [...running, ...(second ? [second.web, second.worker] : [])].map((p) => p.pid);
        for (const target of targets) {
          // Warm: each web process fills its own document cache.
          for (const web of webs) for (let i = 0; i < 5; i++) await fetch(web.url + target.path, { headers: Object.fromEntries(target.headers.map((h) => h.split(": "))) }).then((r) => r.text());
          results[config].push(await read(webs.map((w) => w.url + target.path), target.headers, script, pids, pg));
        }
        results[config].push(await fanOut(api, sinks, pids, pg, ++posts));
        if (config === "subject" && round < ROUNDS) {
          await Promise.all([second!.web.stop(), second!.worker.stop()]);
          second = undefined;
        }
      }
      console.log(`  round ${round} of ${ROUNDS}; ${machineLoad()}`);
      targets.forEach((target, i) => {
        console.log(`  ${target.name}`);
        printReading(REFERENCE, results.reference[i] as Reading);
        printReading(SUBJECT, results.subject[i] as Reading);
        ratio("request", "req", results.reference[i], results.subject[i]);
      });
      console.log("  fan-out of one announcement (deliveries by the worker processes)");
      printFanout(REFERENCE, results.reference[targets.length] as Fanout);
      printFanout(SUBJECT, results.subject[targets.length] as Fanout);
      ratio("delivery", "deliveries", results.reference[targets.length], results.subject[targets.length]);
    }
    if (ROUNDS > 1) {
      // Means over the rounds: a burst of other work in one of them weighs less.
      const mean = (config: keyof Results, i: number) => {
        const all = rounds.map((r) => r[config][i]);
        const avg = (f: (m: Measure) => number) => all.reduce((sum, m) => sum + f(m), 0) / all.length;
        return { perSecond: avg((m) => m.perSecond), cpuMs: avg((m) => m.cpuMs), pgMs: avg((m) => m.pgMs) };
      };
      console.log(`  mean of the ${ROUNDS} rounds, subject/reference`);
      [...targets.map((t) => t.name), "fan-out"].forEach((name, i) => {
        const [ref, sub] = [mean("reference", i), mean("subject", i)];
        const unit = i < targets.length ? "req" : "delivery";
        console.log(
          `    ${name.padEnd(58)} ${fmt(ref.perSecond)} → ${fmt(sub.perSecond)} ${i < targets.length ? "req" : "deliveries"}/s (${fmt(sub.perSecond / ref.perSecond, 2)}×);` +
            ` CPU per ${unit} ${fmt(ref.cpuMs + ref.pgMs, 2)} → ${fmt(sub.cpuMs + sub.pgMs, 2)} ms with PostgreSQL (${fmt((sub.cpuMs + sub.pgMs) / (ref.cpuMs + ref.pgMs), 2)}×)`,
        );
      });
    }
  } finally {
    await Promise.all([...running, ...(second ? [second.web, second.worker] : [])].map((p) => p.stop()));
    await pg.end();
    await sinks.close();
  }
}

export async function benchScaleOut() {
  await withWrkOnEachDatabase("scaleout", scaleOutOn);
}
