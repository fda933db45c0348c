// One federation builder for the server and the tests.
import {
  createFederation,
  type AuthenticatedDocumentLoaderFactory,
  type DocumentLoaderFactory,
  type Federation,
  type KvStore,
  type MessageQueue,
} from "@fedify/fedify";
import { version } from "../server/version.ts";
import type { DatabaseLike } from "../db/client.ts";
import { BatchedKv } from "../db/batched-kv.ts";
import type { FederationContextData } from "./context.ts";
import { Deliverer } from "./delivery/deliver.ts";
import type { DeliveryHosts } from "./delivery/hosts.ts";
import { publicAddressCheck } from "./delivery/public-address.ts";
import { DeliveringQueue } from "./delivery/queue.ts";
import { InlineFirstInboxQueue } from "./inbox/inline-first.ts";
import { addFetchExtras } from "./fetch-extras.ts";
import { KeyCachingKvStore, registerKeyCache } from "./key-cache.ts";
import { registerPublishQueue } from "./publish-jobs.ts";
import { runPublishJob } from "./publish-worker.ts";
import { registerFederation } from "./index.ts";
import { reuseLoaders } from "./loader-memo.ts";

export interface FederationFor {
  kv: KvStore;
  /** Outgoing deliveries and inbox work; always set (without it Fedify sends inline, never retried). */
  queue: MessageQueue;
  /** The database the queue's own jobs run on (deferred publications: publish-jobs.ts). */
  db: DatabaseLike;
  /** PUBLIC_URL: actor ids, handles and links are built on it, whatever Host a request has. */
  origin: URL | string;
  /** Lets remote fetches reach loopback and private addresses. Test mode only. */
  allowPrivateAddress: boolean;
  /** ROLE=all: publish jobs wait this long, so that the answer that caused one goes out first (publish-jobs.ts). */
  publishDelayMs?: number;
  /** Web-only processes leave the queue to the workers (ROLE=web). */
  manuallyStartQueue?: boolean;
  /** Tests: stub loaders that serve known documents and fail on anything else. */
  documentLoaderFactory?: DocumentLoaderFactory;
  authenticatedDocumentLoaderFactory?: AuthenticatedDocumentLoaderFactory;
}

/** `Maillage/VERSION (+URL)`: on every request we make, fetches and deliveries alike. */
export const userAgentFor = (origin: string) => `Maillage/${version} (+${origin}/)`;

const deliveryHosts = new WeakMap<object, DeliveryHosts>();

/** Per-host delivery state (pauses, last errors) of a federation made here, for the admin. */
export function deliveryHostsOf(federation: object): DeliveryHosts | undefined {
  return deliveryHosts.get(federation);
}

export function createFederationFor(options: FederationFor): Federation<FederationContextData> {
  const origin = new URL(options.origin).origin;
  const userAgent = userAgentFor(origin);
  // Deliveries (one activity to one inbox) are ours: see delivery/policy.ts for why.
  const stubbed = options.documentLoaderFactory !== undefined || options.authenticatedDocumentLoaderFactory !== undefined;
  // Deliveries go only to public addresses, as Fedify's loaders fetch only from
  // them: not in test mode (allowPrivateAddress), nor with stub loaders (tests' own servers).
  const mayReach = stubbed || options.allowPrivateAddress ? undefined : publicAddressCheck();
  // Calls made together share statements (the inbox's idempotence keys, the deliveries' host states).
  const batchedKv = BatchedKv.of(options.kv);
  const deliverer = new Deliverer({ kv: batchedKv, queue: options.queue, userAgent, mayReach });
  let federation: Federation<FederationContextData> | undefined;
  const base = new URL(origin);
  // New inbound activities are processed while their POST waits (inbox/inline-first.ts).
  const queue = new InlineFirstInboxQueue(
    new DeliveringQueue(options.queue, () => deliverer, (job) => runPublishJob(federation!, base, options.db, job)),
  );
  if (stubbed && options.allowPrivateAddress) {
    throw new TypeError("createFederationFor: stub document loaders and allowPrivateAddress exclude each other");
  }
  // Remote keys parsed once, not read and parsed again for each signed request (key-cache.ts).
  const kv = new KeyCachingKvStore(batchedKv);
  federation = createFederation<FederationContextData>({
    kv,
    queue,
    origin,
    // Fedify's breaker never sees a delivery (DeliveringQueue takes them): off, so it does not sweep for nothing.
    circuitBreaker: false,
    manuallyStartQueue: options.manuallyStartQueue ?? false,
    // Fedify refuses custom loaders together with allowPrivateAddress or userAgent.
    ...(stubbed
      ? {
          documentLoaderFactory: options.documentLoaderFactory,
          authenticatedDocumentLoaderFactory: options.authenticatedDocumentLoaderFactory,
        }
      : {
          allowPrivateAddress: options.allowPrivateAddress,
          userAgent,
        }),
  });
  // Fedify's own loaders only: stub loaders in tests are theirs to build.
  if (!stubbed) reuseLoaders(federation);
  deliveryHosts.set(federation, deliverer.hosts);
  registerPublishQueue(federation, queue, options.publishDelayMs);
  registerKeyCache(federation, kv);
  registerFederation(federation);
  addFetchExtras(federation, origin);
  return federation;
}
