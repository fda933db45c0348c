// Remote posts (Note, Article, Page, Question): kept only when they concern
// us — a reply to one of our objects or to a post we keep, a post by someone
// we follow, or one addressed to our actors — with their HTML sanitised.
import { Article, getTypeId, Mention, Note, Page, PUBLIC_COLLECTION, Question, type Object as APObject } from "@fedify/vocab";
import { and, eq, sql } from "drizzle-orm";
import { preparedPerDatabase } from "../db/prepared.ts";
import { remotePostTable, type RemoteActor, type RemoteVisibility } from "../db/schema/index.ts";
import type { FedContext } from "./context.ts";
import { isFollowedHere } from "./follows.ts";
import { sanitizeRemoteHtml, toPlainText } from "./html.ts";
import { parseIdentifier } from "./identifiers.ts";
import { toDate } from "./temporal.ts";
import { isOurs } from "./uris.ts";
import { webUrl } from "../server/domain/web-url.ts";

export type PostLike = Note | Article | Page | Question;

export const isPostLike = (object: unknown): object is PostLike =>
  object instanceof Note || object instanceof Article || object instanceof Page || object instanceof Question;

const MAX_HTML = 100_000;

// Our actor route matches any path, so check that the identifier is an actor's.
function isOurActor(ctx: FedContext, url: URL): boolean {
  const parsed = ctx.parseUri(url);
  return parsed?.type === "actor" && parseIdentifier(parsed.identifier) !== null;
}

export async function mentionedIds(ctx: FedContext, object: PostLike): Promise<URL[]> {
  const ids: URL[] = [];
  for await (const tag of object.getTags({ documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader, suppressError: true })) {
    if (tag instanceof Mention && tag.href) ids.push(tag.href);
  }
  return ids;
}

export function visibilityOf(object: PostLike, mentions: URL[]): RemoteVisibility {
  const to = object.toIds.map((u) => u.href);
  const cc = object.ccIds.map((u) => u.href);
  const publicIds = [PUBLIC_COLLECTION.href, "as:Public", "Public"];
  if (to.some((u) => publicIds.includes(u))) return "public";
  if (cc.some((u) => publicIds.includes(u))) return "unlisted";
  const mentioned = new Set(mentions.map((m) => m.href));
  return [...to, ...cc].every((u) => mentioned.has(u)) ? "direct" : "followers";
}

/** Why we keep a post; null when it does not concern us. */
async function relevance(ctx: FedContext, object: PostLike, author: RemoteActor, localRecipients: string[]) {
  const replyTo = object.replyTargetId;
  if (isOurs(ctx, replyTo)) return "reply";
  if (replyTo) {
    const [parent] = await ctx.data.db.select({ id: remotePostTable.id }).from(remotePostTable).where(eq(remotePostTable.id, replyTo.href)).limit(1);
    if (parent) return "thread";
  }
  if (localRecipients.length > 0) return "addressed";
  return (await isFollowedHere(ctx.data.db, author.id)) ? "followed" : null;
}

function fieldsOf(object: PostLike) {
  const content = object.content;
  const language = content != null && typeof content === "object" && "locale" in content ? content.locale.baseName : null;
  const url = webUrl(object.url instanceof URL ? object.url : object.url?.href);
  return {
    type: getTypeId(object).href.replace(/^.*[#/]/, ""),
    inReplyTo: object.replyTargetId?.href ?? null,
    name: object.name == null ? null : toPlainText(String(object.name)).slice(0, 500) || null,
    summary: object.summary == null ? null : toPlainText(String(object.summary)).slice(0, 2000) || null,
    contentHtml: content == null ? "" : sanitizeRemoteHtml(String(content).slice(0, MAX_HTML)),
    language,
    url,
    sensitive: object.sensitive ?? false,
    published: toDate(object.published) ?? new Date(),
    updated: toDate(object.updated),
  };
}

/**
 * Stores a remote post if it concerns us; an existing one is left as it is
 * (duplicates are processed once). Returns whether it is stored: "new" when
 * this call stored it, "known" when it already was, false when not kept.
 */
export async function storeRemotePost(
  ctx: FedContext,
  object: APObject,
  author: RemoteActor,
  options: { announcedBy?: RemoteActor } = {},
): Promise<"new" | "known" | false> {
  // Its id is the link to it we show: only an http(s) one is kept.
  if (!isPostLike(object) || object.id === null || webUrl(object.id) === null) return false;
  if (object.attributionId?.href !== author.id) return false;
  const mentions = await mentionedIds(ctx, object);
  const addressed = [...object.toIds, ...object.ccIds, ...mentions].filter((u) => isOurActor(ctx, u));
  const localRecipients = [...new Set(addressed.map((u) => u.href))];
  const followedAnnouncer = options.announcedBy !== undefined;
  if (!followedAnnouncer && (await relevance(ctx, object, author, localRecipients)) === null) return false;
  const row: PostRow = {
    id: object.id.href,
    authorId: author.id,
    announcedById: options.announcedBy?.id ?? null,
    visibility: visibilityOf(object, mentions),
    localRecipients,
    ...fieldsOf(object),
  };
  const inserted = await insertPost(ctx.data.db).execute({ ...row, updated: row.updated?.toISOString() ?? null });
  return inserted.length > 0 ? "new" : "known";
}

type PostRow = { id: string; authorId: string; announcedById: string | null; visibility: RemoteVisibility; localRecipients: string[] } & ReturnType<typeof fieldsOf>;
const columns = ["id", "authorId", "announcedById", "visibility", "localRecipients", "type", "inReplyTo", "name", "summary", "contentHtml", "language", "url", "sensitive", "published", "updated"] as const satisfies readonly (keyof PostRow)[];
// A field added to a stored post must be added to `columns` too (a type error until it is).
const everyField: Exclude<keyof PostRow, (typeof columns)[number]> extends never ? true : never = true;

// Built once (each inbound reply inserts one): every column a placeholder, encoded as the column says.
const insertPost = preparedPerDatabase((db) => {
  void everyField;
  const values = Object.fromEntries(columns.map((column) => [column, sql.placeholder(column)])) as unknown as typeof remotePostTable.$inferInsert;
  // Drizzle's timestamp encoder cannot take a null: this one is given as ISO text or null (see storeRemotePost).
  values.updated = sql`${sql.placeholder("updated")}` as unknown as Date;
  return db.insert(remotePostTable).values(values).onConflictDoNothing().returning({ id: remotePostTable.id }).prepare("remote_post_insert");
});

/** Applies an author's Update to a post we keep; true if there was one. */
export async function updateRemotePost(ctx: FedContext, object: APObject, authorId: string): Promise<boolean> {
  if (!isPostLike(object) || object.id === null || object.attributionId?.href !== authorId) return false;
  const { published: _, ...fields } = fieldsOf(object);
  const updated = await ctx.data.db
    .update(remotePostTable)
    .set({ ...fields, updated: fields.updated ?? new Date() })
    .where(and(eq(remotePostTable.id, object.id.href), eq(remotePostTable.authorId, authorId)))
    .returning({ id: remotePostTable.id });
  return updated.length > 0;
}

/** Deletes a post on its author's Delete; true if there was one. */
export async function deleteRemotePost(ctx: FedContext, objectId: string, authorId: string): Promise<boolean> {
  const deleted = await ctx.data.db
    .delete(remotePostTable)
    .where(and(eq(remotePostTable.id, objectId), eq(remotePostTable.authorId, authorId)))
    .returning({ id: remotePostTable.id });
  return deleted.length > 0;
}
