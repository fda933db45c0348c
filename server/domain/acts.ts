import type { DatabaseLike } from "../../db/client.ts";
import { actLogTable, type Member } from "../../db/schema/index.ts";

/**
 * Who acts: `member` is the person the act is for; `by` is who did it. They
 * differ when a sponsor acts for a neighbour without internet.
 */
export interface Actor {
  member: Member;
  by: Member;
}

export const selfActor = (member: Member): Actor => ({ member, by: member });

/** Records "by X for Y" for acts that change someone's data. */
export async function recordAct(
  db: DatabaseLike,
  actor: Actor,
  action: string,
  detail: Record<string, unknown> = {},
  networkId?: string,
): Promise<void> {
  await db.insert(actLogTable).values({
    byMemberId: actor.by.id,
    forMemberId: actor.member.id,
    networkId: networkId ?? null,
    action,
    detail,
  });
}
