// Fuzzing the whole API (fast-check) from its OpenAPI document: every
// operation gets generated path parameters, query strings and bodies — valid
// ones from the schema, and wrong types, missing fields, huge strings,
// NUL/RTL/emoji, arrays for objects, non-UUID ids — unauthenticated and as the
// instance admin. Properties: never a 5xx; a 4xx always carries the JSON error
// shape; a refused request changes no row; /healthz stays 200.
// Fixed seed; FUZZ_RUNS (runs per operation) raises it for a long run.
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import { loadConfig } from "../../server/config.ts";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, joinWith, withNetwork, type TestApp } from "../helpers/app.ts";
import { createTestInstance, type TestInstance } from "../federation/support/instance.ts";
import { testDatabaseKind } from "../helpers/db.ts";
import { hostileString, invalidOf, validOf, wrongValue, type JsonSchema } from "../helpers/json-schema-arbitrary.ts";

// FUZZ_SCALE shrinks or grows the runs (CI's second database: 0.4).
const RUNS = Math.max(2, Math.round(Number(process.env.FUZZ_RUNS ?? 10) * Number(process.env.FUZZ_SCALE ?? 1)));
const SEED = Number(process.env.FUZZ_SEED ?? 1707);

interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required?: boolean;
  schema: JsonSchema;
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: { type: string; schema: JsonSchema };
}

// The document needs no database: read it once, to name one test per operation.
const documentApp = createApp({ db: null as never, dbKind: testDatabaseKind, config: loadConfig({ PUBLIC_URL: "https://maillage.test", DATA_DIR: "/tmp/maillage-fuzz-doc", WEB_DIST: "/tmp/maillage-no-web" }) });
const document = (await (await documentApp.request("/api/openapi.json")).json()) as { paths: Record<string, Record<string, any>> };
const operations: Operation[] = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => {
    const [type, content] = Object.entries<{ schema: JsonSchema }>(op.requestBody?.content ?? {})[0] ?? [];
    return { method: method.toUpperCase(), path, parameters: op.parameters ?? [], body: type ? { type, schema: content.schema } : undefined };
  }),
);

let instance: TestInstance;
let dataDir: string;
let t: Pick<TestApp, "app" | "client">;
let admin: Client;
let tables: string[];
const known: Record<string, string[]> = { slug: ["lilas"], handle: ["marie", "camille"], host: ["mastodon.example"], decision: ["accept", "decline"], number: ["1"] };
const stats = { requests: 0, byStatus: new Map<number, number>(), started: 0 };

beforeAll(async () => {
  // The app as the server composes it, federation included, over a fake
  // fediverse (nothing leaves the machine; unknown remote URLs answer 404).
  instance = await createTestInstance();
  dataDir = mkdtempSync(join(tmpdir(), "maillage-api-fuzz-"));
  const config = loadConfig({ PUBLIC_URL: "https://maillage.example", DATA_DIR: dataDir, WEB_DIST: join(tmpdir(), "maillage-no-web") });
  const app = createApp({ db: instance.db, dbKind: testDatabaseKind, config, federation: instance.federation });
  t = { app, client: () => new Client(app) };
  admin = await withNetwork(t as TestApp);
  const marie = await joinWith(t as TestApp, admin, "marie");
  // Real resources, so that generated requests reach the code behind the checks.
  const offer = await marie.post("/api/networks/lilas/offers", { kind: "offer", title: "Perceuse à prêter", theme: "pret-de-materiel" });
  const event = await admin.post("/api/networks/lilas/events", { kind: "cafe", title: "Café", startsAt: "2030-03-06T10:00", endsAt: "2030-03-06T12:00", place: { name: "Salle" } });
  const announcement = await admin.post("/api/networks/lilas/announcements", { content: "Bienvenue !" });
  const resource = await admin.post("/api/networks/lilas/commons", { kind: "fiche", title: "Fiche", body: "Texte" });
  const invitation = await admin.post("/api/networks/lilas/invitations", { role: "member" });
  const conversation = await admin.post(`/api/offers/${offer.body.offer.id}/responses`, { message: "Ça m'intéresse" });
  known.id = [offer.body.offer.id, event.body.events[0].id, announcement.body.announcement.id, resource.body.resource.id, invitation.body.invitation.id];
  known.code = [invitation.body.invitation.code];
  known.conversation = [conversation.body?.offer?.conversations?.[0]?.id ?? "00000000-0000-4000-8000-000000000000"];
  known.token = [new URL((await marie.get("/api/me/calendar")).body.url).pathname.split("/")[3]];
  const rows = await instance.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
  // Failed logins are counted, on purpose: the counters are no change of state.
  tables = ((rows as unknown as { rows?: { table_name: string }[] }).rows ?? (rows as unknown as { table_name: string }[]))
    .map((r) => r.table_name)
    .filter((name) => name !== "rate_limit_counter");
  stats.started = performance.now();
});
afterAll(async () => {
  const seconds = (performance.now() - stats.started) / 1000;
  const statuses = [...stats.byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(" ");
  process.stdout.write(`api fuzz (${testDatabaseKind}): ${operations.length} operations, ${stats.requests} requests in ${seconds.toFixed(1)} s (seed ${SEED}, ${RUNS} runs each); ${statuses}\n`);
  await instance?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

let counted: string | undefined;
async function rowCounts(): Promise<string> {
  const columns = tables.map((name) => sql`(select count(*) from ${sql.identifier(name)})`);
  const rows = await instance.db.execute(sql`select ${sql.join(columns, sql`, `)}`);
  return JSON.stringify((rows as unknown as { rows?: unknown[] }).rows ?? rows);
}

function segment(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  // A broken surrogate cannot be percent-encoded: send the bytes a client would (CESU-8).
  return text.isWellFormed() ? encodeURIComponent(text) : encodeURIComponent(text.toWellFormed()).replaceAll("%EF%BF%BD", "%ED%A0%80");
}

/** A value for a parameter: one that names something real, one of its schema's, or a wrong one. */
function parameterValue(parameter: Parameter): fc.Arbitrary<unknown> {
  const real = known[parameter.name];
  return fc.oneof(
    ...(real ? [{ arbitrary: fc.constantFrom(...real), weight: 4 }] : []),
    { arbitrary: validOf(parameter.schema), weight: 2 },
    { arbitrary: hostileString.map((s) => (parameter.in === "path" ? s.slice(0, 5000) : s)), weight: 1 },
    { arbitrary: fc.uuid(), weight: 1 },
    { arbitrary: wrongValue, weight: 1 },
  );
}

interface Attempt {
  as: "anonymous" | "admin";
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  actingFor?: unknown;
  body?: { raw: string } | { json: unknown };
}

function attemptOf(op: Operation): fc.Arbitrary<Attempt> {
  const of = (where: Parameter["in"]) => op.parameters.filter((p) => p.in === where);
  const path = fc.record(Object.fromEntries(of("path").map((p) => [p.name, parameterValue(p)])));
  const query = fc.record(Object.fromEntries(of("query").map((p) => [p.name, parameterValue(p)])), { requiredKeys: [] });
  const body = !op.body
    ? fc.constant(undefined)
    : op.body.type !== "application/json"
      ? fc.oneof(fc.constant({ raw: "not a form" }), validOf(op.body.schema).map((json) => ({ json })))
      : fc.oneof(
          { arbitrary: validOf(op.body.schema).map((json) => ({ json })), weight: 3 },
          { arbitrary: invalidOf(op.body.schema).map((json) => ({ json })), weight: 3 },
          { arbitrary: fc.constantFrom("{", "", "[1,", '{"a":1}}', "\u0000").map((raw) => ({ raw })), weight: 1 },
        );
  const actingFor = of("header").some((p) => p.name === "x-acting-for") ? fc.option(fc.oneof(fc.constantFrom("marie", "nobody"), hostileString), { freq: 4 }) : fc.constant(undefined);
  return fc.record({ as: fc.constantFrom("anonymous" as const, "admin" as const), path, query, actingFor, body });
}

async function send(op: Operation, attempt: Attempt) {
  let url = "/api" + op.path.replace(/\{(\w+)\}/g, (_, name) => segment(attempt.path[name]));
  const query = Object.entries(attempt.query).filter(([, v]) => v !== undefined);
  if (query.length) url += "?" + query.map(([k, v]) => `${encodeURIComponent(k)}=${segment(v)}`).join("&");
  const headers: Record<string, string> = {};
  if (attempt.as === "admin") {
    headers.cookie = admin.cookie;
    headers["x-csrf-token"] = admin.csrfToken;
  }
  if (typeof attempt.actingFor === "string" && /^[\x20-\x7e]*$/.test(attempt.actingFor)) headers["x-acting-for"] = attempt.actingFor;
  let body: string | undefined;
  if (attempt.body) {
    headers["content-type"] = op.body?.type === "application/json" ? "application/json" : "multipart/form-data; boundary=x";
    body = "raw" in attempt.body ? attempt.body.raw : JSON.stringify(attempt.body.json);
  }
  const response = await t.app.request(url, { method: op.method, headers, body });
  const text = await response.text();
  stats.requests++;
  stats.byStatus.set(response.status, (stats.byStatus.get(response.status) ?? 0) + 1);
  return { status: response.status, text, type: response.headers.get("content-type") ?? "", url };
}

/** Logs the admin in again when a generated request logged them out or renewed nothing else. */
async function keepAdminLoggedIn() {
  if ((await admin.get("/api/session")).status !== 200) {
    const res = await admin.post("/api/session", { handle: "camille", password: "correct horse battery" });
    if (res.status !== 200) throw new Error(`the admin cannot log in again: ${res.text}`);
  }
}

describe(`API fuzz (${operations.length} operations)`, () => {
  it("walks every operation of the document", () => {
    expect(operations.length).toBeGreaterThan(100);
  });

  it.each(operations.map((op) => [`${op.method} ${op.path}`, op] as const))("%s", async (_name, op) => {
    await fc.assert(
      fc.asyncProperty(attemptOf(op), async (attempt) => {
        // Refused requests change nothing, so the count after one is the next one's before.
        const before = (counted ??= await rowCounts());
        const res = await send(op, attempt);
        const where = `${op.method} ${res.url.slice(0, 300)} as ${attempt.as} → ${res.status} ${res.text.slice(0, 300)}`;
        expect(res.status, where).toBeLessThan(500);
        if (res.status >= 400) {
          expect(res.type, where).toMatch(/application\/json/);
          const { error } = JSON.parse(res.text);
          expect(typeof error?.code, where).toBe("string");
          expect(typeof error?.message, where).toBe("string");
          if ("field" in error) expect(typeof error.field, where).toBe("string");
          expect(await rowCounts(), `rows changed by a refused request: ${where}`).toBe(before);
        } else counted = undefined;
        if (attempt.as === "admin") await keepAdminLoggedIn();
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    expect((await t.client().get("/healthz")).status).toBe(200);
  }, 120_000);
});
