// Starts the web server, the queue worker, or both (ROLE=web|worker|all),
// once server/main.ts has read the configuration and claimed the data directory.
import { federatedModerationOutbox } from "../federation/moderation/outbox.ts";
import { endSuspensions } from "./domain/moderation/withdrawal.ts";
import { join } from "node:path";
import { getLogger } from "@logtape/logtape";
import { PostgresKvStore } from "../db/kv-store.ts";
import { PostgresMessageQueue } from "../db/message-queue.ts";
import { createFederationFor, userAgentFor } from "../federation/builder.ts";
import { watchDomainBlocks } from "../federation/domain-block-watch.ts";
import { watchRemoteActors } from "../federation/remote-actors.ts";
import { createApp } from "./app.ts";
import { flushCompileCacheSoon } from "./compile-cache.ts";
import { createNodeServer, listen } from "./http/node-server.ts";
import { watchDocumentGeneration } from "./http/document-cache.ts";
import { attachStreaming } from "./mastodon/streaming/websocket.ts";
import { deliverPushes, pushEveryMs } from "./mastodon/push/deliver.ts";
import { installOutgoingLimits } from "./http/outgoing-fetch.ts";
import { startControlServer } from "./cli/control.ts";
import { ConfigError, type Config } from "./config.ts";
import type { ClaimedDataDir } from "./data-dir-claim.ts";
import { sweepMedia } from "./domain/media.ts";
import { sweepOffers } from "./domain/offers/expiry.ts";
import { remindDueTasks } from "./domain/tasks/reminders.ts";
import { federatedOfferOutbox } from "../federation/offers/outbox.ts";
import { openInstanceDatabase } from "./instance-database.ts";
import { mediaFilesIn } from "./media/files.ts";
import { runEvery, runOnNotify } from "./periodic.ts";
import { NOTIFICATION_CHANNEL } from "./domain/notifications.ts";
import { RateLimiter } from "./domain/rate-limits/limiter.ts";
import { sweepRateLimitCounters } from "./domain/rate-limits/database-store.ts";
import { startMail } from "./mail-worker.ts";
import { version } from "./version.ts";
import { ensureWebBuilt } from "./web-build.ts";

const logger = getLogger(["maillage", "main"]);

/** `claimed`: the PGlite data directory, claimed by server/main.ts (unless DATABASE_URL is set). */
export async function start(config: Config, claimed?: Promise<ClaimedDataDir>) {
  if (!config.databaseUrl && config.role !== "all") {
    throw new ConfigError("ROLE", "must be all with PGlite (one process per data directory); set DATABASE_URL to split web and worker");
  }
  if (config.allowPrivateAddress) logger.warn("ALLOW_PRIVATE_ADDRESS is on: remote fetches may reach private addresses. Test mode only.");
  installOutgoingLimits({ userAgent: userAgentFor(config.publicUrl.origin) });
  const servesWeb = config.role !== "worker";
  if (servesWeb) ensureWebBuilt(config.webDist);

  const controlSocket = config.databaseUrl ? undefined : join(config.dataDir, "control.sock");
  const handle = await openInstanceDatabase(config, { controlSocket }, claimed);
  // PGlite: the domain blocks and remote actors read kept in memory until a write to them commits.
  await watchDomainBlocks(handle);
  await watchRemoteActors(handle);
  const queue = new PostgresMessageQueue(handle, { leaseMs: config.queueLeaseMs });
  const federation = createFederationFor({
    kv: new PostgresKvStore(handle.db),
    queue,
    db: handle.db,
    origin: config.publicUrl,
    allowPrivateAddress: config.allowPrivateAddress,
    // One process answering and working: a post's answer is written before its publication starts.
    publishDelayMs: config.role === "all" ? 100 : 0,
    // Web-only processes must not consume the queue: workers do.
    manuallyStartQueue: true,
  });
  const stops: (() => Promise<void>)[] = [];
  const abort = new AbortController();

  if (config.role !== "web") {
    void federation.startQueue({ db: handle.db }, { signal: abort.signal });
    stops.push(async () => abort.abort());
    const files = mediaFilesIn(config.dataDir);
    stops.push(runEvery("media sweep", 3600_000, () => sweepMedia(handle.db, files)));
    const offerPublishing = { origin: config.publicUrl.origin, outbox: federatedOfferOutbox(federation, config.publicUrl) };
    stops.push(runEvery("offer expiry", 3600_000, () => sweepOffers(handle.db, offerPublishing)));
    // Ended suspensions give back the posts they withdrew (checked every ten minutes).
    const moderationPorts = { offers: offerPublishing, outbox: federatedModerationOutbox(federation, config.publicUrl) };
    stops.push(runEvery("suspension ends", 600_000, () => endSuspensions(handle.db, moderationPorts)));
    stops.push(runEvery("task reminders", 3600_000, () => remindDueTasks(handle.db)));
    // Phones are woken when a notification is made (NOTIFY), not by polling.
    const pushes = () => deliverPushes(handle.db, config.publicUrl, { allowPrivate: config.allowPrivateAddress });
    stops.push(runOnNotify("mastodon web push", handle.listen, NOTIFICATION_CHANNEL, pushes, { safetyMs: 300_000, fallbackMs: pushEveryMs }));
    stops.push(startMail(handle.db, config, (channel, onNotify) => handle.listen(channel, onNotify)));
    if (!config.redisUrl) stops.push(runEvery("rate-limit counters sweep", 3600_000, () => sweepRateLimitCounters(handle.db)));
    logger.info("Queue worker started");
  }
  if (servesWeb) {
    // ioredis (~20 MiB) only when REDIS_URL is set.
    const redis = config.redisUrl ? new (await import("./domain/rate-limits/redis-store.ts")).RedisCounterStore(config.redisUrl) : undefined;
    if (redis) stops.push(() => redis.close());
    const rateLimits = redis ? new RateLimiter(redis) : undefined;
    const documentGeneration = await watchDocumentGeneration(handle);
    const app = createApp({ db: handle.db, dbKind: handle.kind, config, federation, rateLimits, listen: handle.listen, documentGeneration });
    const server = createNodeServer(app.fetch, { tls: config.tls });
    // Mastodon apps' live updates (WebSocket form of /api/v1/streaming).
    attachStreaming(server, app.fetch, config.publicUrl.origin);
    await listen(server, config.port, config.host);
    stops.push(() => new Promise((resolve) => server.close(() => resolve())));
    logger.info("Maillage {version} listening on {host}:{port}, public URL {url}, database {kind}", {
      version, host: config.host, port: config.port, url: config.publicUrl.href, kind: handle.kind,
    });
  }
  if (controlSocket) {
    const control = await startControlServer(controlSocket, { db: handle.db, publicUrl: config.publicUrl });
    stops.push(control.close);
  }
  flushCompileCacheSoon();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info("{signal}: stopping", { signal });
    for (const s of stops.reverse()) await s().catch(() => {});
    await handle.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

