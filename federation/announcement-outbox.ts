// The domain's `Outbox` port, on Fedify: a Create or Update is a job enqueued
// in the use-case's transaction and published by the worker (publish-jobs.ts);
// a Delete builds a context on that transaction, so that publish() removes the
// outbox entries and enqueues its deliveries in it (db/transaction-context.ts).
import type { Federation } from "@fedify/fedify";
import type { DatabaseLike } from "../db/client.ts";
import type { AnnouncementItem, Outbox } from "../server/domain/announcements.ts";
import { partnerRecipients } from "./access.ts";
import { buildAnnouncementNote } from "./announcements.ts";
import type { FedContext, FederationContextData } from "./context.ts";
import { publish, type PublishVerb } from "./publish.ts";
import { deferPublish } from "./publish-jobs.ts";

export async function publishAnnouncement(ctx: FedContext, verb: PublishVerb, item: AnnouncementItem): Promise<void> {
  const { announcement, network, author } = item;
  const visibility = announcement.visibility;
  // Never leaves the instance: not even built into an activity.
  // Never leaves the instance; a hidden one (moderation) neither, but for its Delete.
  if (visibility === "network" || (announcement.hiddenAt && verb !== "delete")) return;
  await publish(ctx, {
    verb,
    object: await buildAnnouncementNote(ctx, item),
    visibility,
    networkSlug: network.slug,
    authorHandle: author?.handle,
    partners: visibility === "partners" ? await partnerRecipients(ctx, network.id) : undefined,
  });
}

export function federatedOutbox(federation: Federation<FederationContextData>, origin: URL | string): Outbox {
  const base = new URL(origin);
  const on = (tx: DatabaseLike) => federation.createContext(base, { db: tx });
  return {
    announcementPublished: (_tx, item) => deferPublish(federation, "announcement", "create", item.announcement.id),
    announcementUpdated: (_tx, item) => deferPublish(federation, "announcement", "update", item.announcement.id),
    announcementDeleted: (tx, item) => publishAnnouncement(on(tx), "delete", item),
  };
}
