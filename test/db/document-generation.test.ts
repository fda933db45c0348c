// The document cache is only as fresh as this counter: every table that
// ActivityPub documents are built from must bump it when written.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.ts";
import { DOCUMENTS_CHANNEL, documentGenerationTable, fedifyKvTable, memberTable, networkTable, sessionTable } from "../../db/schema/index.ts";
import { DOCUMENTS_CHANGED_CHANNEL, watchDocumentGeneration } from "../../server/http/document-cache.ts";
import { createTestDatabase } from "../helpers/db.ts";

// Tables no document is built from (migration 0024): written often, never served.
const UNWATCHED = [
  "document_generation", "fedify_kv", "fedify_message", "rate_limit_counter", "session", "mail_outbox", "email_token", "notification", "calendar_token",
  "mastodon_app", "mastodon_code", "mastodon_token", "mastodon_push_subscription", "mastodon_vapid",
  // A member's likes, boosts and bookmarks from an app: no ActivityPub document shows them.
  "member_reaction", "bookmark",
];

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const generation = async () => (await handle.db.select().from(documentGenerationTable))[0].generation;
const rowsOf = (result: unknown) => (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];

describe("document_generation", () => {
  it("is bumped by a trigger on every table but the unwatched ones (a new table needs its trigger)", async () => {
    const result = await handle.db.execute(sql`
      select t.tablename from pg_tables t
      where t.schemaname = current_schema()
        and not exists (select 1 from pg_trigger g where g.tgrelid = (quote_ident(t.tablename))::regclass and g.tgname = 'documents_changed')`);
    expect(rowsOf(result).map((r) => r.tablename).sort()).toEqual([...UNWATCHED].sort());
  });

  it("moves once per writing transaction, and not for the key-value store", async () => {
    const before = await generation();
    await handle.db.transaction(async (tx) => {
      await tx.insert(networkTable).values({ slug: "lilas", name: "Les Lilas" });
      await tx.update(networkTable).set({ name: "Les Lilas en fleurs" });
    });
    expect(await generation()).toBe(before + 1);
    await handle.db.insert(fedifyKvTable).values({ key: "k", value: {} });
    expect(await generation()).toBe(before + 1);
  });

  it("says so with one NOTIFY per writing transaction (what wakes Mastodon apps' streams), and not for the key-value store", async () => {
    const heard: string[] = [];
    let marked = 0;
    const unlisten = await handle.listen(DOCUMENTS_CHANNEL, (payload) => heard.push(payload));
    // Notifications arrive in commit order: once the marker sent after a write is heard, so is the write's.
    const unlistenMarker = await handle.listen("maillage_test_marker", () => marked++);
    const mark = async () => {
      const wanted = marked + 1;
      await handle.db.execute(sql`select pg_notify('maillage_test_marker', '')`);
      await expect.poll(() => marked).toBe(wanted);
    };
    try {
      await handle.db.transaction(async (tx) => {
        await tx.insert(networkTable).values({ slug: "roses", name: "Les Roses" });
        await tx.update(networkTable).set({ area: "Rue des Roses" }).where(sql`slug = 'roses'`);
      });
      await mark();
      expect(heard).toEqual([""]);
      await handle.db.insert(fedifyKvTable).values({ key: "k2", value: {} });
      await mark();
      expect(heard).toEqual([""]);
    } finally {
      await unlisten();
      await unlistenMarker();
    }
  });
});

describe("sessions", () => {
  it("bump the generation when one ends (kept sessions are checked against it), not when one opens", async () => {
    const [member] = await handle.db.insert(memberTable).values({ handle: "marie", displayName: "Marie" }).returning();
    const before = await generation();
    await handle.db.insert(sessionTable).values({ tokenHash: "h", memberId: member.id, csrfToken: "c", expiresAt: new Date(Date.now() + 60_000) });
    expect(await generation()).toBe(before);
    await handle.db.delete(sessionTable).where(eq(sessionTable.tokenHash, "h"));
    expect(await generation()).toBe(before + 1);
  });
});

describe("the generation known without a read", () => {
  it.runIf(!process.env.TEST_DATABASE_URL)("PGlite: has moved by the time a writing commit returns, and only then", async () => {
    const source = (await watchDocumentGeneration(handle))!;
    const start = await source.read();
    await handle.db.transaction(async (tx) => {
      await tx.insert(networkTable).values({ slug: "tilleuls", name: "Les Tilleuls" });
      // Not yet committed: a document built now may still be kept.
      expect(await source.read()).toBe(start);
    });
    // No tick between the commit and this line: what the committer knows, readers know.
    expect(await source.read()).toBe(start + 1);
    await handle.db.update(networkTable).set({ area: "Rue des Tilleuls" }).where(eq(networkTable.slug, "tilleuls"));
    expect(await source.read()).toBe(start + 2);
    await handle.db.insert(fedifyKvTable).values({ key: "k3", value: {} });
    await expect(handle.db.transaction(async (tx) => {
      await tx.update(networkTable).set({ name: "rolled back" });
      tx.rollback();
    })).rejects.toThrow();
    expect(await source.read()).toBe(start + 2);
  });

  it.runIf(!!process.env.TEST_DATABASE_URL)("PostgreSQL: read each time; pooled connections send no NOTIFY", async () => {
    expect(await watchDocumentGeneration(handle)).toBeUndefined();
    let heard = 0;
    const unlisten = await handle.listen(DOCUMENTS_CHANGED_CHANNEL, () => heard++);
    await handle.db.update(networkTable).set({ area: "Rue des Lilas" });
    await new Promise((r) => setTimeout(r, 300));
    await unlisten();
    expect(heard).toBe(0);
  });
});
