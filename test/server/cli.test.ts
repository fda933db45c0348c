// The CLI as an operator uses it: on a stopped instance, and while the server
// runs (with PGlite the server holds the data directory, so the CLI goes through it).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPostgresDatabase, testDatabaseUrl } from "../helpers/db.ts";
import { waitFor } from "../helpers/instances.ts";
import { runCli } from "../helpers/processes.ts";
import { seedPgliteDataDir } from "../helpers/server-cli.ts";
import { startServer, type ServerProcess } from "../helpers/server-process.ts";

let env: Record<string, string>;
let dropDatabase = async () => {};

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "maillage-cli-"));
  // A damaged template: the first opening falls back on initdb and the migrations.
  const damaged = join(dataDir, "damaged-template.tar.gz");
  writeFileSync(damaged, "not a tarball");
  env = { DATA_DIR: dataDir, PUBLIC_URL: "https://quartier.example", PGLITE_TEMPLATE: damaged };
  if (testDatabaseUrl) {
    const db = await createPostgresDatabase();
    env.DATABASE_URL = db.url;
    dropDatabase = db.drop;
  }
});
afterAll(() => dropDatabase());

// Each command is a fresh Node process: slow on a loaded 2-core machine (the
// first, on a new PGlite directory with a damaged template, runs initdb: the
// only test of that path; the other tests start from the migrated template).
describe("maillage CLI, server stopped", { timeout: 240_000 }, () => {
  it("sets up the admin, creates a network and prints an invitation", async () => {
    expect((await runCli(["migrate"], env)).code).toBe(0);
    const setup = await runCli(["setup", "--handle", "camille", "--password", "un long mot de passe"], env);
    expect(setup).toMatchObject({ code: 0 });
    expect(setup.stdout).toContain("@camille");
    const network = await runCli(["network", "create", "lilas", "--name", "Les Lilas", "--area", "Nantes"], env);
    expect(network.stdout).toContain("https://quartier.example/n/lilas");
    const invite = await runCli(["invite", "create", "--network", "lilas", "--role", "animator", "--uses", "3", "--expires", "2w"], env);
    expect(invite.code).toBe(0);
    const code = /Code: (\S+)/.exec(invite.stdout)![1];
    expect(invite.stdout).toContain(`URL:  https://quartier.example/invitation/${code}`);
    expect(invite.stdout).toContain("animator, 3 use(s)");
  });

  it("explains mistakes with a non-zero exit", async () => {
    const again = await runCli(["setup", "--handle", "other", "--password", "un long mot de passe"], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already has an admin");
    const unknown = await runCli(["invite", "create", "--network", "nowhere"], env);
    expect(unknown.stderr).toContain('No network "nowhere"');
    const badDuration = await runCli(["invite", "create", "--network", "lilas", "--expires", "forever"], env);
    expect(badDuration.code).not.toBe(0);
    expect(badDuration.stderr).toContain("--expires");
    const badConfig = await runCli(["network", "list"], { ...env, PORT: "nope" });
    expect(badConfig.stderr).toContain("PORT");
  });
});

// The first start of `npm start` after `npm run build` goes the same way.
describe.skipIf(testDatabaseUrl)("maillage CLI on a new PGlite directory, with the built template", { timeout: 120_000 }, () => {
  it("unpacks the migrated template instead of running initdb, and works", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "maillage-cli-template-"));
    const setup = await runCli(["setup", "--handle", "dominique", "--password", "un long mot de passe"], {
      DATA_DIR: dataDir,
      PUBLIC_URL: "https://quartier.example",
      PGLITE_TEMPLATE: inject("pgliteTemplate"),
    });
    expect(setup).toMatchObject({ code: 0 });
    expect(setup.stdout).toContain("@dominique");
    // The template's own cluster, not a new initdb.
    const copy = mkdtempSync(join(tmpdir(), "maillage-cli-template-copy-"));
    seedPgliteDataDir(copy);
    expect(systemIdentifier(dataDir)).toBe(systemIdentifier(copy));
    for (const dir of [dataDir, copy]) rmSync(dir, { recursive: true, force: true });
  });

  it("the server's first start unpacks it too (while its modules load), and keeps what it is given across a restart", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "maillage-server-template-"));
    const copy = mkdtempSync(join(tmpdir(), "maillage-cli-template-copy-"));
    const serverEnv = { DATA_DIR: dataDir, PGLITE_TEMPLATE: inject("pgliteTemplate") };
    let server = await startServer(serverEnv);
    try {
      seedPgliteDataDir(copy);
      expect(systemIdentifier(dataDir)).toBe(systemIdentifier(copy));
      expect(readdirSync(dataDir)).not.toContain("pglite.unpacking");
      expect(await server.cli(["setup", "--handle", "dominique", "--password", "un long mot de passe"])).toMatchObject({ code: 0 });
      expect(await server.cli(["network", "create", "voisins", "--name", "Les Voisins"])).toMatchObject({ code: 0 });
      await server.stop();
      server = await startServer(serverEnv);
      const { networks } = await (await fetch(`${server.url}/api/networks`)).json();
      expect(networks.map((n: { slug: string }) => n.slug)).toContain("voisins");
    } finally {
      await server.stop();
      for (const dir of [dataDir, copy]) rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The cluster's system identifier (pg_control's first 8 bytes): a template's copy has the template's, an initdb a new one. */
const systemIdentifier = (dir: string) => readFileSync(join(dir, "pglite", "global", "pg_control")).subarray(0, 8).toString("hex");

describe("maillage CLI, server running", { timeout: 120_000 }, () => {
  let server: ServerProcess;
  const compileCache = mkdtempSync(join(tmpdir(), "maillage-compile-cache-"));
  beforeAll(async () => {
    // As server/launch.mjs sets it for `npm start`.
    server = await startServer({ ...env, NODE_COMPILE_CACHE: compileCache });
  });
  afterAll(() => rmSync(compileCache, { recursive: true, force: true }));
  afterAll(() => server?.stop());

  it("writes its compile cache while it runs, the client APIs' too once loaded: a server killed later still starts faster", async () => {
    const cached = () => readdirSync(compileCache, { recursive: true }).length;
    await waitFor("the start's modules in the compile cache", async () => cached() > 300, { timeoutMs: 30_000 });
    const atStart = cached();
    expect((await fetch(`${server.url}/api/networks`)).status).toBe(200);
    await waitFor("the client APIs' modules in the compile cache", async () => cached() > atStart + 100, { timeoutMs: 30_000 });
  });

  it("works while the server holds the database, and the server sees the result", async () => {
    const created = await runCli(["network", "create", "voisins", "--name", "Les Voisins"], env);
    expect(created.code).toBe(0);
    const res = await fetch(`${server.url}/api/networks`);
    const slugs = (await res.json()).networks.map((n: { slug: string }) => n.slug);
    expect(slugs).toEqual(expect.arrayContaining(["lilas", "voisins"]));
    const listed = await runCli(["invite", "list", "--network", "lilas"], env);
    expect(listed.stdout).toMatch(/animator\t0\/3\tactive/);
  });
});
