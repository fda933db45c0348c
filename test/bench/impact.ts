// The impact dashboard on a large network: 100,000 offers and requests,
// 5,000 members, 2,000 events (with their answers, exchanges, thanks,
// resources and bookings) over three years, seeded in a handful of
// INSERT … SELECT generate_series. Measured on PGlite, and on PostgreSQL when
// BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set:
//  - in process: the figures for this year, a month and three years
//    (median of 9), beside a reference query that reads every offer of the
//    network once (`count(*)` over its index);
//  - over HTTP, against a real server (ROLE=all) with a session: GET
//    /api/networks/lilas/impact, one request at a time (median, p95, server
//    CPU per request), beside a bare Hono endpoint returning the same JSON.
import { performance } from "node:perf_hooks";
import { serve } from "@hono/node-server";
import { eq, sql } from "drizzle-orm";
import { Hono } from "hono";
import { rowsOf } from "../../db/search.ts";
import { networkTable } from "../../db/schema/index.ts";
import { dashboardOf } from "../../server/domain/impact/dashboard.ts";
import { parisToday, parsePeriod } from "../../server/domain/impact/period.ts";
import { freePort } from "../helpers/server-process.ts";
import { migrate } from "../../db/migrate.ts";
import { createNetwork } from "../../server/domain/networks.ts";
import { createInstanceAdmin } from "../../server/domain/signup.ts";
import { ADMIN, cpuSeconds, fmt, logIn, machineLoad, onEachDatabase, startBenchServer, type BenchDatabase } from "./support.ts";

const OFFERS = 100_000;
const MEMBERS = 5_000;
const EVENTS = 2_000;
const ANSWERS_PER_EVENT = 20;
const DAYS = 3 * 365;
const ORIGIN = "https://bench.example";

export async function seed(database: Pick<BenchDatabase, "open">): Promise<number> {
  const handle = await database.open();
  const started = performance.now();
  try {
    const { db } = handle;
    // The schema, the instance admin (a pilot everywhere) and the network, as `maillage setup` and `network create` make them.
    await migrate(handle);
    const admin = await createInstanceAdmin(db, ADMIN);
    if (!admin.ok) throw new Error(admin.error.message);
    const created = await createNetwork(db, null, { slug: "lilas", name: "Quartier des Lilas" });
    if (!created.ok) throw new Error(created.error.message);
    const network = created.value;
    const id = sql`${network.id}::uuid`;
    const ago = (days: string) => sql.raw(`now() - (${days}) * interval '1 day'`);
    await db.execute(sql`insert into member (handle, display_name, password_hash) select 'voisin-' || g, 'Voisin ' || g, case when g % 25 = 0 then null else 'x' end from generate_series(1, ${MEMBERS}) g`);
    await db.execute(sql`insert into membership (network_id, member_id, role, joined_at)
      select ${id}, m.id, (case when m.n % 500 = 0 then 'animator' else 'member' end)::network_role, ${ago(`(m.n * ${DAYS}) / ${MEMBERS}`)}
      from (select id, substring(handle from 8)::int as n from member where handle like 'voisin-%') m`);
    await db.execute(sql`insert into sponsorship (sponsor_id, sponsored_id, network_id)
      select s.id, m.id, ${id} from member m join member s on s.handle = 'voisin-' || (substring(m.handle from 8)::int + 1) where m.password_hash is null`);
    await db.execute(sql`
      with people as (select array_agg(id order by handle) as ids from member where handle like 'voisin-%'),
           themes as (select array_agg(slug order by position) as slugs from theme where network_id is null)
      insert into offer (network_id, author_id, posted_by_id, kind, theme_slug, title, body, status, expires_at, created_at, done_at, ref, last_answer_at)
      select ${id}, people.ids[1 + g % ${MEMBERS}], people.ids[1 + g % ${MEMBERS}],
             (case when g % 3 = 0 then 'request' else 'offer' end)::offer_kind,
             themes.slugs[1 + g % array_length(themes.slugs, 1)],
             'Offre n° ' || g, 'Un coup de main entre voisins, référence ' || g,
             (case when g % 7 = 0 then 'done' when g % 11 = 0 then 'expired' else 'open' end)::offer_status,
             now() + interval '90 days', ${ago(`(g::float * ${DAYS}) / ${OFFERS}`)},
             case when g % 7 = 0 then ${ago(`(g::float * ${DAYS}) / ${OFFERS} - 3`)} end, g,
             case when g % 2 = 0 then ${ago(`(g::float * ${DAYS}) / ${OFFERS} - 1`)} end
      from generate_series(1, ${OFFERS}) g cross join people cross join themes`);
    await db.execute(sql`insert into offer_ref_counter (network_id, last) values (${id}, ${OFFERS})`);
    // Every other offer got an answer (a day later: its last_answer_at above); done ones were agreed
    // with that neighbour. The trigger that keeps last_answer_at would update 50,000 offers at once
    // and leave them at the end of the table, where answers that come one by one leave them in place.
    await db.execute(sql`alter table offer_response disable trigger offer_response_last_answer`);
    await db.execute(sql`
      with people as (select array_agg(id order by handle) as ids from member where handle like 'voisin-%')
      insert into offer_response (offer_id, responder_id, agreed_at, created_at)
      select o.id, people.ids[1 + (o.ref + 7) % ${MEMBERS}], case when o.status = 'done' then o.created_at + interval '2 days' end, o.created_at + interval '1 day'
      from offer o cross join people where o.network_id = ${id} and o.ref % 2 = 0`);
    await db.execute(sql`alter table offer_response enable trigger offer_response_last_answer`);
    await db.execute(sql`insert into exchange_participant (offer_id, member_id, network_id, done_at)
      select o.id, o.author_id, ${id}, o.done_at from offer o where o.network_id = ${id} and o.status = 'done'
      union all
      select o.id, r.responder_id, ${id}, o.done_at from offer o join offer_response r on r.offer_id = o.id where o.network_id = ${id} and o.status = 'done'`);
    await db.execute(sql`insert into offer_thanks (offer_id, from_id, to_id, note, created_at)
      select o.id, r.responder_id, o.author_id, 'Merci !', o.done_at + interval '1 day' from offer o join offer_response r on r.offer_id = o.id where o.network_id = ${id} and o.status = 'done'`);
    await db.execute(sql`insert into event (network_id, kind, title, starts_at, ends_at, place_name, cancelled, visibility)
      select ${id}, (array['cafe','cafe','atelier','formation','action','fete','reunion'])[1 + g % 7]::event_kind, 'Rendez-vous ' || g,
             ${ago(`(g * ${DAYS - 30}) / ${EVENTS} - 30`)}, ${ago(`(g * ${DAYS - 30}) / ${EVENTS} - 30`)} + interval '2 hours', 'Salle', g % 40 = 0, 'public'
      from generate_series(1, ${EVENTS}) g`);
    await db.execute(sql`
      with people as (select array_agg(id order by handle) as ids from member where handle like 'voisin-%'),
           events as (select id, starts_at, row_number() over (order by starts_at) as n from event where network_id = ${id})
      insert into event_participation (event_id, member_id, status, attended)
      select e.id, people.ids[1 + (e.n * 37 + k * 101) % ${MEMBERS}], (case when k % 5 = 0 then 'maybe' else 'going' end)::rsvp_status,
             case when e.starts_at < now() and e.n % 2 = 0 then k % 4 <> 0 end
      from events e cross join generate_series(1, ${ANSWERS_PER_EVENT}) k cross join people`);
    await db.execute(sql`insert into resource (network_id, kind, title, visibility, created_at)
      select ${id}, (array['fiche','kit','formation','materiel','lieu'])[1 + g % 5]::resource_kind, 'Ressource ' || g, 'partners', ${ago(`g * 5`)} from generate_series(1, 200) g`);
    await db.execute(sql`insert into booking (resource_id, requester_network_id, starts_at, ends_at, state)
      select r.id, ${id}, r.created_at + interval '10 days', r.created_at + interval '12 days', 'accepted' from resource r where r.network_id = ${id} and r.kind in ('materiel', 'lieu')`);
    await db.execute(sql`analyze`);
    const answered = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from offer o
      where o.last_answer_at is distinct from (select max(created_at) from offer_response where offer_id = o.id)`));
    if (Number(answered[0].n) !== 0) throw new Error("the seed's last_answer_at differs from the answers");
    const counts = rowsOf(await db.execute(sql`select (select count(*) from offer)::int as offers, (select count(*) from membership)::int as members,
      (select count(*) from event)::int as events, (select count(*) from event_participation)::int as answers, (select count(*) from offer_response)::int as responses,
      (select count(*) from exchange_participant)::int as exchange_rows`));
    console.log(`  seeded: ${JSON.stringify(counts[0])}`);
  } finally {
    await handle.close();
  }
  return performance.now() - started;
}

async function median(run: () => Promise<unknown>, times = 9): Promise<{ median: number; p95: number }> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(times / 2)], p95: samples[Math.min(times - 1, Math.ceil(times * 0.95) - 1)] };
}

async function inProcess(database: BenchDatabase) {
  const handle = await database.open();
  try {
    const { db } = handle;
    const [network] = await db.select().from(networkTable).where(eq(networkTable.slug, "lilas"));
    const today = parisToday();
    const periods = {
      "this year": { from: `${today.year}-01-01`, to: today.toString() },
      "this month": { from: today.with({ day: 1 }).toString(), to: today.toString() },
      "three years": { from: today.subtract({ years: 3 }).add({ days: 1 }).toString(), to: today.toString() },
    };
    const reference = await median(() => db.execute(sql`select count(*) from offer where network_id = ${network.id}::uuid`));
    console.log(`  ${database.label}, in process: reference (count the network's ${fmt(OFFERS)} offers) ${fmt(reference.median, 1)} ms`);
    for (const [name, input] of Object.entries(periods)) {
      const parsed = parsePeriod(input);
      if (!parsed.ok) throw new Error(parsed.error.message);
      await dashboardOf(db, network, parsed.value, ORIGIN);
      const cpuBefore = process.cpuUsage();
      const r = await median(() => dashboardOf(db, network, parsed.value, ORIGIN));
      const cpu = process.cpuUsage(cpuBefore);
      // PGlite runs in this process: its CPU time per dashboard says what the machine's load hides.
      const cpuNote = database.label === "PGlite" ? `, CPU ${fmt((cpu.user + cpu.system) / 1000 / 9, 0)} ms each` : "";
      console.log(`  ${database.label}, in process: dashboard for ${name.padEnd(11)} median ${fmt(r.median, 1).padStart(6)} ms, p95 ${fmt(r.p95, 1).padStart(6)} ms  (${fmt(r.median / reference.median, 1)}× the reference${cpuNote})`);
    }
  } finally {
    await handle.close();
  }
}

async function overHttp(database: BenchDatabase) {
  // On a crowded machine the server may take longer to start than the bench waits: say so, the figures above stand.
  const server = await startBenchServer(database.env).catch((error: Error) => {
    console.log(`  ${database.label}, HTTP: skipped, ${error.message.split("\n")[0]}`);
    return null;
  });
  if (!server) return;
  try {
    const api = await logIn(server.url);
    const path = "/api/networks/lilas/impact";
    const body = JSON.stringify(await api.expect(200, "GET", path));
    const bare = new Hono().get("/", (c) => c.body(body, 200, { "content-type": "application/json" }));
    const port = await freePort();
    const yardstick = serve({ fetch: bare.fetch, port, hostname: "127.0.0.1" });
    if (!yardstick.listening) await new Promise((resolve) => yardstick.once("listening", resolve));
    try {
      const ref = await median(() => fetch(`http://127.0.0.1:${port}/`).then((r) => r.text()), 21);
      const cpuBefore = cpuSeconds(server.pid);
      const times = 21;
      const r = await median(() => api.expect(200, "GET", path), times);
      const cpu = ((cpuSeconds(server.pid) - cpuBefore) * 1000) / times;
      console.log(`  ${database.label}, HTTP: bare Hono, same JSON (${fmt(body.length)} B): median ${fmt(ref.median, 1)} ms`);
      console.log(`  ${database.label}, HTTP: GET ${path} (this year): median ${fmt(r.median, 1)} ms, p95 ${fmt(r.p95, 1)} ms, server CPU ${fmt(cpu, 1)} ms/request (${fmt(r.median / ref.median, 0)}× the bare endpoint)`);
    } finally {
      await new Promise<void>((resolve) => yardstick.close(() => resolve()));
    }
  } finally {
    await server.stop();
  }
}

export async function benchImpact(): Promise<void> {
  await onEachDatabase("impact", async (database) => {
    const seeded = await seed(database);
    console.log(`${database.label}: ${fmt(OFFERS)} offers, ${fmt(MEMBERS)} members, ${fmt(EVENTS)} events seeded in ${fmt(seeded / 1000, 1)} s; ${machineLoad()}`);
    await inProcess(database);
    await overHttp(database);
  });
}
