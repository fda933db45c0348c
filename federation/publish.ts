// The one outbound path for everything a network publishes (announcements now;
// offers, events and resources later): Create / Update / Delete from the
// network's Group to its followers, or, for a member's item, an Announce of
// the object by the Group (FEP-1b12, top-level only) that carries the object's
// id: receivers fetch it from its origin (GoToSocial before 0.10 refused an
// embedded object, and an id is what every server checks against the origin).
//
//   network   never leaves the instance
//   public    to Public, cc the Group's followers; delivered to the followers
//             (one delivery per shared inbox)
//   partners  to the partner Groups only (the caller passes them)
import {
  Announce,
  Create,
  Delete,
  getTypeId,
  Note,
  PUBLIC_COLLECTION,
  Tombstone,
  Update,
  type Activity,
  type Object as APObject,
  type Recipient,
} from "@fedify/vocab";
import { eq } from "drizzle-orm";
import { outboxEntryTable } from "../db/schema/index.ts";
import { deliverable } from "./blocks.ts";
import { followersPage } from "./collections.ts";
import { outboxLogger, type FedContext } from "./context.ts";
import { followerInboxes } from "./follower-inboxes.ts";
import { loadLocalActor, memberIdentifier, networkIdentifier, ownerColumns } from "./identifiers.ts";
import { forgetDeleted, rememberDeleted } from "./tombstones.ts";
import { newActivityId } from "./uris.ts";

export type Visibility = "public" | "partners" | "network";
export type PublishVerb = "create" | "update" | "delete";

export interface PublishInput {
  verb: PublishVerb;
  /** The object, with its `id` (and `attributedTo`); addressing is set here. */
  object: APObject;
  visibility: Visibility;
  /** The network it is published in. */
  networkSlug: string;
  /** The member who wrote it; absent when the network itself speaks (its animators). */
  authorHandle?: string;
  /** For `partners` visibility: the partner networks' Groups (from the partnerships). */
  partners?: Recipient[];
  /**
   * Back-fill: sent to these recipients only (a partner that has just joined),
   * as the Group's audience; nothing is recorded in the outbox (it already is).
   */
  audience?: Recipient[];
}

export type PublishResult = { sent: false; reason: "network_only" | "unknown_actor" } | { sent: true; activities: URL[] };

const verbClass = { create: Create, update: Update, delete: Delete } as const;

export async function publish(ctx: FedContext, input: PublishInput): Promise<PublishResult> {
  if (input.visibility === "network") return { sent: false, reason: "network_only" };
  const objectId = input.object.id;
  if (objectId === null) throw new TypeError("publish: the object needs an id");
  const groupId = networkIdentifier(input.networkSlug);
  const group = await loadLocalActor(ctx.data.db, groupId);
  const author = input.authorHandle ? await loadLocalActor(ctx.data.db, memberIdentifier(input.authorHandle)) : group;
  if (!group || !author) return { sent: false, reason: "unknown_actor" };

  const groupUri = ctx.getActorUri(groupId);
  const partners = input.partners ?? [];
  const addressing =
    input.visibility === "public"
      ? { tos: [PUBLIC_COLLECTION], ccs: [ctx.getFollowersUri(groupId)] }
      : { tos: partners.flatMap((p) => (p.id ? [p.id] : [])), ccs: [] };
  const object =
    input.verb === "delete"
      ? new Tombstone({ id: objectId, ...addressing })
      : input.object.clone({ ...addressing, audience: groupUri });
  // The Group's audience: its followers, or its partners.
  const groupRecipients = input.audience ?? (input.visibility === "public" ? await followerInboxes(ctx, groupId) : partners);
  // A member's public item also reaches the member's own followers.
  const authorRecipients = author.kind === "member" && input.visibility === "public" && !input.audience ? await followerInboxes(ctx, author.identifier) : [];
  const record = input.audience ? async () => {} : recordEntry;
  const options = { preferSharedInbox: true, orderingKey: objectId.href } as const;
  const activities: URL[] = [];

  const send = async (identifier: string, all: Recipient[], activity: Activity) => {
    // Never to a blocked host; in allowlist mode, only to partners' and allowed hosts.
    const recipients = await deliverable(ctx.data.db, all, group.kind === "network" ? group.network.id : null);
    if (recipients.length > 0) await ctx.sendActivity({ identifier }, recipients, activity, options);
    activities.push(activity.id!);
  };
  const verbActivity = () =>
    new verbClass[input.verb]({
      id: newActivityId(ctx, author.identifier, input.verb),
      actor: ctx.getActorUri(author.identifier),
      object,
      ...addressing,
    });

  if (author.kind === "network") {
    const activity = verbActivity();
    await send(groupId, groupRecipients, activity);
    if (input.verb === "create") await record(ctx, group, activity.id!, "Create", objectId, input.visibility);
  } else if (input.verb === "create") {
    const announce = new Announce({ id: newActivityId(ctx, groupId, "announce"), actor: groupUri, object: objectId, ...addressing });
    await send(groupId, groupRecipients, announce);
    await record(ctx, group, announce.id!, "Announce", objectId, input.visibility);
    const create = verbActivity();
    await send(author.identifier, authorRecipients, create);
    await record(ctx, author, create.id!, "Create", objectId, input.visibility);
  } else {
    // Only the author may update or delete its object: the member sends it to the Group's audience too.
    await send(author.identifier, [...groupRecipients, ...authorRecipients], verbActivity());
  }
  if (input.verb === "delete") {
    await ctx.data.db.delete(outboxEntryTable).where(eq(outboxEntryTable.objectId, objectId.href));
    // Its id now answers 410 Gone with a Tombstone.
    if (!input.audience) await rememberDeleted(ctx.data.db, objectId.href, input.object instanceof Note ? "Note" : getTypeId(input.object).href.replace(/^.*[#/]/, ""));
  } else if (input.verb === "create") await forgetDeleted(ctx.data.db, objectId.href);
  outboxLogger.debug("Published {verb} of {object} ({visibility}) to {count} recipient(s) (one per inbox group)", {
    verb: input.verb,
    object: objectId.href,
    visibility: input.visibility,
    count: groupRecipients.length + authorRecipients.length,
  });
  return { sent: true, activities };
}

export async function followersOf(ctx: FedContext, identifier: string): Promise<Recipient[]> {
  return [...((await followersPage(ctx, identifier, null))?.items ?? [])];
}

async function recordEntry(
  ctx: FedContext,
  owner: NonNullable<Awaited<ReturnType<typeof loadLocalActor>>>,
  activityId: URL,
  type: "Create" | "Announce",
  objectId: URL,
  visibility: "public" | "partners",
) {
  await ctx.data.db
    .insert(outboxEntryTable)
    .values({ activityId: activityId.href, ...ownerColumns(owner), type, objectId: objectId.href, visibility })
    .onConflictDoNothing();
}
