// Inbox: signed Create(Note) replies to a public announcement, POSTed to the
// shared inbox of a running server (ROLE=all, its PostgresMessageQueue does the
// inbox work) by several concurrent clients. The requests are signed before
// the clock starts (draft-cavage, as Mastodon signs), so the clients' cost is
// not measured. The remote actors are served by one HTTP server on 127.0.5.1;
// the server fetches their keys once (ALLOW_PRIVATE_ADDRESS, test mode), in a
// warm-up round that is not measured.
// Accepted = 202 answers; stored = rows in remote_post, followed while the
// queue works (PostgreSQL: SQL; PGlite: the announcement's replies through the
// API, the only reader while the server holds the data directory) and counted
// exactly in the database at the end.
// The reference (issue #14): a bare Hono + Fedify app in a process of its own
// whose inbox listener does nothing (reference.ts), sent the same activities,
// signed for its inbox, by the same clients; the ratio is its CPU per activity
// over the server's CPU per stored reply. Server and reference take turns, in
// ROUNDS rounds of REPLIES each: the load of this shared machine drifts over a
// minute (the reference alone measured 2.8 to 4.0 ms per activity from one run
// to the next), so each round's ratio compares the two under the same load,
// and the ratio given is their median. Before the rounds, both take WARM_UP
// replies at full concurrency, not measured: the server's pool then opens its
// connections and prepares its statements on each, and both compile their hot
// paths (the first round measured 40 % more on both sides without it).
import { createServer } from "node:http";
import { exportSpki, signRequest } from "@fedify/fedify";
import { count } from "drizzle-orm";
import { fedifyMessageTable, remotePostTable } from "../../db/schema/index.ts";
import { testKeyPair } from "../federation/support/fake-fediverse.ts";
import { freePort } from "../helpers/server-process.ts";
import { startReference } from "./reference.ts";
import {
  cpuSeconds, fmt, machineLoad, memoryMiB, onEachDatabase, printTableStats, sampleRss, setUpNetwork, startBenchServer, tableStats, type Api, type BenchDatabase,
} from "./support.ts";

const ACTORS = 20;
const REPLIES = 1_000;
const ROUNDS = 3;
const WARM_UP = 200;
const CLIENTS = 16;
const SLUG = "lilas";
const DEADLINE_MS = 180_000;
const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

interface Signed {
  headers: Record<string, string>;
  body: string;
}

/** The remote instance: actor documents with their public keys; counts the fetches. */
async function startRemote(host: string, port: number) {
  const origin = `http://${host}:${port}`;
  const actors = await Promise.all(
    Array.from({ length: ACTORS }, async (_, i) => {
      const keys = await testKeyPair();
      const id = `${origin}/users/voisin${i}`;
      const document = {
        "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
        id, type: "Person", preferredUsername: `voisin${i}`, name: `Voisin ${i}`,
        inbox: `${id}/inbox`, outbox: `${id}/outbox`, followers: `${id}/followers`, endpoints: { sharedInbox: `${origin}/inbox` },
        publicKey: { id: `${id}#main-key`, owner: id, publicKeyPem: await exportSpki(keys.publicKey) },
      };
      return { id, keyId: new URL(`${id}#main-key`), privateKey: keys.privateKey, document: JSON.stringify(document) };
    }),
  );
  const byPath = new Map(actors.map((a) => [new URL(a.id).pathname, a.document]));
  let fetches = 0;
  const server = createServer((req, res) => {
    const document = byPath.get(req.url ?? "");
    if (!document) return void res.writeHead(404).end();
    fetches++;
    res.writeHead(200, { "content-type": "application/activity+json" }).end(document);
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, host, resolve));
  return { actors, fetches: () => fetches, close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))) };
}

async function signReply(inbox: string, actor: { id: string; keyId: URL; privateKey: CryptoKey }, n: number, inReplyTo: string, group: string): Promise<Signed> {
  const published = new Date().toISOString();
  const note = {
    id: `${actor.id}/statuses/${n}`, type: "Note", attributedTo: actor.id, inReplyTo, published, to: [PUBLIC], cc: [group],
    content: `<p>Merci pour l’annonce ! J’apporte des croissants (réponse ${n}).</p>`,
  };
  const body = JSON.stringify({
    "@context": "https://www.w3.org/ns/activitystreams",
    id: `${note.id}/activity`, type: "Create", actor: actor.id, published, to: [PUBLIC], cc: [group], object: note,
  });
  const request = new Request(inbox, { method: "POST", headers: { "content-type": "application/activity+json" }, body });
  const signed = await signRequest(request, actor.privateKey, actor.keyId, { spec: "draft-cavage-http-signatures-12" });
  return { headers: Object.fromEntries(signed.headers), body };
}

/** Sends them with `clients` at once; returns the answers' statuses and when the last came. */
async function send(inbox: string, requests: Signed[], clients: number) {
  const statuses: Record<string, number> = {};
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < requests.length) {
        const { headers, body } = requests[next++];
        const res = await fetch(inbox, { method: "POST", headers, body }).catch((e: Error) => ({ status: e.message, text: async () => "" }));
        await res.text();
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
    }),
  );
  return statuses;
}

/** Stored replies while the server runs. */
function storedCounter(database: BenchDatabase, api: Api, announcementId: string) {
  if (database.label === "PostgreSQL") {
    const opened = database.open();
    return {
      read: async () => (await (await opened).db.select({ n: count() }).from(remotePostTable))[0].n,
      pollMs: 100,
      close: async () => (await opened).close(),
    };
  }
  return {
    read: async () => ((await api.call("GET", `/api/announcements/${announcementId}`)).body?.announcement?.replies?.length ?? 0) as number,
    // Each reading lists every reply stored so far (up to 2,000) in the server
    // whose CPU is measured: read every 2 s rather than every 0.5 s, so that it
    // counts little in the CPU per reply (the end of storing is known to ±2 s).
    pollMs: 2_000,
    close: async () => {},
  };
}

async function inboxOn(database: BenchDatabase) {
  const remoteHost = "127.0.5.1";
  const remote = await startRemote(remoteHost, await freePort(remoteHost));
  const server = await startBenchServer({ ...database.env, ALLOW_PRIVATE_ADDRESS: "true" });
  const reference = await startReference("bare-inbox", { HOST: "127.0.0.1", PORT: String(await freePort()) });
  try {
    const api = await setUpNetwork(server.url, SLUG);
    const posted = await api.expect(201, "POST", `/api/networks/${SLUG}/announcements`, {
      content: "Café-rencontre samedi à 10 h, salle des fêtes. #café", visibility: "public", asNetwork: true,
    });
    const { id: announcementId, url: inReplyTo } = posted.announcement as { id: string; url: string };
    const inbox = `${server.url}/inbox`;
    const group = `${server.url}/n/${SLUG}`;
    const refInbox = `${reference.url}/inbox`;
    const refGroup = `${reference.url}/users/lilas`;
    const signAll = (to: string, toGroup: string, from: number, count = REPLIES) =>
      Promise.all(Array.from({ length: count }, (_, i) => signReply(to, remote.actors[i % ACTORS], from + i, inReplyTo, toGroup)));
    const t = performance.now();
    const rounds = [];
    const warmRound = { server: await signAll(inbox, group, ROUNDS * REPLIES, WARM_UP), reference: await signAll(refInbox, refGroup, ROUNDS * REPLIES, WARM_UP) };
    for (let r = 0; r < ROUNDS; r++) rounds.push({ server: await signAll(inbox, group, r * REPLIES), reference: await signAll(refInbox, refGroup, r * REPLIES) });
    const signMs = (performance.now() - t) / (2 * (ROUNDS * REPLIES + WARM_UP));

    const stored = storedCounter(database, api, announcementId);
    const warmStatuses = await send(inbox, await Promise.all(remote.actors.map((a, i) => signReply(inbox, a, -1 - i, inReplyTo, group))), 4);
    const warmDeadline = performance.now() + 60_000;
    while ((await stored.read()) < ACTORS && performance.now() < warmDeadline) await new Promise((r) => setTimeout(r, 200));
    const fetchesAfterWarmUp = remote.fetches();
    const refWarm = await send(refInbox, await Promise.all(remote.actors.map((a, i) => signReply(refInbox, a, -1 - i, inReplyTo, refGroup))), 4);
    const warmMore = await send(inbox, warmRound.server, CLIENTS);
    const refWarmMore = await send(refInbox, warmRound.reference, CLIENTS);
    const warmedUp = ACTORS + (warmMore["202"] ?? 0);
    while ((await stored.read()) < warmedUp && performance.now() < warmDeadline) await new Promise((r) => setTimeout(r, 200));

    const statsBefore = await tableStats(database);
    const rssBefore = memoryMiB(server.pid);
    const rss = sampleRss(server.pid);
    const results = [];
    let expected = warmedUp;
    for (const round of rounds) {
      // The server: from the first POST until its replies are all stored.
      const cpuBefore = cpuSeconds(server.pid);
      const t0 = performance.now();
      const statuses = await send(inbox, round.server, CLIENTS);
      const acceptedMs = performance.now() - t0;
      const cpuAccepted = cpuSeconds(server.pid) - cpuBefore;
      const accepted = statuses["202"] ?? 0;
      expected += accepted;
      let last = await stored.read();
      let storedAt = performance.now();
      while (last < expected && performance.now() - t0 < DEADLINE_MS && performance.now() - storedAt < 15_000) {
        await new Promise((r) => setTimeout(r, stored.pollMs));
        const now = await stored.read();
        if (now !== last) [last, storedAt] = [now, performance.now()];
      }
      const serverCpu = cpuSeconds(server.pid) - cpuBefore;
      // Then the reference, the same activities signed for it.
      const refBefore = reference.cpuSeconds();
      const t1 = performance.now();
      const refStatuses = await send(refInbox, round.reference, CLIENTS);
      const refMs = performance.now() - t1;
      const refCpu = reference.cpuSeconds() - refBefore;
      results.push({
        statuses, accepted, acceptedMs, storedMs: storedAt - t0, stored: last - (expected - accepted),
        acceptingMs: (cpuAccepted * 1000) / Math.max(1, accepted), subjectMs: (serverCpu * 1000) / Math.max(1, last - (expected - accepted)),
        refStatuses, refMs, refCpuMs: (refCpu * 1000) / REPLIES,
      });
    }
    const peak = rss.stop();
    await stored.close();
    await server.stop();
    const statsAfter = await tableStats(database);
    const handle = await database.open();
    const [rows] = await handle.db.select({ n: count() }).from(remotePostTable);
    const [queued] = await handle.db.select({ n: count() }).from(fedifyMessageTable);
    await handle.close();
    const storedReplies = rows.n - warmedUp;

    console.log(`${database.label}: real server process (ROLE=all) + PostgresMessageQueue; POST ${new URL(inbox).pathname} (shared inbox); ${machineLoad()}`);
    console.log(`  warm-up: ${ACTORS} actors, one reply each (${JSON.stringify(warmStatuses)}), ${remote.fetches()} actor/key fetches in all (${fetchesAfterWarmUp} during the warm-up); then ${WARM_UP} replies to each, not measured (${JSON.stringify(warmMore)}, reference ${JSON.stringify(refWarmMore)})`);
    console.log(`  ${ROUNDS} rounds of ${fmt(REPLIES)} replies to the server, then ${fmt(REPLIES)} to the reference; pre-signed (draft-cavage, RSA-2048: ${fmt(signMs, 2)} ms each, not measured), ${CLIENTS} concurrent clients`);
    console.log(`  stored: ${fmt(storedReplies)} of ${fmt(ROUNDS * REPLIES)} (remote_post, counted at the end; ${fmt(queued.n)} messages left in the queue)`);
    results.forEach((r, i) =>
      console.log(
        `  round ${i + 1}: server ${JSON.stringify(r.statuses)} in ${fmt(r.acceptedMs / 1000, 2)} s, all ${fmt(r.stored)} stored after ${fmt(r.storedMs / 1000, 2)} s → ${fmt(r.stored / (r.storedMs / 1000))} stored/s;` +
          ` CPU ${fmt(r.acceptingMs, 2)} ms per reply while accepting, ${fmt(r.subjectMs, 2)} in all | reference ${JSON.stringify(r.refStatuses)} in ${fmt(r.refMs / 1000, 2)} s,` +
          ` CPU ${fmt(r.refCpuMs, 2)} ms per activity | ratio ${fmt((100 * r.refCpuMs) / r.subjectMs)}%`,
      ),
    );
    console.log(`  server RSS: ${fmt(rssBefore)} MiB before, peak ${fmt(peak)} MiB; reference warm-up ${JSON.stringify(refWarm)}`);
    printTableStats("reply", storedReplies, statsBefore, statsAfter);
    const median = results.map((r) => ({ ratio: r.refCpuMs / r.subjectMs, ...r })).sort((a, b) => a.ratio - b.ratio)[Math.floor(ROUNDS / 2)];
    console.log(
      `  RATIO inbox/reference (CPU per activity, median of ${ROUNDS} rounds): ${fmt(median.refCpuMs, 2)} / ${fmt(median.subjectMs, 2)} ms = ${fmt(100 * median.ratio)}%` +
        ` (goal ${database.label === "PostgreSQL" ? 70 : 40}%)`,
    );
  } finally {
    await reference.stop();
    await server.stop();
    await remote.close();
  }
}

export async function benchInbox() {
  await onEachDatabase("inbox", inboxOn);
}
