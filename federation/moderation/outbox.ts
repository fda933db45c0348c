// A report forwarded to the server of the remote account it is about, as
// Mastodon does: a `Flag` sent by the instance actor (never naming the
// reporter), whose objects are the account and the reported post, with the
// reporter's comment. It goes through the queue, enqueued in the use-case's
// transaction, and never to a blocked server.
import type { Federation } from "@fedify/fedify";
import { Flag } from "@fedify/vocab";
import { eq } from "drizzle-orm";
import type { DatabaseLike } from "../../db/client.ts";
import { offerMessageTable, offerTable, remoteActorTable, type Report } from "../../db/schema/index.ts";
import type { ModerationOutbox } from "../../server/domain/moderation/reports.ts";
import { deliverable } from "../blocks.ts";
import type { FedContext, FederationContextData } from "../context.ts";
import { recipientOf } from "../follows.ts";
import { INSTANCE_IDENTIFIER } from "../identifiers.ts";
import { findAnnouncement } from "../../server/domain/announcements.ts";
import { findResource } from "../../server/domain/commons/views.ts";
import { findEvent } from "../../server/domain/events/views.ts";
import { publishAnnouncement } from "../announcement-outbox.ts";
import { publishResource } from "../commons/outbox.ts";
import { publishEvent } from "../events/outbox.ts";
import { deferPublish } from "../publish-jobs.ts";

/** The remote objects a report names: the account, and the post when it is one of theirs. */
async function reportedObjects(db: DatabaseLike, report: Report): Promise<URL[]> {
  const ids = [report.targetActorId];
  if (report.subjectType === "remote_post") ids.push(report.subjectId);
  if (report.subjectType === "offer") {
    const [offer] = await db.select({ apId: offerTable.apId }).from(offerTable).where(eq(offerTable.id, report.subjectId)).limit(1);
    ids.push(offer?.apId ?? null);
  }
  if (report.subjectType === "message") {
    const [message] = await db.select({ apId: offerMessageTable.apId }).from(offerMessageTable).where(eq(offerMessageTable.id, report.subjectId)).limit(1);
    ids.push(message?.apId ?? null);
  }
  return [...new Set(ids.filter((id): id is string => !!id && URL.canParse(id)))].map((id) => new URL(id));
}

export async function sendFlag(ctx: FedContext, report: Report): Promise<boolean> {
  if (!report.targetActorId) return false;
  const db = ctx.data.db;
  const [account] = await db.select().from(remoteActorTable).where(eq(remoteActorTable.id, report.targetActorId)).limit(1);
  if (!account) return false;
  const recipients = await deliverable(db, [recipientOf(account)]);
  if (recipients.length === 0) return false;
  const me = ctx.getActorUri(INSTANCE_IDENTIFIER);
  const flag = new Flag({
    id: new URL(`#flags/${report.id}`, me),
    actor: me,
    objects: await reportedObjects(db, report),
    content: report.comment,
    to: new URL(account.id),
  });
  await ctx.sendActivity({ identifier: INSTANCE_IDENTIFIER }, recipients, flag, { preferSharedInbox: true });
  return true;
}

/**
 * A hidden item leaves (Delete) through its kind's own publish path, at once:
 * the Delete must say what the item was. Shown again, it comes back (Create)
 * by a publish job (publish-jobs.ts), like a new item, so the animator's
 * request does not wait for the building and signing.
 */
async function withdraw(ctx: FedContext, kind: string, id: string): Promise<void> {
  const db = ctx.data.db;
  if (kind === "announcement") {
    const item = await findAnnouncement(db, id);
    if (item) await publishAnnouncement(ctx, "delete", item);
  } else if (kind === "event") {
    const item = await findEvent(db, id);
    if (item) await publishEvent(ctx, "delete", item);
  } else if (kind === "resource") {
    const item = await findResource(db, id);
    if (item) await publishResource(ctx, "delete", item);
  }
}

const republishable = (kind: string): kind is "announcement" | "event" | "resource" => ["announcement", "event", "resource"].includes(kind);

export function federatedModerationOutbox(federation: Federation<FederationContextData>, origin: URL | string): ModerationOutbox {
  const base = new URL(origin);
  const on = (tx: DatabaseLike) => federation.createContext(base, { db: tx });
  return {
    forwardReport: (tx, report) => sendFlag(on(tx), report),
    itemWithdrawn: (tx, kind, id) => withdraw(on(tx), kind, id),
    itemRestored: async (_tx, kind, id) => {
      if (republishable(kind)) await deferPublish(federation, kind, "create", id);
    },
  };
}
