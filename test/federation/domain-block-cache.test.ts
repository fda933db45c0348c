// The domain blocks every inbound activity asks for: kept in memory on PGlite
// until a write commits (federation/domain-block-watch.ts), read per request
// on PostgreSQL, where another process may write. Either way a block counts
// from the moment it is committed.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/client.ts";
import { domainBlockTable } from "../../db/schema/index.ts";
import { blockedHosts, refuseBlockedSigner } from "../../federation/blocks.ts";
import { watchDomainBlocks } from "../../federation/domain-block-watch.ts";
import { asOneRequest } from "../../federation/request-memo.ts";
import { createTestDatabase, testDatabaseKind } from "../helpers/db.ts";

let handle: DatabaseHandle;
let stopWatching: () => Promise<void>;

beforeAll(async () => {
  handle = await createTestDatabase();
  stopWatching = await watchDomainBlocks(handle);
});
afterAll(async () => {
  await stopWatching();
  await handle.close();
});

const signedBy = (host: string) =>
  new Request("https://maillage.example/inbox", { method: "POST", headers: { signature: `keyId="https://${host}/users/x#main-key",headers="(request-target) date",signature="AA=="` } });
const refused = (db = handle.db, host = "spam.example") => asOneRequest(async () => (await refuseBlockedSigner(signedBy(host), db))?.status ?? null);

it("refuses a host from the commit of its block on, and lets it in again from the commit of its removal", async () => {
  expect(await refused()).toBeNull();
  await handle.db.insert(domainBlockTable).values({ host: "spam.example" });
  expect(await refused()).toBe(403);
  expect(await refused(handle.db, "sub.spam.example")).toBe(403);
  // A block written in a transaction counts inside it at once, and outside from its commit.
  await handle.db.transaction(async (tx) => {
    await tx.insert(domainBlockTable).values({ host: "other.example" });
    expect(await refused(tx, "other.example")).toBe(403);
  });
  expect(await refused(handle.db, "other.example")).toBe(403);
  await handle.db.delete(domainBlockTable).where(eq(domainBlockTable.host, "spam.example"));
  expect(await refused()).toBeNull();
  expect(await blockedHosts(handle.db)).toEqual(["other.example"]);
});

it.runIf(testDatabaseKind === "postgres")(
  "PostgreSQL: a block made through another process on the same database counts at once",
  async () => {
    const other = await openDatabase({ url: handle.url! });
    try {
      expect(await refused(handle.db, "late.example")).toBeNull();
      await other.db.insert(domainBlockTable).values({ host: "late.example" });
      expect(await refused(handle.db, "late.example")).toBe(403);
      await other.db.delete(domainBlockTable).where(eq(domainBlockTable.host, "late.example"));
      expect(await refused(handle.db, "late.example")).toBeNull();
    } finally {
      await other.close();
    }
  },
);
