// The CLI as an operator uses it: on a stopped instance, and while the server
// runs (with PGlite the server holds the data directory, so the CLI goes through it).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresDatabase, testDatabaseUrl } from "../helpers/db.ts";
import { runCli } from "../helpers/processes.ts";
import { startServer, type ServerProcess } from "../helpers/server-process.ts";

let env: Record<string, string>;
let dropDatabase = async () => {};

beforeAll(async () => {
  env = { DATA_DIR: mkdtempSync(join(tmpdir(), "maillage-cli-")), PUBLIC_URL: "https://quartier.example" };
  if (testDatabaseUrl) {
    const db = await createPostgresDatabase();
    env.DATABASE_URL = db.url;
    dropDatabase = db.drop;
  }
});
afterAll(() => dropDatabase());

// Each command is a fresh Node process: slow on a loaded 2-core machine (the
// first, on a new PGlite directory, runs initdb: the only test of a new
// directory's first opening, the others start from the migrated template).
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

describe("maillage CLI, server running", { timeout: 120_000 }, () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServer(env);
  });
  afterAll(() => server?.stop());

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
