// A member's reblog as Mastodon returns it (POST /api/v1/statuses/:id/reblog,
// and GET of its id): a new status by the member whose `reblog` is the
// original. It stands for the member's boost (member_reaction), so it lives
// as long as the boost does; unreblog answers with the original.
import { and, eq } from "drizzle-orm";
import { memberReactionTable, memberTable, type Member } from "../../../db/schema/index.ts";
import { avatarOf } from "../accounts/routes.ts";
import { reblogEntity, type StatusEntity } from "../entities/status.ts";
import { notFound, viewerOf, type MastodonContext } from "../http.ts";
import { Accounts } from "../timelines/collect.ts";
import { parseReblogId, parseStatusId, reblogId } from "./ids.ts";
import { answer } from "./routes.ts";
import { loadDraft } from "./single.ts";
import { objectIdOf } from "./marks.ts";

const origin = (c: MastodonContext) => c.var.deps.config.publicUrl.origin;

/** The wrapper of `booster`'s boost of `original` (its ActivityPub id `objectId`), or null when there is no such boost. */
export async function reblogOf(c: MastodonContext, booster: Member, original: StatusEntity, objectId: string) {
  const db = c.var.deps.db;
  const [boost] = await db
    .select({ createdAt: memberReactionTable.createdAt, activityId: memberReactionTable.activityId })
    .from(memberReactionTable)
    .where(and(eq(memberReactionTable.memberId, booster.id), eq(memberReactionTable.type, "announce"), eq(memberReactionTable.objectId, objectId)))
    .limit(1);
  const account = boost ? await new Accounts(db, origin(c), avatarOf(c)).of({ member: booster.handle }) : null;
  if (!boost || !account) return null;
  // Without a federation no Announce went out: the wrapper still needs a stable uri.
  const uri = boost.activityId ?? `${origin(c)}/m/${booster.handle}#boosts/${encodeURIComponent(original.id)}`;
  return reblogEntity({ id: reblogId(booster.id, boost.createdAt, original.id), createdAt: boost.createdAt, account, uri }, original);
}

/** GET /api/v1/statuses/:id for a reblog's id: the wrapper, if the reader may see the original and the boost still stands. */
export async function reblogById(c: MastodonContext, id: string) {
  const wrapper = parseReblogId(id);
  const parsed = wrapper && parseStatusId(wrapper.of);
  if (!wrapper || !parsed) throw notFound();
  const db = c.var.deps.db;
  const draft = await loadDraft(db, viewerOf(c), parsed, origin(c));
  const [booster] = draft ? await db.select().from(memberTable).where(eq(memberTable.id, wrapper.memberId)).limit(1) : [];
  const [original] = draft && booster ? await answer(c, [draft]) : [];
  const found = original ? await reblogOf(c, booster, original, objectIdOf(draft!)) : null;
  if (!found) throw notFound();
  return c.json(found);
}
