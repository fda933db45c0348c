import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase } from "../db/client.ts";
import { seed } from "../test/bench/impact.ts";
const base = "postgres://postgres@127.0.0.1:5432/postgres";
const name = "maillage_impact_profile";
const admin = postgres(base, { max: 1, onnotice: () => {} });
const exists = await admin`select 1 from pg_database where datname = ${name}`;
if (!exists.length) {
  await admin.unsafe(`create database ${name}`);
  await seed({ open: () => openDatabase({ url: `postgres://postgres@127.0.0.1:5432/${name}` }) as never });
}
await admin.end();
console.log("ready");
process.exit(0);
