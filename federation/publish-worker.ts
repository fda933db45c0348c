// Runs a deferred publication (publish-jobs.ts) in the queue worker: the item
// is read back and published as it is now, through its kind's own publish
// path, in one transaction with the deliveries it enqueues and the job's own
// completion (a crash can no longer publish it twice).
//
// Reading it back keeps every rule of the request path: an item deleted,
// withdrawn, hidden or made network-only since is not published (its publish
// path returns early, or it is gone), and whatever the item was, its Delete
// went from the change itself. The row is read `for share`, so a change to it
// still in progress (a delete, a withdrawal) commits first and is seen: no
// Create or Update can be enqueued after that change's Delete.
import type { Federation } from "@fedify/fedify";
import { sql } from "drizzle-orm";
import type { DatabaseLike } from "../db/client.ts";
import { completeWithin } from "../db/message-queue.ts";
import { announcementTable, eventTable, offerTable, resourceTable } from "../db/schema/index.ts";
import { inTransaction } from "../db/transaction-context.ts";
import { findAnnouncement } from "../server/domain/announcements.ts";
import { findResource } from "../server/domain/commons/views.ts";
import { findEvent } from "../server/domain/events/views.ts";
import { findOffer } from "../server/domain/offers/offers.ts";
import { publishAnnouncement } from "./announcement-outbox.ts";
import { publishResource } from "./commons/outbox.ts";
import type { FedContext, FederationContextData } from "./context.ts";
import { publishEvent } from "./events/outbox.ts";
import { publishOffer } from "./offers/outbox.ts";
import type { PublishJob, PublishKind } from "./publish-jobs.ts";

type Table = typeof announcementTable | typeof offerTable | typeof eventTable | typeof resourceTable;
type Run = (ctx: FedContext, verb: PublishJob["verb"], id: string) => Promise<void>;

/** A kind: its table (locked while the job runs), how an item is found, and published if it still may be. */
function kind<T>(
  table: Table,
  find: (db: DatabaseLike, id: string) => Promise<T | null>,
  publish: (ctx: FedContext, verb: PublishJob["verb"], item: T) => Promise<void>,
  publishable: (item: T) => boolean = () => true,
): { table: Table; run: Run } {
  return {
    table,
    run: async (ctx, verb, id) => {
      const item = await find(ctx.data.db, id);
      if (item && publishable(item)) await publish(ctx, verb, item);
    },
  };
}

/** A withdrawn, expired or hidden offer was sent its Delete: never published again from an older job. */
const OFFER_GONE = new Set(["withdrawn", "expired", "hidden"]);

const runs: Record<PublishKind, { table: Table; run: Run }> = {
  announcement: kind(announcementTable, findAnnouncement, publishAnnouncement),
  offer: kind(offerTable, findOffer, publishOffer, (item) => !OFFER_GONE.has(item.offer.status)),
  event: kind(eventTable, findEvent, publishEvent),
  resource: kind(resourceTable, findResource, publishResource),
};

export async function runPublishJob(federation: Federation<FederationContextData>, origin: URL, db: DatabaseLike, job: PublishJob): Promise<void> {
  const kind = runs[job.kind];
  if (!kind || (job.verb !== "create" && job.verb !== "update")) throw new TypeError(`Unknown publish job ${JSON.stringify(job)}`);
  await inTransaction(db, async (tx) => {
    await tx.execute(sql`select 1 from ${kind.table} where ${kind.table.id} = ${job.id} for share`);
    await kind.run(federation.createContext(origin, { db: tx }), job.verb, job.id);
    // The job is done when its deliveries are enqueued, not a moment later.
    await completeWithin(tx);
  });
}
