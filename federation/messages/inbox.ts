// Direct messages and mentions for our members, from elsewhere (kept apart
// from public replies: this file only files what is private to a member).
// - A `direct` post (addressed only to the people it mentions) naming members
//   of ours goes to their private conversations with its author, and nowhere
//   else: it is not stored as a post, so no feed or page can show it.
// - A post of any other visibility that mentions members of ours is filed as
//   a mention in their conversations too; it then goes on as an ordinary post
//   (a followed account's post stays in the feed, marked with its audience).
// Members who blocked the author get nothing; unknown members are ignored.
import { inArray } from "drizzle-orm";
import { memberTable, type RemoteActor } from "../../db/schema/index.ts";
import { receivePrivateMessage } from "../../server/domain/messages/receive.ts";
import { webUrl } from "../../server/domain/web-url.ts";
import { inboxLogger, type FedContext } from "../context.ts";
import { sanitizeRemoteHtml } from "../html.ts";
import { parseIdentifier } from "../identifiers.ts";
import { mentionedIds, visibilityOf, type PostLike } from "../remote-posts.ts";

const MAX_HTML = 20_000;

/** Our actors among these IRIs. */
function ourActors(ctx: FedContext, urls: URL[]) {
  return urls.flatMap((url) => {
    if (url.origin !== ctx.origin && url.origin !== ctx.canonicalOrigin) return [];
    const parsed = ctx.parseUri(url);
    const ref = parsed?.type === "actor" ? parseIdentifier(parsed.identifier) : null;
    return ref ? [ref] : [];
  });
}

const memberHandles = (ctx: FedContext, urls: URL[]) => [...new Set(ourActors(ctx, urls).flatMap((r) => (r.kind === "member" ? [r.handle] : [])))];

async function memberIdsOf(ctx: FedContext, handles: string[]): Promise<string[]> {
  if (handles.length === 0) return [];
  const rows = await ctx.data.db.select({ id: memberTable.id }).from(memberTable).where(inArray(memberTable.handle, handles));
  return rows.map((r) => r.id);
}

/** Files a direct message or mention; true when the post was private and must not be stored as a post. */
export async function receivePrivatePost(ctx: FedContext, object: PostLike, author: RemoteActor): Promise<boolean> {
  if (!object.id) return false;
  const mentions = await mentionedIds(ctx, object);
  const visibility = visibilityOf(object, mentions);
  const direct = visibility === "direct";
  // A direct message reaches whoever it is addressed to; a mention, whoever it names.
  const named = direct ? [...object.toIds, ...object.ccIds, ...mentions] : mentions;
  const handles = memberHandles(ctx, named);
  if (handles.length === 0) return false;
  const memberIds = await memberIdsOf(ctx, handles);
  const delivered = await receivePrivateMessage(ctx.data.db, {
    memberIds,
    author,
    kind: direct ? "direct" : "mention",
    apId: object.id.href,
    html: sanitizeRemoteHtml(String(object.content ?? "").slice(0, MAX_HTML)),
    url: direct ? null : (webUrl(object.url instanceof URL ? object.url : object.url?.href) ?? webUrl(object.id)),
  });
  inboxLogger.info("{kind} {object} from {author}: {delivered} of {named} members", {
    kind: direct ? "Direct message" : "Mention",
    object: object.id.href,
    author: author.id,
    delivered,
    named: handles.length,
  });
  // A direct message is its recipients' alone, unless it is also addressed to one of our networks.
  return direct && !ourActors(ctx, [...object.toIds, ...object.ccIds]).some((r) => r.kind === "network");
}
