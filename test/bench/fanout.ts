// Fan-out: one public announcement, posted through the API by an animator in
// the network's name, from a network with 10,000 followers on 1,000 instances.
// The real server process (ROLE=all) delivers it through its
// PostgresMessageQueue, as main.ts configures it. Each instance is an inbox
// sink on its own loopback address (127.0.1.1 … 127.0.4.250, one port), so
// each has its own origin, as on the fediverse: Fedify orders and
// circuit-breaks per origin. Remote actors and followers are inserted into the
// database directly (10 per instance, one shared inbox per instance).
// The signing cost is measured afterwards with the network's own key, and so
// is the reference (issue #14): a process of its own that signs and POSTs the
// same activity to the same inboxes with keep-alive, 16 at a time
// (reference.ts); the ratio is its CPU per delivery over the server's.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { importJwk, signRequest } from "@fedify/fedify";
import { and, eq } from "drizzle-orm";
import { actorKeyTable, followerTable, networkTable, remoteActorTable } from "../../db/schema/index.ts";
import { freePort } from "../helpers/server-process.ts";
import { startReference } from "./reference.ts";
import {
  cpuSeconds, fmt, logIn, machineLoad, memoryMiB, onEachDatabase, printTableStats, sampleRss, setUpNetwork, startBenchServer, tableStats, type BenchDatabase,
} from "./support.ts";

const INSTANCES = 1_000;
const FOLLOWERS_PER_INSTANCE = 10;
const SLUG = "lilas";
const DEADLINE_MS = 300_000;
const SIGNATURES = 200;

interface Sinks {
  hosts: string[];
  posts: Map<string, number>;
  types: Record<string, number>;
  specs: Record<string, number>;
  sample?: { url: string; body: string };
  firstAt?: number;
  lastAt?: number;
  close(): Promise<void>;
}

/** One tiny HTTP server per instance: counts the POSTs to its shared inbox, answers 202. */
async function startSinks(port: number): Promise<Sinks> {
  const servers: Server[] = [];
  const sinks: Sinks = {
    hosts: [], posts: new Map(), types: {}, specs: {},
    close: () => Promise.all(servers.map((s) => new Promise<void>((r) => (s.closeAllConnections(), s.close(() => r()))))).then(() => {}),
  };
  const count = (record: Record<string, number>, key: string) => (record[key] = (record[key] ?? 0) + 1);
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method === "POST" && req.url === "/inbox") {
        const host = req.headers.host ?? "?";
        sinks.posts.set(host, (sinks.posts.get(host) ?? 0) + 1);
        sinks.lastAt = performance.now();
        sinks.firstAt ??= sinks.lastAt;
        const body = Buffer.concat(chunks).toString("utf8");
        count(sinks.types, String(JSON.parse(body).type));
        count(sinks.specs, req.headers["signature-input"] ? "rfc9421" : req.headers.signature ? "draft-cavage" : "unsigned");
        sinks.sample ??= { url: `http://${host}/inbox`, body };
      }
      res.writeHead(202).end();
    });
  };
  try {
    for (let i = 0; i < INSTANCES; i++) {
      const address = `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`;
      const server = createServer({ keepAlive: true }, handler);
      await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, address, resolve));
      servers.push(server);
      sinks.hosts.push(`${address}:${port}`);
    }
  } catch (e) {
    await sinks.close();
    throw e;
  }
  return sinks;
}

/** 10 followers per instance, straight into the tables (the server is stopped on PGlite). */
async function seedFollowers(database: BenchDatabase, hosts: string[]): Promise<string> {
  const handle = await database.open();
  try {
    const [network] = await handle.db.select({ id: networkTable.id }).from(networkTable).where(eq(networkTable.slug, SLUG));
    const actors = hosts.flatMap((host) =>
      Array.from({ length: FOLLOWERS_PER_INSTANCE }, (_, j) => {
        const id = `http://${host}/users/u${j}`;
        return { id, type: "Person", host, handle: `@u${j}@${host}`, name: `U${j}`, inbox: `${id}/inbox`, sharedInbox: `http://${host}/inbox` };
      }),
    );
    for (let i = 0; i < actors.length; i += 1_000) {
      const chunk = actors.slice(i, i + 1_000);
      await handle.db.insert(remoteActorTable).values(chunk);
      await handle.db.insert(followerTable).values(
        chunk.map((a) => ({ networkId: network.id, remoteActorId: a.id, followId: `${a.id}#follow`, state: "accepted" as const, acceptedAt: new Date() })),
      );
    }
    return network.id;
  } finally {
    await handle.close();
  }
}

/** Fedify's signRequest with the network's RSA key on a delivered body: one at a time, and 16 at a time. */
async function signingCost(database: BenchDatabase, networkId: string, keyId: URL, sample: { url: string; body: string }, spec: "rfc9421" | "draft-cavage-http-signatures-12") {
  const handle = await database.open();
  const [row] = await handle.db.select().from(actorKeyTable).where(and(eq(actorKeyTable.networkId, networkId), eq(actorKeyTable.algorithm, "rsa")));
  await handle.close();
  const key = await importJwk(row.privateKey, "private");
  const sign = () =>
    signRequest(new Request(sample.url, { method: "POST", headers: { "content-type": "application/activity+json" }, body: sample.body }), key, keyId, { spec });
  for (let i = 0; i < 10; i++) await sign();
  let t = performance.now();
  for (let i = 0; i < SIGNATURES; i++) await sign();
  const serialMs = (performance.now() - t) / SIGNATURES;
  t = performance.now();
  for (let i = 0; i < SIGNATURES; i += 16) await Promise.all(Array.from({ length: 16 }, sign));
  const parallelPerS = SIGNATURES / ((performance.now() - t) / 1000);
  t = performance.now();
  for (let i = 0; i < 50; i++) await importJwk(row.privateKey, "private");
  const importMs = (performance.now() - t) / 50;
  const bits = (key.algorithm as RsaHashedKeyAlgorithm).modulusLength;
  return { serialMs, parallelPerS, importMs, bits, jwk: row.privateKey as JsonWebKey };
}

async function fanoutOn(database: BenchDatabase) {
  const port = await freePort("127.0.1.1");
  const sinks = await startSinks(port);
  // The sinks are on loopback: test mode, or deliveries there are refused.
  let server = await startBenchServer({ ...database.env, ALLOW_PRIVATE_ADDRESS: "true" });
  try {
    await setUpNetwork(server.url, SLUG);
    // The network's keys are made on first use: not during the measured fan-out.
    await fetch(`${server.url}/n/${SLUG}`, { headers: { accept: "application/activity+json" } }).then((r) => r.text());
    await server.stop();
    const networkId = await seedFollowers(database, sinks.hosts);
    server = await startBenchServer(server.env);
    const api = await logIn(server.url);
    await new Promise((r) => setTimeout(r, 2_000));
    const statsBefore = await tableStats(database);
    const rssBefore = memoryMiB(server.pid);
    const cpuBefore = cpuSeconds(server.pid);
    const rss = sampleRss(server.pid);

    const t0 = performance.now();
    const res = await api.call("POST", `/api/networks/${SLUG}/announcements`, {
      content: "Café-rencontre samedi à 10 h, salle des fêtes. Venez nombreux ! #café #voisinage",
      visibility: "public",
      asNetwork: true,
    });
    const postMs = performance.now() - t0;
    // In 10 ms ticks, and an upper bound: in ROLE=all the worker may have begun on the fan-out.
    const postCpuMs = (cpuSeconds(server.pid) - cpuBefore) * 1000;
    if (res.status !== 201) throw new Error(`POST announcement: ${res.status} ${JSON.stringify(res.body)}`);
    while (sinks.posts.size < INSTANCES && performance.now() - t0 < DEADLINE_MS) await new Promise((r) => setTimeout(r, 10));
    const allMs = (sinks.lastAt ?? performance.now()) - t0;
    await new Promise((r) => setTimeout(r, 1_000)); // late duplicates, if any
    const peak = rss.stop();
    const cpu = cpuSeconds(server.pid) - cpuBefore;
    await server.stop();

    const reached = sinks.posts.size;
    const statsAfter = await tableStats(database);
    const posts = [...sinks.posts.values()].reduce((a, b) => a + b, 0);
    const firstMs = (sinks.firstAt ?? NaN) - t0;
    console.log(`${database.label}: real server process (ROLE=all) + PostgresMessageQueue; announcement via POST /api/networks/${SLUG}/announcements; ${machineLoad()}`);
    console.log(`  ${fmt(INSTANCES * FOLLOWERS_PER_INSTANCE)} followers on ${fmt(INSTANCES)} instances (one shared inbox each, own loopback address)`);
    console.log(`  POST answered 201 in ${fmt(postMs)} ms (server CPU until then ${fmt(postCpuMs)} ms); first delivery at ${fmt(firstMs)} ms`);
    console.log(
      `  ${reached === INSTANCES ? "every" : `ONLY ${fmt(reached)} of ${fmt(INSTANCES)}`} sink had it after ${fmt(allMs / 1000, 2)} s` +
        ` → ${fmt(reached / (allMs / 1000))} deliveries/s overall, ${fmt((reached - 1) / (((sinks.lastAt ?? 0) - (sinks.firstAt ?? 0)) / 1000))}/s from first to last`,
    );
    console.log(`  POSTs received: ${fmt(posts)} (duplicates: ${posts - reached}); types ${JSON.stringify(sinks.types)}; signatures ${JSON.stringify(sinks.specs)}`);
    console.log(`  server RSS: ${fmt(rssBefore)} MiB before, peak ${fmt(peak)} MiB during the fan-out`);
    printTableStats("delivery", reached, statsBefore, statsAfter);
    console.log(`  server CPU during the fan-out: ${fmt(cpu, 2)} s = ${fmt((cpu * 1000) / Math.max(1, reached), 2)} ms per delivery`);
    if (sinks.sample) {
      const spec = sinks.specs["draft-cavage"] > (sinks.specs.rfc9421 ?? 0) ? "draft-cavage-http-signatures-12" : "rfc9421";
      const s = await signingCost(database, networkId, new URL(`${server.url}/n/${SLUG}#main-key`), sinks.sample, spec);
      console.log(
        `  signing (Fedify signRequest, ${spec}, the network's RSA-${s.bits} key, ${sinks.sample.body.length} B body, ${SIGNATURES} requests):` +
          ` ${fmt(s.serialMs, 2)} ms each → ${fmt(1000 / s.serialMs)}/s on one core; ${fmt(s.parallelPerS)}/s with 16 at once;` +
          ` importJwk of the key (once per queued delivery): ${fmt(s.importMs, 2)} ms`,
      );
      console.log(`  measured deliveries/s are ${fmt((100 * reached) / (allMs / 1000) / s.parallelPerS)}% of the signing limit`);
      const reference = await startReference("post-loop");
      try {
        const inboxes = sinks.hosts.map((host) => `http://${host}/inbox`);
        const job = { jwk: s.jwk, keyId: `${server.url}/n/${SLUG}#main-key`, body: sinks.sample.body, inboxes, spec, parallel: 16 };
        await reference.run({ ...job, inboxes: inboxes.slice(0, 50) }); // warm-up (JIT)
        const r = await reference.run(job);
        const refMs = (r.cpu * 1000) / inboxes.length;
        const subjectMs = (cpu * 1000) / Math.max(1, reached);
        console.log(
          `  reference, signed POST loop (own process, signRequest ${spec}, keep-alive fetch, 16 at once): ${fmt(inboxes.length)} POSTs ${JSON.stringify(r.statuses)}` +
            ` in ${fmt(r.ms / 1000, 2)} s → ${fmt(inboxes.length / (r.ms / 1000))}/s, CPU ${fmt(refMs, 2)} ms per delivery`,
        );
        console.log(`  RATIO fan-out/reference (CPU per delivery): ${fmt(refMs, 2)} / ${fmt(subjectMs, 2)} ms = ${fmt((100 * refMs) / subjectMs)}% (goal ${database.label === "PostgreSQL" ? 50 : 30}%)`);
      } finally {
        await reference.stop();
      }
    }
  } finally {
    await server.stop();
    await sinks.close();
  }
}

export async function benchFanout() {
  await onEachDatabase("fanout", fanoutOn);
}
