// Offers at the scale of a region: 100,000 offers across 50 networks (seeded
// in one INSERT ... SELECT generate_series), then, against a real server
// (ROLE=all) with a member's session, wrk at 32 connections for 10 s each:
// the list of a network's open offers, two French searches (newest first and
// by relevance), and a bare Hono endpoint (this process) returning a fixed
// JSON of the list's size, and a bare Hono + postgres.js primary-key read (one
// row of pg_database by oid, on the BENCH_DATABASE_URL server, in this process):
// the yardsticks; each figure is given as a ratio to the primary-key read (to
// the fixed JSON when there is no PostgreSQL server). p50/p95 come from wrk's
// latency histogram (a Lua `done` hook).
// On PGlite, and on PostgreSQL when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { serve } from "@hono/node-server";
import { sql } from "drizzle-orm";
import { Hono } from "hono";
import postgres from "postgres";
import { rowsOf } from "../../db/search.ts";
import { freePort } from "../helpers/server-process.ts";
import { cpuSeconds, fmt, logIn, machineLoad, serverDatabaseUrl, setUpNetwork, startBenchServer, withWrkOnEachDatabase, type BenchDatabase } from "./support.ts";

const OFFERS = 100_000;
const NETWORKS = 50;
const CONNECTIONS = 32;
const SECONDS = 10;

interface Result {
  perSecond: number;
  p50: number;
  p95: number;
  bad: number;
}

async function wrk(url: string, script: string, cookie?: string): Promise<Result> {
  const args = ["-t1", `-c${CONNECTIONS}`, `-d${SECONDS}s`, "-s", script, ...(cookie ? ["-H", `Cookie: ${cookie}`] : []), url];
  const { stdout } = await promisify(execFile)("wrk", args, { timeout: (SECONDS + 30) * 1000 });
  return {
    perSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? NaN),
    p50: Number(/P50 (\d+)/.exec(stdout)?.[1] ?? NaN) / 1000,
    p95: Number(/P95 (\d+)/.exec(stdout)?.[1] ?? NaN) / 1000,
    bad: Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(stdout)?.[1] ?? 0),
  };
}

/** 49 more networks with one author each, and the offers, in a handful of statements. */
export async function seed(database: Pick<BenchDatabase, "open">): Promise<number> {
  const handle = await database.open();
  const started = Date.now();
  try {
    const { db } = handle;
    await db.execute(sql`insert into network (slug, name) select 'reseau-' || g, 'Réseau ' || g from generate_series(2, ${NETWORKS}) g`);
    await db.execute(sql`insert into member (handle, display_name) select 'voisin-' || n.slug, 'Voisin de ' || n.name from network n`);
    await db.execute(sql`insert into membership (network_id, member_id) select n.id, m.id from network n join member m on m.handle = 'voisin-' || n.slug`);
    await db.execute(sql`
      with nets as (select n.id, m.id as author, row_number() over (order by n.slug) - 1 as i
                    from network n join member m on m.handle = 'voisin-' || n.slug),
           themes as (select array_agg(slug order by position) as slugs from theme where network_id is null)
      insert into offer (network_id, author_id, posted_by_id, kind, theme_slug, title, body, place, visibility, status, expires_at, created_at)
      select nets.id, nets.author, nets.author,
             (case when g % 3 = 0 then 'request' else 'offer' end)::offer_kind,
             themes.slugs[1 + g % array_length(themes.slugs, 1)],
             (array['Perceuse à prêter', 'Vélo d''enfant', 'Tondeuse électrique', 'Escabeau 5 marches', 'Cours de guitare',
                    'Garde de chat en août', 'Covoiturage au marché', 'Graines de tomates', 'Aide pour les courses', 'Jardinage à deux',
                    'Scie sauteuse', 'Poussette pliante', 'Réparation de vélos', 'Confitures maison', 'Soutien en maths',
                    'Table de jardin', 'Déménagement samedi', 'Livres pour enfants', 'Machine à coudre', 'Promenade du chien'])[1 + (g / ${NETWORKS}) % 20]
               || ' n° ' || g,
             (array['Disponible le soir et le week-end.', 'Pour les voisins de la résidence, avec plaisir.',
                    'En bon état, quelques traces d''usage.', 'On peut en parler au café-rencontre.',
                    'Idéal pour un petit bricolage ou un jardin partagé.'])[1 + (g / ${NETWORKS}) % 5]
               || ' Merci de prévenir la veille. Référence ' || md5(g::text),
             'Bâtiment ' || chr(65 + g % 6),
             (array['network', 'partners', 'public'])[1 + g % 3]::visibility,
             (case when g % 7 = 0 then 'done' else 'open' end)::offer_status,
             now() + interval '90 days',
             date_trunc('milliseconds', now() - g * interval '1 minute')
      from generate_series(1, ${OFFERS}) g
      join nets on nets.i = g % ${NETWORKS}
      cross join themes`);
    await db.execute(sql`analyze`);
    const counts = await db.execute(sql`select count(*)::int as offers, count(distinct network_id)::int as networks from offer`);
    console.log("  seeded:", JSON.stringify(rowsOf(counts)));
  } finally {
    await handle.close();
  }
  return Date.now() - started;
}

async function bareJson(body: string) {
  const port = await freePort();
  const app = new Hono().get("/", (c) => c.body(body, 200, { "content-type": "application/json" }));
  const server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" });
  if (!server.listening) await new Promise((resolve) => server.once("listening", resolve));
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** The issue's reference: Hono answering with one row read by primary key through postgres.js (prepared). */
async function primaryKeyRead(url: string) {
  const sql = postgres(url, { max: 10, onnotice: () => {} });
  const [{ oid }] = await sql<{ oid: number }[]>`select oid::int from pg_database where datname = current_database()`;
  const port = await freePort();
  const app = new Hono().get("/", async (c) => c.json((await sql`select oid::int, datname, encoding from pg_database where oid = ${oid}`)[0]));
  const server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" });
  if (!server.listening) await new Promise((resolve) => server.once("listening", resolve));
  return { url: `http://127.0.0.1:${port}/`, close: async () => { await new Promise<void>((r) => server.close(() => r())); await sql.end(); } };
}

async function offersOn(database: BenchDatabase, script: string) {
  // A first start makes the schema and the admin with the first network; then the seed, server stopped (PGlite is one process).
  const first = await startBenchServer(database.env);
  try {
    await setUpNetwork(first.url, "lilas");
  } finally {
    await first.stop();
  }
  const seeded = await seed(database);
  const server = await startBenchServer(database.env);
  try {
    const api = await logIn(server.url);
    const targets = [
      { name: "list /api/networks/lilas/offers", path: "/api/networks/lilas/offers" },
      { name: "search q=perceuse (newest first)", path: "/api/networks/lilas/offers?q=perceuse" },
      { name: "search q=velo, by relevance", path: "/api/networks/lilas/offers?q=velo&sort=relevance" },
      { name: "search q=bricolage jardin (2 words)", path: "/api/networks/lilas/offers?q=bricolage%20jardin" },
    ];
    console.log(`${database.label}: ${fmt(OFFERS)} offers in ${NETWORKS} networks seeded in ${fmt(seeded / 1000, 1)} s; wrk -t1 -c${CONNECTIONS} -d${SECONDS}s; ${machineLoad()}`);
    const listBody = JSON.stringify((await api.expect(200, "GET", targets[0].path)));
    const bare = await bareJson(listBody);
    let yardstick: Result;
    try {
      yardstick = await wrk(bare.url, script);
    } finally {
      await bare.close();
    }
    const line = (name: string, r: Result, extra: string) =>
      console.log(`  ${name.padEnd(36)} ${fmt(r.perSecond).padStart(7)} req/s  p50 ${fmt(r.p50, 1).padStart(6)} ms  p95 ${fmt(r.p95, 1).padStart(6)} ms  ${extra}${r.bad ? `  NON-2xx: ${r.bad}` : ""}`);
    line(`bare Hono, fixed JSON (${fmt(listBody.length)} B)`, yardstick, "");
    if (serverDatabaseUrl) {
      const pk = await primaryKeyRead(serverDatabaseUrl);
      try {
        yardstick = await wrk(pk.url, script);
      } finally {
        await pk.close();
      }
      line("Hono + postgres.js primary-key read", yardstick, "1 (reference)");
    }
    for (const target of targets) {
      const first = await api.call("GET", target.path);
      const count = first.body.offers?.length ?? 0;
      const cpuBefore = cpuSeconds(server.pid);
      const r = await wrk(server.url + target.path, script, api.cookie);
      const cpu = ((cpuSeconds(server.pid) - cpuBefore) * 1000) / Math.max(1, r.perSecond * SECONDS);
      line(target.name, r, `${fmt(r.perSecond / yardstick.perSecond, 3)} of reference (1/${fmt(yardstick.perSecond / r.perSecond, 1)}); ${count} items, server CPU ${fmt(cpu, 2)} ms/req`);
    }
  } finally {
    await server.stop();
  }
}

export async function benchOffers() {
  await withWrkOnEachDatabase("offers", offersOn);
}
