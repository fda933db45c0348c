// Favourite, reblog and bookmark keep their Mastodon meanings on every item
// the member can see: a favourite is a like, a reblog a boost (counted with
// the fediverse's, public items only), a bookmark stays the member's. An item
// they cannot see is not found. A reblog answers with a status of its own
// wrapping the original (reblogs.ts), as Mastodon's does; unreblog with the
// original. GET /api/v1/favourites and /bookmarks list them, newest first,
// paged with max_id / min_id and a Link header.
import { eq } from "drizzle-orm";
import { remotePostTable, type ReactionType } from "../../../db/schema/index.ts";
import { bookmark, listMine, react, unbookmark, unreact, type ReactedItem } from "../../domain/reactions/mine.ts";
import { reactionsOutOf } from "../../api/federation-ports.ts";
import { fromFailure, invalid, mastodonRouter, notFound, scope, userOf, type MastodonContext } from "../http.ts";
import { answer, one, parsedOr404 } from "./routes.ts";
import { setPageLinks } from "../timelines/routes.ts";
import { loadDraft } from "./single.ts";
import { itemIdOf, objectIdOf } from "./marks.ts";
import { parseReblogId, parseStatusId } from "./ids.ts";
import { reblogOf } from "./reblogs.ts";

const origin = (c: MastodonContext) => c.var.deps.config.publicUrl.origin;

/** The item behind the status (a reblog's id stands for its original), as the member sees it (404 when they cannot). */
async function seen(c: MastodonContext) {
  const wrapper = parseReblogId(c.req.param("id") ?? "");
  const parsed = wrapper ? parseStatusId(wrapper.of) : parsedOr404(c);
  if (!parsed) throw notFound();
  const draft = await loadDraft(c.var.deps.db, userOf(c), parsed, origin(c));
  if (!draft) throw notFound();
  if (draft.kind === "m") throw invalid("id: messages of an offer's conversation are private; they are not favourited, reblogged or bookmarked");
  const item: ReactedItem = {
    kind: draft.kind,
    id: itemIdOf(draft),
    url: objectIdOf(draft),
    visibility: draft.visibility,
    remoteAuthor: "remote" in draft.author ? draft.author.remote : undefined,
  };
  return { parsed, draft, item };
}

async function reacting(c: MastodonContext, type: ReactionType, undo: boolean) {
  const { parsed, item } = await seen(c);
  const member = userOf(c);
  const out = reactionsOutOf(c as never);
  const done = undo ? await unreact(c.var.deps.db, member, item, type, out) : await react(c.var.deps.db, member, item, type, out, origin(c));
  if (!done.ok) throw fromFailure(done.error);
  if (type !== "announce" || undo) return one(c, await loadDraft(c.var.deps.db, member, parsed, origin(c)));
  // A reblog answers with the member's new status wrapping the original, as Mastodon's does.
  const [original] = await answer(c, [(await loadDraft(c.var.deps.db, member, parsed, origin(c)))!]);
  const wrapper = original ? await reblogOf(c, member, original, item.url) : null;
  if (!wrapper) throw notFound();
  return c.json(wrapper);
}

async function marking(c: MastodonContext, undo: boolean) {
  const { parsed, item } = await seen(c);
  const member = userOf(c);
  await (undo ? unbookmark : bookmark)(c.var.deps.db, member, item);
  return one(c, await loadDraft(c.var.deps.db, member, parsed, origin(c)));
}

/** A cursor per row: when it was marked (ms), then the item, so that rows in the same millisecond keep an order. */
const cursorOf = (row: { kind: string; id: string; at: Date }) => `${String(row.at.getTime()).padStart(13, "0")}${row.kind}${row.id}`;

/** A post from elsewhere is found in the member's feed by when it was published; our items by their id alone. */
async function publishedOf(c: MastodonContext, row: { kind: string; id: string }) {
  if (row.kind !== "p") return new Date(0);
  const [post] = await c.var.deps.db.select({ published: remotePostTable.published }).from(remotePostTable).where(eq(remotePostTable.id, row.id)).limit(1);
  return post?.published ?? new Date(0);
}

async function listing(c: MastodonContext, what: "like" | "bookmark") {
  const member = userOf(c);
  const limitRaw = c.req.query("limit");
  const limit = limitRaw === undefined ? 20 : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1) throw invalid("limit must be a positive whole number");
  const maxId = c.req.query("max_id");
  const minId = c.req.query("min_id") ?? c.req.query("since_id");
  const rows = (await listMine(c.var.deps.db, member, what))
    .map((r) => ({ ...r, cursor: cursorOf(r) }))
    .sort((a, b) => (a.cursor < b.cursor ? 1 : -1))
    .filter((r) => (!maxId || r.cursor < maxId) && (!minId || r.cursor > minId));
  const chosen = c.req.query("min_id") ? rows.slice(-Math.min(limit, 40)) : rows.slice(0, Math.min(limit, 40));
  const found = [];
  for (const row of chosen) {
    // Items the member can no longer see (left the network, deleted) are skipped, not shown.
    const draft = await loadDraft(c.var.deps.db, member, { kind: row.kind, id: row.id, at: await publishedOf(c, row) }, origin(c));
    if (draft) found.push(draft);
  }
  if (chosen.length) setPageLinks(c, chosen[0].cursor, chosen.at(-1)!.cursor);
  return c.json(await answer(c, found));
}

export function reactionRoutes() {
  const app = mastodonRouter();
  app.post("/api/v1/statuses/:id/favourite", scope("write:favourites"), (c) => reacting(c, "like", false));
  app.post("/api/v1/statuses/:id/unfavourite", scope("write:favourites"), (c) => reacting(c, "like", true));
  app.post("/api/v1/statuses/:id/reblog", scope("write:statuses"), (c) => reacting(c, "announce", false));
  app.post("/api/v1/statuses/:id/unreblog", scope("write:statuses"), (c) => reacting(c, "announce", true));
  app.post("/api/v1/statuses/:id/bookmark", scope("write:bookmarks"), (c) => marking(c, false));
  app.post("/api/v1/statuses/:id/unbookmark", scope("write:bookmarks"), (c) => marking(c, true));
  app.get("/api/v1/favourites", scope("read:favourites"), (c) => listing(c, "like"));
  app.get("/api/v1/bookmarks", scope("read:bookmarks"), (c) => listing(c, "bookmark"));
  return app;
}
