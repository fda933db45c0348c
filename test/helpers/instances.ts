// Several real Maillage instances for the federation scenarios (test/scenarios):
// child processes started as `npm start` runs them, each on its own loopback
// address and port 443, serving HTTPS with a certificate from a throwaway CA,
// with its own data directory (and its own PostgreSQL database when
// TEST_DATABASE_URL is set), talking to each other over real HTTP with real
// signatures.
//
// Why IP addresses and port 443: a handle with a port (`x@localhost:3001`)
// loses its host in Fedify's handle normalisation, and WebFinger `acct:`
// look-ups always use https on the default port. All of 127.0.0.0/8 is
// loopback, and the tests run as root, so each instance gets 127.0.0.N:443 and
// PUBLIC_URL https://127.0.0.N. Fedify accepts IP hosts everywhere we need:
// `acct:slug@127.0.0.3` parses, WebFinger is fetched from
// https://127.0.0.3/.well-known/webfinger, and with ALLOW_PRIVATE_ADDRESS=true
// (test mode) the loopback address is not refused. TLS verification of an IP
// host checks the certificate's `subjectAltName=IP:...`, which tls.ts issues.
// So no /etc/hosts names and no DNS tricks are needed.
//
// Trust: the children get NODE_EXTRA_CA_CERTS (read at process start); this
// test process, already running, adds the CA to its default CA list with
// tls.setDefaultCACertificates (Node 24.5+, backported to late 22.x), which the global fetch
// (undici) uses for every TLS connection.
//
// Environment: SCENARIO_LOG_LEVEL=info|debug sets the servers' LOG_LEVEL
// (default warning); SCENARIO_LOGS=1 prints every server's log at the end of
// each file (on failure the last lines are printed anyway: 60 of each, or
// SCENARIO_LOG_LINES).
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "node:net";
import tls from "node:tls";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach } from "vitest";
import { createPostgresDatabase, testDatabaseUrl } from "./db.ts";
import { seedPgliteDataDir } from "./server-cli.ts";
import type { CliResult } from "./processes.ts";
import { startServer, type ServerProcess } from "./server-process.ts";
import { createTestCa, type TestCa } from "./tls.ts";

export const ADMIN_PASSWORD = "correct horse battery staple";

/**
 * For a scenario's beforeAll: three instances, their admins, networks and
 * animators take 15-25 s on an idle 2-core machine, over a minute when it is
 * busy (each server and each CLI call is a Node process loading the app).
 */
export const SETUP_TIMEOUT_MS = 240_000;

export interface InstanceSpec {
  /** A label for messages: "A", "B", ... */
  name: string;
  /** A loopback address, 127.0.0.2 and up. */
  ip: string;
  /** Extra environment for the server process. */
  env?: Record<string, string>;
}

export interface NetworkSpec {
  slug: string;
  name: string;
  description?: string;
  /** Handle of an animator to sign up with a CLI invitation: `instance.animator` (default: none). */
  animator?: string;
}

export interface ApiResponse {
  status: number;
  // JSON of many shapes, checked by the tests
  body: any;
  text: string;
  headers: Headers;
}

/**
 * A logged-in (or anonymous) API client of one instance, over real HTTPS: keeps
 * the session cookie and sends the CSRF token from the session payload, as the
 * web client does.
 */
export class ApiClient {
  cookie = "";
  csrfToken = "";
  handle: string | undefined;
  readonly instance: Instance;

  constructor(instance: Instance) {
    this.instance = instance;
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
    const all: Record<string, string> = { accept: "application/json", ...headers };
    if (this.cookie) all.cookie = this.cookie;
    if (this.csrfToken && method !== "GET" && method !== "HEAD") all["x-csrf-token"] = this.csrfToken;
    if (body !== undefined) all["content-type"] = "application/json";
    const res = await fetch(new URL(path, this.instance.origin), {
      method,
      headers: all,
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: "manual",
      signal: AbortSignal.timeout(30_000),
    });
    for (const set of res.headers.getSetCookie()) {
      const [pair] = set.split(";");
      if (pair.startsWith("maillage_session=")) this.cookie = pair.endsWith("=") ? "" : pair;
    }
    const text = await res.text();
    let json: unknown;
    if (text && /json/.test(res.headers.get("content-type") ?? "")) json = JSON.parse(text);
    const csrf = (json as { csrfToken?: unknown } | undefined)?.csrfToken;
    if (typeof csrf === "string") this.csrfToken = csrf;
    return { status: res.status, body: json, text, headers: res.headers };
  }

  get = (path: string, headers?: Record<string, string>) => this.request("GET", path, undefined, headers);
  post = (path: string, body?: unknown) => this.request("POST", path, body ?? {});
  patch = (path: string, body: unknown) => this.request("PATCH", path, body);
  delete = (path: string, body?: unknown) => this.request("DELETE", path, body);

  /** Like request, but throws (with the response) unless the status is `expected`. */
  async expect(expected: number, method: string, path: string, body?: unknown): Promise<ApiResponse> {
    const res = await this.request(method, path, body);
    if (res.status !== expected) {
      throw new Error(`${this.instance.name} ${method} ${path} as ${this.handle ?? "anonymous"}: expected ${expected}, got ${res.status}: ${res.text.slice(0, 500)}`);
    }
    return res;
  }
}

/** One Maillage server process, which can be stopped and started again on the same data. */
export class Instance {
  readonly name: string;
  readonly ip: string;
  /** Host part of handles and actor ids: the IP address itself (port 443). */
  readonly host: string;
  readonly origin: string;
  readonly env: Record<string, string>;
  admin!: ApiClient;
  /** The animator of the network made at start (NetworkSpec.animator). */
  animator!: ApiClient;
  #server: ServerProcess | undefined;
  #previousOutput = "";
  readonly #cleanups: (() => void | Promise<void>)[] = [];

  constructor(spec: InstanceSpec, ca: TestCa, dataDir: string, databaseUrl: string | undefined) {
    this.name = spec.name;
    this.ip = spec.ip;
    this.host = spec.ip;
    this.origin = `https://${spec.ip}`;
    const { cert, key } = ca.issue(spec.ip);
    this.env = {
      HOST: spec.ip,
      PORT: "443",
      PUBLIC_URL: this.origin,
      TLS_CERT_FILE: cert,
      TLS_KEY_FILE: key,
      ALLOW_PRIVATE_ADDRESS: "true",
      NODE_EXTRA_CA_CERTS: ca.caFile,
      DATA_DIR: dataDir,
      // startServer creates (and drops on stop) a database unless given one:
      // we own it here, so that it survives a stop and start.
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      LOG_LEVEL: process.env.SCENARIO_LOG_LEVEL ?? "warning",
      ...spec.env,
    };
  }

  onDispose(cleanup: () => void | Promise<void>) {
    this.#cleanups.push(cleanup);
  }

  get running(): boolean {
    return this.#server !== undefined;
  }

  async start(): Promise<void> {
    if (this.#server) throw new Error(`${this.name} is already running`);
    if (await isListening(this.ip, 443)) {
      throw new Error(
        `Something already listens on ${this.ip}:443, probably a server left by an interrupted run: ` +
          `find it with \`ss -ltnp 'sport = :443'\` and stop it.`,
      );
    }
    this.#server = await startServer(this.env);
  }

  /** SIGTERM, then waits for the process to exit; data and database stay. */
  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    await server.stop();
    this.#previousOutput += server.output() + `\n----- ${this.name} stopped -----\n`;
  }

  /** SIGKILL (a crash): no shutdown; data and database stay as they are. */
  async kill(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    await server.kill();
    this.#previousOutput += server.output() + `\n----- ${this.name} killed -----\n`;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Everything the process (and its earlier runs) printed. */
  output(): string {
    return this.#previousOutput + (this.#server?.output() ?? "");
  }

  /** `maillage ARGS` against this instance (inside the server when it holds the PGlite directory). */
  cli(args: string[]): Promise<CliResult> {
    if (this.#server) return this.#server.cli(args);
    throw new Error(`${this.name} is not running`);
  }

  async cliOk(args: string[]): Promise<string> {
    const result = await this.cli(args);
    if (result.code !== 0) throw new Error(`${this.name}: maillage ${args.join(" ")} failed (${result.code}): ${result.stderr}${result.stdout}`);
    return result.stdout;
  }

  client(): ApiClient {
    return new ApiClient(this);
  }

  /** `@name@host`, the handle of a network or member of this instance. */
  handle(name: string): string {
    return `@${name}@${this.host}`;
  }

  networkUrl(slug: string): string {
    return `${this.origin}/n/${slug}`;
  }

  memberUrl(handle: string): string {
    return `${this.origin}/m/${handle}`;
  }

  async login(handle: string, password: string): Promise<ApiClient> {
    const client = this.client();
    await client.expect(200, "POST", "/api/session", { handle, password });
    client.handle = handle;
    return client;
  }

  /**
   * The instance admin (`maillage setup`), logged in; with `network`, that
   * network too (`maillage network create`, at the same time: it needs no
   * admin) and its animator (`maillage invite create --role animator`, then
   * POST /api/signup). Each CLI call starts a Node process (2-3 s on 2 cores).
   */
  async setUp(network?: NetworkSpec, adminHandle = "admin-" + this.name.toLowerCase()): Promise<void> {
    await Promise.all([
      this.cliOk(["setup", "--handle", adminHandle, "--password", ADMIN_PASSWORD, "--name", `Admin ${this.name}`]),
      network && this.createNetwork(network.slug, network.name, { description: network.description }),
    ]);
    const animator = network?.animator;
    await Promise.all([
      this.login(adminHandle, ADMIN_PASSWORD).then((admin) => (this.admin = admin)),
      network && animator && this.invite(network.slug, "animator").then(async (code) => (this.animator = await this.signUp(code, animator))),
    ]);
  }

  async createNetwork(slug: string, name: string, options: { description?: string; area?: string } = {}): Promise<void> {
    const args = ["network", "create", slug, "--name", name];
    if (options.description) args.push("--description", options.description);
    if (options.area) args.push("--area", options.area);
    await this.cliOk(args);
  }

  /** An invitation code made with the CLI. */
  async invite(slug: string, role: "member" | "animator" | "pilot" = "member", uses = 1): Promise<string> {
    const out = await this.cliOk(["invite", "create", "--network", slug, "--role", role, "--uses", String(uses)]);
    const code = /Code:\s*(\S+)/.exec(out)?.[1];
    if (!code) throw new Error(`${this.name}: no code in: ${out}`);
    return code;
  }

  /** Signs up with `code` through POST /api/signup; returns the logged-in client. */
  async signUp(code: string, handle: string): Promise<ApiClient> {
    const client = this.client();
    await client.expect(201, "POST", "/api/signup", {
      code,
      acceptPrinciples: true,
      handle,
      displayName: handle[0].toUpperCase() + handle.slice(1),
      password: `${handle} has a long password`,
    });
    client.handle = handle;
    return client;
  }

  /** A new member of `slug` with `role`: CLI invitation, then signup. */
  async member(slug: string, handle: string, role: "member" | "animator" | "pilot" = "member"): Promise<ApiClient> {
    return this.signUp(await this.invite(slug, role), handle);
  }

  /**
   * A new member invited by `animator` through the API (POST
   * /api/networks/:slug/invitations), then signed up: quicker than a CLI
   * invitation (each CLI call is a Node process start, 2-3 s on 2 cores).
   */
  async invitedBy(animator: ApiClient, slug: string, handle: string, role: "member" | "animator" | "pilot" = "member"): Promise<ApiClient> {
    const res = await animator.expect(201, "POST", `/api/networks/${slug}/invitations`, { role });
    return this.signUp(res.body.invitation.code, handle);
  }

  async dispose(): Promise<void> {
    await this.stop().catch(() => {});
    for (const cleanup of this.#cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => {});
  }
}

function isListening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(2_000);
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(false));
  });
}

export interface Fleet {
  ca: TestCa;
  instances: Instance[];
  /** Stops every instance and removes data directories, databases and the CA. */
  dispose(): Promise<void>;
}

let trusted = new Set<string>();

/** Makes this process's fetch (and https/tls) trust the test CA, on top of the usual roots. */
export function trustCa(caFile: string): void {
  const pem = readFileSync(caFile, "utf8");
  if (trusted.has(pem)) return;
  if (typeof tls.setDefaultCACertificates !== "function") {
    throw new Error(`tls.setDefaultCACertificates is missing in Node ${process.version}: the scenarios need Node 24.5 or later`);
  }
  tls.setDefaultCACertificates([...tls.getCACertificates("default"), pem]);
  trusted = new Set([...trusted, pem]);
}

/**
 * Starts the instances (in parallel), each with its admin set up and logged in.
 * The usual trio: `startInstances([{name:"A",ip:"127.0.0.2"}, {name:"B",ip:"127.0.0.3"}, {name:"C",ip:"127.0.0.4"}])`.
 */
export async function startInstances(specs: (InstanceSpec & { network?: NetworkSpec })[]): Promise<Fleet> {
  const ca = createTestCa();
  const webDist = stubWebDist();
  trustCa(ca.caFile);
  const instances: Instance[] = [];
  const dispose = async () => {
    await Promise.all(instances.map((i) => i.stop().catch(() => {})));
    // SCENARIO_LOGS=1: print every instance's log at the end, passing or not.
    if (process.env.SCENARIO_LOGS) for (const i of instances) console.log(`===== ${i.name} (${i.origin}) =====\n${i.output()}`);
    await Promise.all(instances.map((i) => i.dispose()));
    rmSync(ca.dir, { recursive: true, force: true });
    rmSync(webDist, { recursive: true, force: true });
  };
  try {
    await Promise.all(
      specs.map(async (spec) => {
        const dataDir = mkdtempSync(join(tmpdir(), `maillage-${spec.name.toLowerCase()}-`));
        const database = testDatabaseUrl ? await createPostgresDatabase({ migrated: true }) : undefined;
        if (!database) seedPgliteDataDir(dataDir);
        const instance = new Instance({ ...spec, env: { WEB_DIST: webDist, ...spec.env } }, ca, dataDir, database?.url);
        instance.onDispose(() => rmSync(dataDir, { recursive: true, force: true }));
        if (database) instance.onDispose(database.drop);
        instances.push(instance);
        await instance.start();
        await instance.setUp(spec.network);
      }),
    );
  } catch (e) {
    await dispose();
    throw e;
  }
  instances.sort((a, b) => specs.findIndex((s) => s.name === a.name) - specs.findIndex((s) => s.name === b.name));
  return { ca, instances, dispose };
}

/**
 * The scenarios test federation through the API, not the web UI (the browser
 * tests do): the servers get a stub UI whose index.html is dated in the future,
 * so that none of them starts a Vite build when someone edits web/ during the
 * run (three parallel builds into one web/dist would race, and cost minutes).
 */
function stubWebDist(): string {
  const dir = mkdtempSync(join(tmpdir(), "maillage-web-stub-"));
  const index = join(dir, "index.html");
  writeFileSync(index, "<!doctype html><title>Maillage (scenario stub)</title>\n");
  const future = new Date(Date.now() + 7 * 86_400_000);
  utimesSync(index, future, future);
  return dir;
}

// MAILLAGE_TEST_LOOPBACK moves the trio to another /24 of loopback, so two
// checkouts can run their scenarios on one machine at the same time.
const LOOPBACK = process.env.MAILLAGE_TEST_LOOPBACK ?? "127.0.0";
export const A = { name: "A", ip: `${LOOPBACK}.2` };
export const B = { name: "B", ip: `${LOOPBACK}.3` };
export const C = { name: "C", ip: `${LOOPBACK}.4` };

export class TimeoutError extends Error {}

/**
 * Polls `probe` until it returns something other than undefined/false/null,
 * or throws after `timeoutMs` with `what` and the last value seen. The way to
 * wait for asynchronous delivery: no fixed sleeps.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const intervalMs = options.intervalMs ?? 250;
  const started = Date.now();
  let last: unknown;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      last = value;
      lastError = undefined;
      if (value !== undefined && value !== null && value !== false) return value as T;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() - started > timeoutMs) {
      const detail = lastError ? `last error: ${lastError instanceof Error ? lastError.message : String(lastError)}` : `last value: ${JSON.stringify(last)?.slice(0, 500)}`;
      throw new TimeoutError(`Timed out after ${timeoutMs} ms waiting for ${what} (${detail})`);
    }
    await sleep(intervalMs);
  }
}

/** Prints the last lines each instance logged when a test of the file fails. */
export function dumpLogsOnFailure(fleet: () => Fleet | undefined, lines = Number(process.env.SCENARIO_LOG_LINES ?? 60)): void {
  afterEach((context) => {
    if (context.task.result?.state !== "fail") return;
    for (const instance of fleet()?.instances ?? []) {
      const tail = instance.output().trimEnd().split("\n").slice(-lines).join("\n");
      console.error(`----- ${instance.name} (${instance.origin}) last ${lines} log lines -----\n${tail || "(nothing)"}`);
    }
  });
}

/** Milliseconds since `start`, for timing notes in the test output. */
export const since = (start: number) => `${((Date.now() - start) / 1000).toFixed(1)} s`;
