// Uploaded photos and documents: uploaded first (checked by content), then
// attached to what they illustrate, whose visibility they take.
import { createHash, randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, lt, notInArray, or } from "drizzle-orm";
import type { DatabaseLike } from "../../db/client.ts";
import { mediaTable, type Media, type MediaPurpose, type Visibility } from "../../db/schema/index.ts";
import { inspect, safeName } from "../media/content.ts";
import type { MediaFiles } from "../media/files.ts";
import type { Actor } from "./acts.ts";
import { fail, ok, type Result } from "./result.ts";
import { atLeast, requireRole, roleIn } from "./roles.ts";
import { isUuid } from "./ids.ts";
import { hiddenInfo } from "./moderation/hidden-info.ts";

export interface MediaView {
  id: string;
  url: string;
  contentType: string;
  size: number;
  name: string;
  description: string;
  width: number | null;
  height: number | null;
}

export interface MediaOwner {
  type: string;
  id: string;
}

/** Unattached uploads live this long: enough to finish filling in a form. */
export const unattachedLifetimeMs = 24 * 3600_000;

export const mediaUrl = (origin: string, media: Pick<Media, "id" | "name">) =>
  `${origin}/media/${media.id}/${encodeURIComponent(media.name)}`;

export const mediaView = (origin: string, media: Media): MediaView => ({
  id: media.id,
  url: mediaUrl(origin, media),
  contentType: media.contentType,
  size: media.size,
  name: media.name,
  description: media.description,
  width: media.width,
  height: media.height,
});

export async function uploadMedia(
  db: DatabaseLike,
  files: MediaFiles,
  actor: Actor,
  slug: string,
  file: { bytes: Uint8Array; name: string },
  purpose: MediaPurpose,
  origin: string,
): Promise<Result<MediaView>> {
  const member = await requireRole(db, slug, actor.member, "member");
  if (!member.ok) return member;
  const content = await inspect(file.bytes, purpose);
  if (!content.ok) return content;
  const { bytes, contentType, extension, width, height } = content.value;
  const id = randomUUID();
  await files.write(id, bytes);
  try {
    const [media] = await db
      .insert(mediaTable)
      .values({
        id,
        networkId: member.value.network.id,
        uploaderId: actor.member.id,
        purpose,
        contentType,
        size: bytes.byteLength,
        name: safeName(file.name, extension),
        width: width ?? null,
        height: height ?? null,
        sha256: createHash("sha256").update(bytes).digest("hex"),
      })
      .returning();
    return ok(mediaView(origin, media));
  } catch (e) {
    await files.remove(id);
    throw e;
  }
}

/**
 * Attaches uploads to what they illustrate. Each must be an unattached upload
 * of the acting member (or of the sponsor acting for them) in that network.
 */
export async function attachMedia(
  tx: DatabaseLike,
  actor: Actor,
  ids: string[],
  owner: MediaOwner & { networkId: string; visibility: Visibility },
): Promise<Result<Media[]>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return ok([]);
  const uploaders = [actor.member.id, actor.by.id];
  const attached = await tx
    .update(mediaTable)
    .set({ ownerType: owner.type, ownerId: owner.id, visibility: owner.visibility })
    .where(
      and(
        inArray(mediaTable.id, unique.filter(isUuid)),
        eq(mediaTable.networkId, owner.networkId),
        inArray(mediaTable.uploaderId, uploaders),
        or(isNull(mediaTable.ownerId), and(eq(mediaTable.ownerType, owner.type), eq(mediaTable.ownerId, owner.id))),
      ),
    )
    .returning();
  if (attached.length !== unique.length) {
    return fail("not_found", "media_not_found", "A file to attach was not found among your recent uploads in this network", "media");
  }
  return ok(attached);
}

export const MAX_DESCRIPTION = 1500;

/** The uploader (or the sponsor who uploaded for them) says what a photo shows. */
export async function describeMedia(db: DatabaseLike, actor: Actor, id: string, description: string, origin: string): Promise<Result<MediaView>> {
  const text = description.trim();
  if (text.length > MAX_DESCRIPTION) return fail("invalid", "description_too_long", `At most ${MAX_DESCRIPTION} characters`, "description");
  const media = await findMedia(db, id);
  if (!media || (media.uploaderId !== actor.member.id && media.uploaderId !== actor.by.id)) {
    return fail("not_found", "media_not_found", "No such file among your uploads", "media");
  }
  const [described] = await db.update(mediaTable).set({ description: text }).where(eq(mediaTable.id, media.id)).returning();
  return ok(mediaView(origin, described));
}

/** The media of many owners of one type at once (a page of announcements...), by owner id. */
export async function mediaOfMany(db: DatabaseLike, type: string, ids: string[]): Promise<Map<string, Media[]>> {
  const byOwner = new Map<string, Media[]>();
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return byOwner;
  const rows = await db
    .select()
    .from(mediaTable)
    .where(and(eq(mediaTable.ownerType, type), inArray(mediaTable.ownerId, valid)))
    .orderBy(mediaTable.createdAt);
  for (const row of rows) byOwner.set(row.ownerId!, [...(byOwner.get(row.ownerId!) ?? []), row]);
  return byOwner;
}

export async function setMediaVisibility(tx: DatabaseLike, owner: MediaOwner, visibility: Visibility): Promise<void> {
  await tx.update(mediaTable).set({ visibility }).where(ownedBy(owner));
}

/** Removes the owner's media, but those in `keepIds`; the sweeper deletes their files. */
export async function detachMedia(tx: DatabaseLike, owner: MediaOwner, keepIds: string[] = []): Promise<void> {
  const keep = keepIds.filter(isUuid);
  await tx.delete(mediaTable).where(keep.length ? and(ownedBy(owner), notInArray(mediaTable.id, keep)) : ownedBy(owner));
}

export async function mediaOf(db: DatabaseLike, owner: MediaOwner): Promise<Media[]> {
  return db.select().from(mediaTable).where(ownedBy(owner)).orderBy(mediaTable.createdAt);
}

export async function findMedia(db: DatabaseLike, id: string): Promise<Media | undefined> {
  if (!isUuid(id)) return undefined;
  const [media] = await db.select().from(mediaTable).where(eq(mediaTable.id, id)).limit(1);
  return media;
}

/** The media owners that moderation can hide (their owner type is also the hidden item's subject type). */
const HIDEABLE_OWNERS = new Set(["offer", "announcement", "event", "resource"]);

/**
 * Whether a viewer (null: anonymous) may read a file, leaving partner
 * instances aside (the HTTP layer checks their signatures). Uploaders see
 * their own uploads before they are attached.
 */
export async function mayReadMedia(db: DatabaseLike, viewer: Actor["member"] | null, media: Media): Promise<boolean> {
  if (media.ownerId === null) return viewer !== null && media.uploaderId === viewer.id;
  // A hidden item's photos (moderation): its author and the network's animators only.
  if (media.ownerType && HIDEABLE_OWNERS.has(media.ownerType) && (await hiddenInfo(db, media.ownerType, media.ownerId))) {
    return viewer !== null && (viewer.id === media.uploaderId || viewer.isAdmin || atLeast(await roleIn(db, media.networkId, viewer.id), "animator"));
  }
  if (media.visibility === "public") return true;
  if (!viewer) return false;
  return viewer.isAdmin || atLeast(await roleIn(db, media.networkId, viewer.id), "member");
}

/**
 * Deletes unattached uploads older than a day, and files with no row (left by
 * a detach or a crash between writing a file and recording it).
 */
export async function sweepMedia(db: DatabaseLike, files: MediaFiles, now = new Date()): Promise<{ removed: number }> {
  const expired = await db
    .delete(mediaTable)
    .where(and(isNull(mediaTable.ownerId), lt(mediaTable.createdAt, new Date(now.getTime() - unattachedLifetimeMs))))
    .returning({ id: mediaTable.id });
  // Only files an hour old: a younger one may be an upload being recorded.
  const candidates = await files.filesOlderThan(new Date(now.getTime() - 3600_000));
  const ids = candidates.filter(isUuid);
  const known = new Set(
    ids.length ? (await db.select({ id: mediaTable.id }).from(mediaTable).where(inArray(mediaTable.id, ids))).map((r) => r.id) : [],
  );
  const orphans = candidates.filter((name) => !known.has(name));
  for (const name of orphans) await files.removeName(name);
  for (const { id } of expired) await files.remove(id);
  return { removed: orphans.length + expired.length };
}

function ownedBy(owner: MediaOwner) {
  return and(eq(mediaTable.ownerType, owner.type), eq(mediaTable.ownerId, owner.id));
}

