// A network's moderation settings (animators): hold a new member's first
// offer for approval (off by default). The change is written to the log.
import type { DatabaseLike } from "../../../db/client.ts";
import { moderationLogTable, moderationSettingsTable, type Member } from "../../../db/schema/index.ts";
import { ok, transact, type Result } from "../result.ts";
import { moderatorOf } from "./queue.ts";
import { holdsFirstPosts } from "./rails.ts";

export interface ModerationSettings {
  holdFirstPosts: boolean;
}

export async function moderationSettings(db: DatabaseLike, member: Member, slug: string): Promise<Result<ModerationSettings>> {
  const scope = await moderatorOf(db, member, slug);
  if (!scope.ok) return scope;
  return ok({ holdFirstPosts: await holdsFirstPosts(db, scope.value.network!.id) });
}

export async function setModerationSettings(db: DatabaseLike, member: Member, slug: string, settings: ModerationSettings): Promise<Result<ModerationSettings>> {
  return transact(db, async (tx) => {
    const scope = await moderatorOf(tx, member, slug);
    if (!scope.ok) return scope;
    const networkId = scope.value.network!.id;
    await tx
      .insert(moderationSettingsTable)
      .values({ networkId, holdFirstPosts: settings.holdFirstPosts })
      .onConflictDoUpdate({ target: moderationSettingsTable.networkId, set: { holdFirstPosts: settings.holdFirstPosts } });
    await tx.insert(moderationLogTable).values({
      networkId,
      moderatorId: member.id,
      moderatorName: member.displayName,
      action: "settings",
      subjectType: "network",
      subjectId: networkId,
      reason: settings.holdFirstPosts ? "hold_first_posts: on" : "hold_first_posts: off",
    });
    return ok({ holdFirstPosts: settings.holdFirstPosts });
  });
}
