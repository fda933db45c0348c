// Queries through Drizzle's PGlite client run as named prepared statements
// (db/pglite-prepared.ts): the same rows and errors as PGlite's own `query`,
// each text prepared once, a bounded number kept, and transactions isolated
// as before.
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forDrizzle } from "../../db/pglite-drizzle.ts";
import { PreparedStatements } from "../../db/pglite-prepared.ts";

let client: PGlite;
beforeAll(async () => {
  client = new PGlite();
  await client.waitReady;
  await client.exec("create table item (id int primary key, name text not null, tags text[], data jsonb)");
});
afterAll(() => client.close());

const kept = async () => (await client.query<{ n: number }>("select count(*)::int as n from pg_prepared_statements")).rows[0]!.n;
const codeOf = (error: unknown): unknown => (error as { cause?: { code?: unknown } }).cause?.code ?? (error as { code?: unknown }).code;

describe("PGlite queries as prepared statements", () => {
  it("return what PGlite's own query returns, in both row modes, with nulls, arrays and JSON", async () => {
    const wrapped = forDrizzle(client);
    const text = "insert into item (id, name, tags, data) values ($1, $2, $3, $4) returning *";
    const params = [1, "perceuse", ["outil", "prêt"], { état: "bon", n: 2 }];
    const inserted = await wrapped.query(text, params);
    await client.query("delete from item");
    const plain = await client.query(text, params);
    expect(inserted.rows).toEqual(plain.rows);
    expect(inserted.fields).toEqual(plain.fields);
    const select = "select id, name, tags, data, null::text as nothing from item where id = $1 or name = $2";
    for (const rowMode of ["array", "object"] as const) {
      expect((await wrapped.query(select, [1, null], { rowMode })).rows).toEqual((await client.query(select, [1, null], { rowMode })).rows);
    }
    expect((await wrapped.query("update item set name = $1 where id = $2", ["scie", 1])).affectedRows).toBe(1);
    await client.query("delete from item");
  });

  it("prepare each text once, and run it again with other values", async () => {
    const wrapped = forDrizzle(client);
    const before = await kept();
    const text = "select $1::int * 2 as double";
    for (const n of [1, 2, 3]) expect((await wrapped.query<{ double: number }>(text, [n])).rows[0]!.double).toBe(n * 2);
    expect(await kept()).toBe(before + 1);
    const names = await client.query<{ statement: string }>("select statement from pg_prepared_statements");
    expect(names.rows.map((r) => r.statement)).toContain(text);
  });

  it("keep at most the number given, closing the least recently used", async () => {
    const statements = new PreparedStatements(client, 3);
    const before = await kept();
    for (let i = 0; i < 6; i++) await statements.query(`select ${i} as n, $1::text as s`, ["x"]);
    // An evicted text is prepared again, under a new name, and another is closed.
    expect((await statements.query<{ n: number }>("select 0 as n, $1::text as s", ["x"])).rows).toEqual([{ n: 0, s: "x" }]);
    expect(await kept()).toBe(before + 3);
  });

  it("give the database's error with its code, and stay usable after it", async () => {
    const db = drizzle(forDrizzle(client));
    const insert = (id: number) => db.execute(sql`insert into item (id, name) values (${id}, ${"vélo"})`);
    await insert(10);
    const duplicate = await insert(10).catch((e: unknown) => e);
    expect(codeOf(duplicate)).toBe("23505");
    await insert(11);
    const syntax = await db.execute(sql.raw("selec 1")).catch((e: unknown) => e);
    expect(codeOf(syntax)).toBe("42601");
    expect((await db.execute(sql`select count(*)::int as n from item where id >= ${10}`)).rows[0]).toEqual({ n: 2 });
    await client.query("delete from item");
  });

  it("prepare again a statement whose table changed under it", async () => {
    const wrapped = forDrizzle(client);
    await client.exec("create table changing (a int)");
    const text = "select * from changing where a = $1 or true";
    await wrapped.query(text, [1]);
    await client.exec("alter table changing add column b text");
    // Postgres refuses the kept plan once; the next run prepares it anew.
    const stale = await wrapped.query(text, [1]).catch((e: unknown) => e);
    expect(codeOf(stale)).toBe("0A000");
    expect((await wrapped.query(text, [1])).fields.map((f) => f.name)).toEqual(["a", "b"]);
  });

  it("roll back a failed transaction, and keep other queries out of an open one", async () => {
    const db = drizzle(forDrizzle(client));
    const failed = await db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into item (id, name) values (${20}, ${"tente"})`);
        await tx.execute(sql`insert into item (id, name) values (${20}, ${"tente"})`);
      })
      .catch((e: unknown) => e);
    expect(codeOf(failed)).toBe("23505");
    const count = sql`select count(*)::int as n from item`;
    expect((await db.execute(count)).rows[0]).toEqual({ n: 0 });

    let outside: Promise<unknown> | undefined;
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into item (id, name) values (${21}, ${"échelle"})`);
      // Started while the transaction is open: it waits for the commit, so sees the row.
      outside = db.execute(count);
      await new Promise((r) => setTimeout(r, 20));
      await tx.execute(sql`insert into item (id, name) values (${22}, ${"escabeau"})`);
    });
    expect(((await outside) as { rows: unknown[] }).rows[0]).toEqual({ n: 2 });
    await client.query("delete from item");
  });

  it("commit, roll back on request, keep an inner savepoint's rollback inside, and refuse a finished transaction's client", async () => {
    const db = drizzle(forDrizzle(client));
    const names = async () => (await client.query<{ name: string }>("select name from item order by id")).rows.map((r) => r.name);
    let finished: Parameters<Parameters<typeof db.transaction>[0]>[0] | undefined;
    await db.transaction(async (tx) => {
      finished = tx;
      await tx.execute(sql`insert into item (id, name) values (${30}, ${"brouette"})`);
      await tx
        .transaction(async (inner) => {
          await inner.execute(sql`insert into item (id, name) values (${31}, ${"pelle"})`);
          throw new Error("changed my mind");
        })
        .catch(() => {});
    });
    expect(await names()).toEqual(["brouette"]);
    await expect(finished!.execute(sql`select 1`)).rejects.toMatchObject({ cause: { message: "Transaction is closed" } });

    const rolledBack = await db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into item (id, name) values (${32}, ${"râteau"})`);
        tx.rollback();
      })
      .catch((e: unknown) => e);
    expect(rolledBack).toBeInstanceOf(Error);
    expect(await names()).toEqual(["brouette"]);
    // BEGIN and COMMIT are prepared too: not parsed again at each transaction.
    const kept = (await client.query<{ statement: string }>("select statement from pg_prepared_statements")).rows.map((r) => r.statement);
    expect(kept).toEqual(expect.arrayContaining(["BEGIN", "COMMIT", "ROLLBACK"]));
    await client.query("delete from item");
  });
});
