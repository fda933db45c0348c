// The domain's `Outbox` port, on Fedify: each call builds a context on the
// use-case's transaction, so that publish() records its outbox entries and
// enqueues its deliveries in that transaction (db/transaction-context.ts).
import type { Federation } from "@fedify/fedify";
import type { DatabaseLike } from "../db/client.ts";
import type { AnnouncementItem, Outbox } from "../server/domain/announcements.ts";
import { partnerRecipients } from "./access.ts";
import { buildAnnouncementNote } from "./announcements.ts";
import type { FedContext, FederationContextData } from "./context.ts";
import { publish, type PublishVerb } from "./publish.ts";

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
    announcementPublished: (tx, item) => publishAnnouncement(on(tx), "create", item),
    announcementUpdated: (tx, item) => publishAnnouncement(on(tx), "update", item),
    announcementDeleted: (tx, item) => publishAnnouncement(on(tx), "delete", item),
  };
}
