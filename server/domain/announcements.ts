// A network's announcements (annonces): members post them, for the network
// only, its partners, or everyone. Federation happens behind the `Outbox`
// port, in the same transaction as the change; changes to a `network` one are
// never handed to the outbox at all.
import { and, eq, sql } from "drizzle-orm";
import { seesHidden } from "./moderation/hidden-info.ts";
import type { DatabaseLike } from "../../db/client.ts";
import { preparedPerDatabase } from "../../db/prepared.ts";
import {
  announcementTable,
  memberTable,
  networkTable,
  remotePostTable,
  remoteReactionTable,
  memberReactionTable,
  sponsorshipTable,
  type Announcement,
  type Member,
  type Network,
  type Role,
  type Visibility,
} from "../../db/schema/index.ts";
import {
  ANNOUNCEMENT_MEDIA,
  announcementUrl,
  announcementView,
  isLocalPartnerMember,
  MAX_PHOTOS,
  maySee,
  reactionsOf,
  viewerRole,
  type AnnouncementView,
} from "./announcement-views.ts";
import { recordAct, type Actor } from "./acts.ts";
import { attachMedia, detachMedia, mediaOf } from "./media.ts";
import { fail, ok, transact, type Result } from "./result.ts";
import { atLeast, requireRole } from "./roles.ts";
import { isUuid } from "./ids.ts";
import { mayPost } from "./moderation/rails.ts";

export const MAX_CONTENT = 5000;

/** What the outbox needs to build and address the object. */
export interface AnnouncementItem {
  announcement: Announcement;
  network: Network;
  /** Null when the network itself speaks. */
  author: Member | null;
}

/**
 * The port to the fediverse, implemented in federation/. Each call runs inside
 * the use-case's transaction (`tx`) and only enqueues: delivery happens later.
 */
export interface Outbox {
  announcementPublished(tx: DatabaseLike, item: AnnouncementItem): Promise<void>;
  announcementUpdated(tx: DatabaseLike, item: AnnouncementItem): Promise<void>;
  announcementDeleted(tx: DatabaseLike, item: AnnouncementItem): Promise<void>;
}

/** For an instance that does not federate (tests, the CLI). */
export const noOutbox: Outbox = {
  announcementPublished: async () => {},
  announcementUpdated: async () => {},
  announcementDeleted: async () => {},
};

export interface Publishing {
  /** PUBLIC_URL's origin: announcement URLs are built on it. */
  origin: string;
  outbox: Outbox;
}

/** `network` visibility never leaves the instance. */
const federates = (item: AnnouncementItem) => item.announcement.visibility !== "network";


function checkContent(content: string): Result<string> {
  const text = content.trim();
  if (text === "") return fail("invalid", "content_empty", "Write something first", "content");
  if (text.length > MAX_CONTENT) return fail("invalid", "content_too_long", `At most ${MAX_CONTENT} characters`, "content");
  return ok(text);
}

interface Loaded extends AnnouncementItem {
  role: Role | null;
}

/** The announcement with its network and author, whoever asks (the federation checks access itself). */
export async function findAnnouncement(db: DatabaseLike, id: string): Promise<AnnouncementItem | null> {
  if (!isUuid(id)) return null;
  const [row] = await announcementById(db).execute({ id });
  return row ?? null;
}

// Read by each reply from elsewhere and each GET of the Note: prepared once.
const announcementById = preparedPerDatabase((db) =>
  db
    .select({ announcement: announcementTable, network: networkTable, author: memberTable })
    .from(announcementTable)
    .innerJoin(networkTable, eq(networkTable.id, announcementTable.networkId))
    .leftJoin(memberTable, eq(memberTable.id, announcementTable.authorId))
    .where(eq(announcementTable.id, sql.placeholder("id")))
    .limit(1)
    .prepare("announcement_by_id"),
);

/** The announcement if `viewer` may see it; unknown and hidden ones are both "not found". */
export async function loadAnnouncement(db: DatabaseLike, id: string, viewer: Member | null, origin?: string): Promise<Result<Loaded>> {
  const notFound = fail("not_found", "announcement_not_found", "No such announcement");
  const row = await findAnnouncement(db, id);
  if (!row) return notFound;
  const role = await viewerRole(db, row.network.id, viewer);
  const localPartner =
    role === null && row.announcement.visibility === "partners" && origin !== undefined && (await isLocalPartnerMember(db, row.network.id, viewer, origin));
  const shown = maySee(row.announcement.visibility, role, localPartner) && seesHidden(row.announcement.hiddenAt, row.announcement.authorId ?? row.announcement.postedById, viewer, role);
  return shown ? ok({ ...row, role }) : notFound;
}

/** One announcement with its replies, if the viewer may see it. */
export async function getAnnouncement(
  db: DatabaseLike,
  viewer: Member | null,
  id: string,
  origin: string,
): Promise<Result<{ announcement: AnnouncementView; network: { slug: string; name: string } }>> {
  const loaded = await loadAnnouncement(db, id, viewer, origin);
  if (!loaded.ok) return loaded;
  const { announcement, network, author, role } = loaded.value;
  const postedBy = await memberById(db, announcement.postedById);
  const url = announcementUrl(origin, network.slug, announcement.id);
  const reactions = await reactionsOf(db, [url], role);
  const photos = await mediaOf(db, { type: ANNOUNCEMENT_MEDIA, id: announcement.id });
  const view = announcementView(origin, { announcement, network, author, postedBy }, role, reactions.get(url), photos);
  return ok({ announcement: view, network: { slug: network.slug, name: network.name } });
}

async function memberById(db: DatabaseLike, id: string | null): Promise<Member | null> {
  if (id === null) return null;
  const [member] = await db.select().from(memberTable).where(eq(memberTable.id, id)).limit(1);
  return member ?? null;
}

export interface NewAnnouncementInput {
  content: string;
  visibility?: Visibility;
  /** Animators only: the network itself is the author. */
  asNetwork?: boolean;
  /** Ids of photos uploaded for it (POST /networks/{slug}/media), at most MAX_PHOTOS. */
  photos?: string[];
}

/** A member (or their sponsor, for them) posts; animators may post as the network. */
export async function postAnnouncement(
  db: DatabaseLike,
  actor: Actor,
  slug: string,
  input: NewAnnouncementInput,
  publishing: Publishing,
): Promise<Result<AnnouncementView>> {
  const content = checkContent(input.content);
  if (!content.ok) return content;
  if ((input.photos?.length ?? 0) > MAX_PHOTOS) return fail("invalid", "too_many_photos", `At most ${MAX_PHOTOS} photos`, "photos");
  return transact(db, async (tx) => {
    const allowed = await requireRole(tx, slug, actor.member, "member");
    if (!allowed.ok) return allowed;
    const { network } = allowed.value;
    const active = await mayPost(tx, network.id, actor.member.id);
    if (!active.ok) return active;
    if (input.asNetwork) {
      const byRole = await viewerRole(tx, network.id, actor.by);
      if (actor.by.id !== actor.member.id || !atLeast(byRole, "animator")) {
        return fail("forbidden", "role_required", "Only animators post in the network's name", "asNetwork");
      }
    }
    const author = input.asNetwork ? null : actor.member;
    const [announcement] = await tx
      .insert(announcementTable)
      .values({
        networkId: network.id,
        authorId: author?.id ?? null,
        postedById: actor.by.id,
        content: content.value,
        visibility: input.visibility ?? "network",
      })
      .returning();
    const photos = await attachMedia(tx, actor, input.photos ?? [], { type: ANNOUNCEMENT_MEDIA, id: announcement.id, networkId: network.id, visibility: announcement.visibility });
    if (!photos.ok) return photos;
    await recordAct(tx, actor, "announcement.post", { id: announcement.id, visibility: announcement.visibility, asNetwork: !author }, network.id);
    const item = { announcement, network, author };
    if (federates(item)) await publishing.outbox.announcementPublished(tx, item);
    return ok(announcementView(publishing.origin, { announcement, network, author, postedBy: actor.by }, allowed.value.role, undefined, photos.value));
  });
}

/**
 * Who may change an announcement: its author, a sponsor of its author, or an
 * animator of the network. Returns the act's "for whom" (the author, else the doer).
 */
async function mayChange(db: DatabaseLike, loaded: Loaded, actor: Actor): Promise<Result<Actor>> {
  const { announcement, author, network } = loaded;
  if (author && (author.id === actor.member.id || author.id === actor.by.id)) return ok({ member: author, by: actor.by });
  if (author) {
    const [sponsor] = await db
      .select({ id: sponsorshipTable.sponsorId })
      .from(sponsorshipTable)
      .where(and(eq(sponsorshipTable.sponsorId, actor.by.id), eq(sponsorshipTable.sponsoredId, author.id)))
      .limit(1);
    if (sponsor) return ok({ member: author, by: actor.by });
  }
  if (atLeast(await viewerRole(db, network.id, actor.by), "animator")) return ok({ member: author ?? actor.by, by: actor.by });
  return fail("forbidden", "not_announcement_author", `Only its author or an animator may change announcement ${announcement.id}`);
}

export async function editAnnouncement(
  db: DatabaseLike,
  actor: Actor,
  id: string,
  input: { content: string },
  publishing: Publishing,
): Promise<Result<AnnouncementView>> {
  const content = checkContent(input.content);
  if (!content.ok) return content;
  return transact(db, async (tx) => {
    const loaded = await loadAnnouncement(tx, id, actor.by);
    if (!loaded.ok) return loaded;
    const acting = await mayChange(tx, loaded.value, actor);
    if (!acting.ok) return acting;
    const [announcement] = await tx
      .update(announcementTable)
      .set({ content: content.value, updatedAt: new Date() })
      .where(eq(announcementTable.id, id))
      .returning();
    const { network, author } = loaded.value;
    await recordAct(tx, acting.value, "announcement.edit", { id }, network.id);
    const item = { announcement, network, author };
    if (federates(item)) await publishing.outbox.announcementUpdated(tx, item);
    const postedBy = await memberById(tx, announcement.postedById);
    const photos = await mediaOf(tx, { type: ANNOUNCEMENT_MEDIA, id });
    return ok(announcementView(publishing.origin, { announcement, network, author, postedBy }, loaded.value.role, undefined, photos));
  });
}

/** Removes it, with the replies and reactions it gathered; Delete federates. */
export async function deleteAnnouncement(db: DatabaseLike, actor: Actor, id: string, publishing: Publishing): Promise<Result<null>> {
  return transact(db, async (tx) => {
    const loaded = await loadAnnouncement(tx, id, actor.by);
    if (!loaded.ok) return loaded;
    const acting = await mayChange(tx, loaded.value, actor);
    if (!acting.ok) return acting;
    const { announcement, network } = loaded.value;
    const url = announcementUrl(publishing.origin, network.slug, id);
    await tx.delete(announcementTable).where(eq(announcementTable.id, id));
    await tx.delete(remoteReactionTable).where(eq(remoteReactionTable.objectId, url));
    await tx.delete(memberReactionTable).where(eq(memberReactionTable.objectId, url));
    await tx.delete(remotePostTable).where(eq(remotePostTable.inReplyTo, url));
    await detachMedia(tx, { type: ANNOUNCEMENT_MEDIA, id });
    await recordAct(tx, acting.value, "announcement.delete", { id, visibility: announcement.visibility }, network.id);
    if (federates(loaded.value)) await publishing.outbox.announcementDeleted(tx, loaded.value);
    return ok(null);
  });
}
