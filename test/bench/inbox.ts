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
// The reference (issue #14), after the server: a bare Hono + Fedify app in a
// process of its own whose inbox listener does nothing (reference.ts), sent
// the same activities, signed for its inbox, by the same clients; the ratio is
// its CPU per activity over the server's CPU per stored reply.
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
const REPLIES = 2_000;
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
  try {
    const api = await setUpNetwork(server.url, SLUG);
    const posted = await api.expect(201, "POST", `/api/networks/${SLUG}/announcements`, {
      content: "Café-rencontre samedi à 10 h, salle des fêtes. #café", visibility: "public", asNetwork: true,
    });
    const { id: announcementId, url: inReplyTo } = posted.announcement as { id: string; url: string };
    const inbox = `${server.url}/inbox`;
    const group = `${server.url}/n/${SLUG}`;
    const warmUp = await Promise.all(remote.actors.map((a, i) => signReply(inbox, a, -1 - i, inReplyTo, group)));
    let t = performance.now();
    const requests: Signed[] = [];
    for (let i = 0; i < REPLIES; i++) requests.push(await signReply(inbox, remote.actors[i % ACTORS], i, inReplyTo, group));
    const signMs = (performance.now() - t) / REPLIES;

    const stored = storedCounter(database, api, announcementId);
    const warmStatuses = await send(inbox, warmUp, 4);
    const warmDeadline = performance.now() + 60_000;
    while ((await stored.read()) < ACTORS && performance.now() < warmDeadline) await new Promise((r) => setTimeout(r, 200));
    const fetchesAfterWarmUp = remote.fetches();

    const statsBefore = await tableStats(database);
    const cpuBefore = cpuSeconds(server.pid);
    const rssBefore = memoryMiB(server.pid);
    const rss = sampleRss(server.pid);
    const t0 = performance.now();
    const statuses = await send(inbox, requests, CLIENTS);
    const acceptedMs = performance.now() - t0;
    const cpuAccepted = cpuSeconds(server.pid) - cpuBefore;
    const accepted = statuses["202"] ?? 0;
    let last = await stored.read();
    let storedAt = performance.now();
    while (last < ACTORS + accepted && performance.now() - t0 < DEADLINE_MS && performance.now() - storedAt < 15_000) {
      await new Promise((r) => setTimeout(r, stored.pollMs));
      const now = await stored.read();
      if (now !== last) [last, storedAt] = [now, performance.now()];
    }
    const storedMs = storedAt - t0;
    const cpu = cpuSeconds(server.pid) - cpuBefore;
    const peak = rss.stop();
    await stored.close();
    await server.stop();
    const statsAfter = await tableStats(database);
    const handle = await database.open();
    const [rows] = await handle.db.select({ n: count() }).from(remotePostTable);
    const [queued] = await handle.db.select({ n: count() }).from(fedifyMessageTable);
    await handle.close();
    const storedReplies = rows.n - ACTORS;

    console.log(`${database.label}: real server process (ROLE=all) + PostgresMessageQueue; POST ${new URL(inbox).pathname} (shared inbox); ${machineLoad()}`);
    console.log(`  warm-up: ${ACTORS} actors, one reply each (${JSON.stringify(warmStatuses)}), ${remote.fetches()} actor/key fetches in all (${fetchesAfterWarmUp} during the warm-up)`);
    console.log(`  ${fmt(REPLIES)} replies pre-signed (draft-cavage, RSA-2048: ${fmt(signMs, 2)} ms each, not measured), ${CLIENTS} concurrent clients`);
    console.log(`  answers: ${JSON.stringify(statuses)} in ${fmt(acceptedMs / 1000, 2)} s → ${fmt(accepted / (acceptedMs / 1000))} accepted/s`);
    console.log(
      `  stored: ${fmt(storedReplies)} of ${fmt(accepted)} (remote_post, counted at the end; ${fmt(queued.n)} messages left in the queue);` +
        ` all stored ${fmt(storedMs / 1000, 2)} s after the first POST → ${fmt(storedReplies / (storedMs / 1000))} stored/s`,
    );
    console.log(`  server CPU: ${fmt((cpuAccepted * 1000) / Math.max(1, accepted), 2)} ms per reply while accepting, ${fmt((cpu * 1000) / Math.max(1, storedReplies), 2)} ms per reply in all`);
    console.log(`  server RSS: ${fmt(rssBefore)} MiB before, peak ${fmt(peak)} MiB`);
    printTableStats("reply", storedReplies, statsBefore, statsAfter);

    const subjectMs = (cpu * 1000) / Math.max(1, storedReplies);
    const reference = await startReference("bare-inbox", { HOST: "127.0.0.1", PORT: String(await freePort()) });
    try {
      const refInbox = `${reference.url}/inbox`;
      const refGroup = `${reference.url}/users/lilas`;
      const refWarm = await Promise.all(remote.actors.map((a, i) => signReply(refInbox, a, -1 - i, inReplyTo, refGroup)));
      const refRequests: Signed[] = [];
      for (let i = 0; i < REPLIES; i++) refRequests.push(await signReply(refInbox, remote.actors[i % ACTORS], i, inReplyTo, refGroup));
      const warm = await send(refInbox, refWarm, 4);
      const before = reference.cpuSeconds();
      const t = performance.now();
      const refStatuses = await send(refInbox, refRequests, CLIENTS);
      const refMs = ((reference.cpuSeconds() - before) * 1000) / REPLIES;
      console.log(
        `  reference, bare Fedify no-op inbox (own process, signatures verified, inline): warm-up ${JSON.stringify(warm)}; ${fmt(REPLIES)} POSTs ${JSON.stringify(refStatuses)}` +
          ` in ${fmt((performance.now() - t) / 1000, 2)} s → ${fmt(REPLIES / ((performance.now() - t) / 1000))}/s, CPU ${fmt(refMs, 2)} ms per activity`,
      );
      console.log(`  RATIO inbox/reference (CPU per activity): ${fmt(refMs, 2)} / ${fmt(subjectMs, 2)} ms = ${fmt((100 * refMs) / subjectMs)}% (goal ${database.label === "PostgreSQL" ? 70 : 40}%)`);
    } finally {
      await reference.stop();
    }
  } finally {
    await server.stop();
    await remote.close();
  }
}

export async function benchInbox() {
  await onEachDatabase("inbox", inboxOn);
}
