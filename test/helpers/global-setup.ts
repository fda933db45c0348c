// Builds a migrated PGlite data directory once per run, and with
// TEST_DATABASE_URL a migrated template database on that server: each test
// file then starts from a copy (0.2 s instead of an initdb and migrations each
// time on PGlite; on PostgreSQL ~0.1 s instead of ~0.7 s of migrations).
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../db/client.ts";
import { migrate } from "../../db/migrate.ts";
import { dumpMigratedDatabase } from "../../db/pglite-template.ts";
import { ensureWebBuilt } from "../../server/web-build.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    serverCompileCache: string;
    /** With TEST_DATABASE_URL: the migrated database that test databases are created from. */
    postgresTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  // Server processes started by tests would otherwise race to build it.
  ensureWebBuilt(join(import.meta.dirname, "..", "..", "web", "dist"));
  const dir = mkdtempSync(join(tmpdir(), "maillage-template-"));
  const dump = await dumpMigratedDatabase("none");
  const file = join(dir, "template.tar");
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteTemplate", file);
  // One compile cache for the run's server processes (test/helpers/server-process.ts).
  mkdirSync(join(dir, "compile-cache"));
  project.provide("serverCompileCache", join(dir, "compile-cache"));
  const dropTemplate = process.env.TEST_DATABASE_URL ? await createPostgresTemplate(process.env.TEST_DATABASE_URL, project) : undefined;
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    await dropTemplate?.();
  };
}

async function createPostgresTemplate(serverUrl: string, project: TestProject): Promise<() => Promise<void>> {
  const name = `maillage_template_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const drop = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
  try {
    // Closed before any copy: PostgreSQL copies a database nobody is connected to.
    const handle = await openDatabase({ url: url.href });
    await migrate(handle);
    await handle.close();
  } catch (e) {
    await drop();
    throw e;
  }
  project.provide("postgresTemplate", name);
  return drop;
}
