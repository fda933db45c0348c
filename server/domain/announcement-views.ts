// Announcements as the API shows them: rendered HTML, author, and what the
// fediverse answered (replies stored by the inbox, likes and boosts counted).
import { and, asc, count, desc, eq, inArray, isNull, lt, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DatabaseLike } from "../../db/client.ts";
import {
  memberReactionTable,
  announcementTable,
  memberTable,
  membershipTable,
  networkTable,
  partnershipTable,
  remoteActorTable,
  remotePostTable,
  remoteReactionTable,
  type Announcement,
  type Media,
  type Member,
  type Network,
  type Role,
  type Visibility,
} from "../../db/schema/index.ts";
import { renderText } from "./announcement-html.ts";
import { mediaOfMany, mediaView, type MediaView } from "./media.ts";
import { findNetwork, roleIn } from "./roles.ts";
import { ok, type Result } from "./result.ts";

export const PAGE_SIZE = 20;
/** Photos of an announcement are media owned by ("announcement", its id). */
export const ANNOUNCEMENT_MEDIA = "announcement";
export const MAX_PHOTOS = 4;

/** The announcement's ActivityPub id and web page (content negotiation serves both). */
export const announcementPath = (slug: string, id: string) => `/n/${slug}/a/${id}`;
export const announcementUrl = (origin: string, slug: string, id: string) => new URL(announcementPath(slug, id), origin).href;

/** The viewer's role in the network; instance admins count as pilots. */
export async function viewerRole(db: DatabaseLike, networkId: string, viewer: Member | null): Promise<Role | null> {
  if (!viewer) return null;
  return viewer.isAdmin ? "pilot" : roleIn(db, networkId, viewer.id);
}

/**
 * `network` announcements are for the network's members (and the instance
 * admin); `partners` ones also for members of partner networks on this instance.
 */
export const maySee = (visibility: Visibility, role: Role | null, localPartner = false) =>
  visibility === "public" || role !== null || (visibility === "partners" && localPartner);

/** Whether the viewer belongs to a network of this instance that is an active partner of `networkId`. */
export async function isLocalPartnerMember(db: DatabaseLike, networkId: string, viewer: Member | null, origin: string): Promise<boolean> {
  if (!viewer) return false;
  const mine = await db
    .select({ slug: networkTable.slug })
    .from(membershipTable)
    .innerJoin(networkTable, eq(networkTable.id, membershipTable.networkId))
    .where(eq(membershipTable.memberId, viewer.id));
  if (mine.length === 0) return false;
  // Partnerships name the partner by its Group's IRI, local or remote alike.
  const actorIds = mine.map((m) => new URL(`/n/${m.slug}`, origin).href);
  const [row] = await db
    .select({ id: partnershipTable.id })
    .from(partnershipTable)
    .where(and(eq(partnershipTable.networkId, networkId), eq(partnershipTable.state, "active"), inArray(partnershipTable.partnerActorId, actorIds)))
    .limit(1);
  return row !== undefined;
}

export interface RemoteAuthorView {
  id: string;
  handle: string | null;
  name: string | null;
  url: string | null;
  iconUrl: string | null;
}

export interface ReplyView {
  id: string;
  url: string | null;
  contentHtml: string;
  published: Date;
  author: RemoteAuthorView;
}

export interface AnnouncementView {
  id: string;
  url: string;
  content: string;
  contentHtml: string;
  visibility: Announcement["visibility"];
  author: { handle: string; displayName: string } | null;
  /** Who pressed the button, when not the author (a sponsor, or the animator speaking for the network); members only. */
  postedBy?: string;
  createdAt: Date;
  updatedAt: Date | null;
  likes: number;
  boosts: number;
  replies: ReplyView[];
  photos: MediaView[];
}

/** Hashtags in our HTML link to the network's page (Mastodon links them to its own tag pages). */
export const tagHref = (origin: string, slug: string) => (tag: string) =>
  `${new URL(`/n/${slug}`, origin).href}?tag=${encodeURIComponent(tag)}`;

interface Row {
  announcement: Announcement;
  network: Network;
  author: Member | null;
  postedBy: Member | null;
}

export function announcementView(
  origin: string,
  row: Row,
  role: Role | null,
  extra?: Pick<AnnouncementView, "likes" | "boosts" | "replies">,
  photos: Media[] = [],
): AnnouncementView {
  const { announcement: a, network, author, postedBy } = row;
  return {
    id: a.id,
    url: announcementUrl(origin, network.slug, a.id),
    content: a.content,
    contentHtml: renderText(a.content, tagHref(origin, network.slug)).html,
    visibility: a.visibility,
    author: author ? { handle: author.handle, displayName: author.displayName } : null,
    ...(role !== null && postedBy && postedBy.id !== author?.id ? { postedBy: postedBy.handle } : {}),
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    ...(extra ?? { likes: 0, boosts: 0, replies: [] }),
    photos: photos.map((p) => mediaView(origin, p)),
  };
}

export const remoteAuthorView = (a: typeof remoteActorTable.$inferSelect): RemoteAuthorView => ({
  id: a.id,
  handle: a.handle,
  name: a.name,
  url: a.url ?? a.id,
  iconUrl: a.iconUrl,
});

/** Replies, likes and boosts of these announcement URLs; non-public replies only for members. */
export async function reactionsOf(db: DatabaseLike, urls: string[], role: Role | null) {
  const byUrl = new Map(urls.map((u) => [u, { likes: 0, boosts: 0, replies: [] as ReplyView[] }]));
  if (urls.length === 0) return byUrl;
  // Likes and boosts from elsewhere and from our own members (their apps) count alike.
  const remote = await db
    .select({ objectId: remoteReactionTable.objectId, type: remoteReactionTable.type, n: count() })
    .from(remoteReactionTable)
    .where(inArray(remoteReactionTable.objectId, urls))
    .groupBy(remoteReactionTable.objectId, remoteReactionTable.type);
  const local = await db
    .select({ objectId: memberReactionTable.objectId, type: memberReactionTable.type, n: count() })
    .from(memberReactionTable)
    .where(inArray(memberReactionTable.objectId, urls))
    .groupBy(memberReactionTable.objectId, memberReactionTable.type);
  for (const c of [...remote, ...local]) {
    const entry = byUrl.get(c.objectId)!;
    if (c.type === "like") entry.likes += c.n;
    else entry.boosts += c.n;
  }
  const visible: SQL | undefined = role === null ? inArray(remotePostTable.visibility, ["public", "unlisted"]) : undefined;
  const replies = await db
    .select({ post: remotePostTable, author: remoteActorTable })
    .from(remotePostTable)
    .innerJoin(remoteActorTable, eq(remoteActorTable.id, remotePostTable.authorId))
    .where(and(inArray(remotePostTable.inReplyTo, urls), visible, isNull(remotePostTable.hiddenAt)))
    .orderBy(asc(remotePostTable.published));
  for (const { post, author } of replies) {
    byUrl.get(post.inReplyTo!)!.replies.push({
      id: post.id,
      url: post.url ?? post.id,
      contentHtml: post.contentHtml,
      published: post.published,
      author: remoteAuthorView(author),
    });
  }
  return byUrl;
}

const poster = alias(memberTable, "poster");

/** Newest first, 20 a page; `network` and `partners` ones for members of the network (and the instance admin) only. */
export async function listAnnouncements(
  db: DatabaseLike,
  viewer: Member | null,
  slug: string,
  options: { origin: string; before?: Date },
): Promise<Result<AnnouncementView[]>> {
  const found = await findNetwork(db, slug);
  if (!found.ok) return found;
  const network = found.value;
  const role = await viewerRole(db, network.id, viewer);
  const shown: Visibility[] =
    role !== null ? ["network", "partners", "public"] : (await isLocalPartnerMember(db, network.id, viewer, options.origin)) ? ["partners", "public"] : ["public"];
  const rows = await db
    .select({ announcement: announcementTable, author: memberTable, postedBy: poster })
    .from(announcementTable)
    .leftJoin(memberTable, eq(memberTable.id, announcementTable.authorId))
    .leftJoin(poster, eq(poster.id, announcementTable.postedById))
    .where(
      and(
        eq(announcementTable.networkId, network.id),
        inArray(announcementTable.visibility, shown),
        isNull(announcementTable.hiddenAt),
        options.before ? lt(announcementTable.createdAt, options.before) : undefined,
      ),
    )
    .orderBy(desc(announcementTable.createdAt), desc(announcementTable.id))
    .limit(PAGE_SIZE);
  const urls = rows.map((r) => announcementUrl(options.origin, network.slug, r.announcement.id));
  const reactions = await reactionsOf(db, urls, role);
  const photos = await mediaOfMany(db, ANNOUNCEMENT_MEDIA, rows.map((r) => r.announcement.id));
  return ok(rows.map((r, i) => announcementView(options.origin, { ...r, network }, role, reactions.get(urls[i]), photos.get(r.announcement.id))));
}
