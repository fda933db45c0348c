// A fresh, migrated database for one test file: PGlite by default, a new
// database on the PostgreSQL server when TEST_DATABASE_URL is set (CI sets it).
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { inject } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/client.ts";
import { newPglite } from "../../db/pglite.ts";

export const testDatabaseUrl = process.env.TEST_DATABASE_URL;
export const testDatabaseKind = testDatabaseUrl ? "postgres" : "pglite";

/**
 * The run's migrated template (44 MB, most of it a WAL segment), read once per
 * worker. PGlite only reads it (its untar copies each file into the database's
 * own memory), so every database of the worker shares one buffer: a Blob of it
 * cost ~0.4 s of CPU per database to make and read back.
 */
class TemplateBlob extends Blob {
  readonly #tar: ArrayBuffer;
  constructor(tar: ArrayBuffer) {
    super([], { type: "application/x-tar" });
    this.#tar = tar;
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.#tar);
  }
}
let template: TemplateBlob | undefined;
const pgliteTemplate = () => (template ??= new TemplateBlob(new Uint8Array(readFileSync(inject("pgliteTemplate"))).buffer));

export async function createTestDatabase(): Promise<DatabaseHandle> {
  if (!testDatabaseUrl) return openDatabase({ pglite: newPglite(undefined, { loadDataDir: pgliteTemplate() }) });
  const { url, drop } = await createPostgresDatabase({ migrated: true });
  const handle = await openDatabase({ url });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await drop();
    },
  };
}

/**
 * A new database on the test server, and the function that drops it: empty,
 * or `migrated` (a copy of the run's template, test/helpers/global-setup.ts).
 */
export async function createPostgresDatabase({ migrated = false } = {}): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `maillage_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(testDatabaseUrl!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}${migrated ? ` template ${inject("postgresTemplate")}` : ""}`);
  await admin.end();
  const url = new URL(testDatabaseUrl!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = postgres(testDatabaseUrl!, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}

/**
 * A fresh, migrated database reachable over the PostgreSQL protocol, for tests
 * that need real connections (several clients, connections that drop): a new
 * database on the test server, or a PGlite served by pglite-socket.
 */
export async function createTestDatabaseServer(): Promise<{ url: string; close: () => Promise<void> }> {
  if (testDatabaseUrl) {
    const { url, drop } = await createPostgresDatabase({ migrated: true });
    return { url, close: drop };
  }
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  const pglite = newPglite(undefined, { loadDataDir: pgliteTemplate() });
  await pglite.waitReady;
  const { createServer } = await import("node:net");
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
  const server = new PGLiteSocketServer({ db: pglite, port, host: "127.0.0.1", maxConnections: 20 });
  await server.start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    close: async () => {
      await server.stop();
      await pglite.close();
    },
  };
}
