// The whole app with its federation, in process, as main.ts wires it, around
// a fake fediverse (stub document loader and fetch) and a manual queue: API
// tests see what would be delivered, and can sign inbox requests.
import { MemoryKvStore } from "@fedify/fedify";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { vi } from "vitest";
import { eq } from "drizzle-orm";
import { memberTable, networkTable } from "../../db/schema/index.ts";
import { createFederationFor } from "../../federation/builder.ts";
import { createApp } from "../../server/app.ts";
import { watchDocumentGeneration } from "../../server/http/document-cache.ts";
import { loadConfig } from "../../server/config.ts";
import { FakeFediverse } from "../federation/support/fake-fediverse.ts";
import { seedKeys } from "../federation/support/instance.ts";
import { ManualQueue } from "../federation/support/manual-queue.ts";
import { Client, type TestApp } from "./app.ts";
import { createTestDatabase } from "./db.ts";

export const APP_ORIGIN = "https://maillage.test";
export const WEB_PAGE = "<!doctype html><title>Maillage</title>";

export async function createFederatedTestApp() {
  const handle = await createTestDatabase();
  const webDist = mkdtempSync(join(tmpdir(), "maillage-web-"));
  writeFileSync(join(webDist, "index.html"), WEB_PAGE);
  const config = loadConfig({ PUBLIC_URL: APP_ORIGIN, DATA_DIR: mkdtempSync(join(tmpdir(), "maillage-app-")), WEB_DIST: webDist });
  const remote = new FakeFediverse();
  const queue = new ManualQueue();
  const federation = createFederationFor({
    kv: new MemoryKvStore(),
    queue,
    db: handle.db,
    origin: APP_ORIGIN,
    // Test mode: Fedify's own loaders (WebFinger included) run over the stub fetch.
    allowPrivateAddress: true,
    manuallyStartQueue: true,
  });
  // As main.ts: on PGlite the document generation is known from notifications.
  const app = createApp({ db: handle.db, dbKind: handle.kind, config, federation, documentGeneration: await watchDocumentGeneration(handle) });
  const abort = new AbortController();
  void federation.startQueue({ db: handle.db }, { signal: abort.signal });
  const fetchSpy = vi.spyOn(globalThis, "fetch").mockImplementation(remote.fetch);
  await seedKeys(handle.db, {}); // the instance actor: quick test keys instead of 4096-bit ones
  return {
    app,
    handle,
    config,
    db: handle.db,
    remote,
    queue,
    federation,
    client: () => new Client(app),
    /** Runs the queued work (deliveries, inbox work); returns the deliveries made meanwhile. */
    drain: async () => {
      const before = remote.deliveries.length;
      await queue.drain();
      return remote.deliveries.slice(before);
    },
    /** Gives a network or member made through the API quick test keys. */
    seedKeysOf: async (kind: "network" | "member", name: string) => {
      if (kind === "network") {
        const [n] = await handle.db.select().from(networkTable).where(eq(networkTable.slug, name));
        await seedKeys(handle.db, { networkId: n.id });
      } else {
        const [m] = await handle.db.select().from(memberTable).where(eq(memberTable.handle, name));
        await seedKeys(handle.db, { memberId: m.id });
      }
    },
    close: async () => {
      abort.abort();
      fetchSpy.mockRestore();
      await handle.close();
    },
  } satisfies TestApp & Record<string, unknown>;
}

export type FederatedTestApp = Awaited<ReturnType<typeof createFederatedTestApp>>;
