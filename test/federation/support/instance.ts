// One Maillage instance under test, in process: a migrated test database, the
// real federation (as the server builds it), a manual queue, and the fake
// fediverse around it (stub document loader + stub fetch).
import { exportJwk, generateCryptoKeyPair, MemoryKvStore, type Context } from "@fedify/fedify";
import { vi } from "vitest";
import type { DatabaseLike } from "../../../db/client.ts";
import {
  actorKeyTable,
  memberTable,
  membershipTable,
  networkTable,
  type Member,
  type Network,
  type NewNetwork,
} from "../../../db/schema/index.ts";
import { createFederationFor } from "../../../federation/builder.ts";
import type { FederationContextData } from "../../../federation/context.ts";
import { createTestDatabase } from "../../helpers/db.ts";
import { FakeFediverse, testKeyPair } from "./fake-fediverse.ts";
import { ManualQueue } from "./manual-queue.ts";

export const ORIGIN = "https://maillage.example";
export const HOST = "maillage.example";

export async function createTestInstance(options: { allowPrivateAddress?: boolean } = {}) {
  const handle = await createTestDatabase();
  const remote = new FakeFediverse();
  const queue = new ManualQueue();
  const allowPrivateAddress = options.allowPrivateAddress ?? false;
  const federation = createFederationFor({
    kv: new MemoryKvStore(),
    queue,
    db: handle.db,
    origin: ORIGIN,
    allowPrivateAddress,
    manuallyStartQueue: true,
    // In test mode (allowPrivateAddress) Fedify's own loader runs, over the stub fetch.
    ...(allowPrivateAddress ? {} : { documentLoaderFactory: remote.loaderFactory, authenticatedDocumentLoaderFactory: remote.loaderFactory }),
  });
  await seedKeys(handle.db, {}); // the instance actor
  const contextData: FederationContextData = { db: handle.db };
  const abort = new AbortController();
  void federation.startQueue(contextData, { signal: abort.signal });
  const fetchSpy = vi.spyOn(globalThis, "fetch").mockImplementation(remote.fetch);
  return {
    db: handle.db,
    remote,
    queue,
    federation,
    contextData,
    context: (): Context<FederationContextData> => federation.createContext(new URL(ORIGIN), contextData),
    /** A GET through Fedify; `null` body when Fedify passes the request on (404/406 go to the web app). */
    get: (path: string, accept = "application/activity+json") =>
      federation.fetch(new Request(new URL(path, ORIGIN), { headers: { accept } }), {
        contextData,
        onNotFound: () => new Response("passed on: not found", { status: 404 }),
        onNotAcceptable: () => new Response("passed on: not acceptable", { status: 406 }),
      }),
    post: (request: Request) => federation.fetch(request, { contextData }),
    drain: () => queue.drain(),
    close: async () => {
      abort.abort();
      fetchSpy.mockRestore();
      await handle.close();
    },
  };
}

export type TestInstance = Awaited<ReturnType<typeof createTestInstance>>;

// Generating RSA keys takes a while; tests give their actors one shared pair,
// unless `keys: false`.
let sharedKeys: Promise<{ algorithm: "rsa" | "ed25519"; publicKey: JsonWebKey; privateKey: JsonWebKey }[]> | undefined;

export async function seedKeys(db: DatabaseLike, owner: { networkId?: string; memberId?: string }): Promise<void> {
  sharedKeys ??= (async () => {
    const pairs = [["rsa", await testKeyPair()], ["ed25519", await generateCryptoKeyPair("Ed25519")]] as const;
    return Promise.all(
      pairs.map(async ([algorithm, pair]) => ({ algorithm, publicKey: await exportJwk(pair.publicKey), privateKey: await exportJwk(pair.privateKey) })),
    );
  })();
  await db.insert(actorKeyTable).values((await sharedKeys).map((k) => ({ ...owner, ...k })));
}

export async function seedNetwork(
  db: DatabaseLike,
  values: Partial<NewNetwork> & { slug: string },
  options: { keys?: boolean } = {},
): Promise<Network> {
  const [network] = await db.insert(networkTable).values({ name: values.slug, ...values }).returning();
  if (options.keys !== false) await seedKeys(db, { networkId: network.id });
  return network;
}

export async function seedMember(db: DatabaseLike, handle: string, networkId?: string, options: { keys?: boolean } = {}): Promise<Member> {
  const [member] = await db.insert(memberTable).values({ handle, displayName: `Member ${handle}` }).returning();
  if (networkId) await db.insert(membershipTable).values({ networkId, memberId: member.id });
  if (options.keys !== false) await seedKeys(db, { memberId: member.id });
  return member;
}
