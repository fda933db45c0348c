// Why an item is hidden, and who still sees it (read by the items' own views,
// so kept free of their imports).
import { and, eq } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { hiddenItemTable, type HiddenItem, type Member, type Role } from "../../../db/schema/index.ts";
import { atLeast } from "../roles.ts";

export async function hiddenInfo(db: DatabaseLike, subjectType: string, subjectId: string): Promise<HiddenItem | null> {
  const [row] = await db
    .select()
    .from(hiddenItemTable)
    .where(and(eq(hiddenItemTable.subjectType, subjectType), eq(hiddenItemTable.subjectId, subjectId)))
    .limit(1);
  return row ?? null;
}

/**
 * A hidden item stays visible to its author (marked hidden, with the reason)
 * and to the network's animators (who may show it again); to nobody else.
 */
export const seesHidden = (hiddenAt: Date | null, authorId: string | null, viewer: Member | null, role: Role | null) =>
  hiddenAt === null || (viewer !== null && (viewer.id === authorId || atLeast(role, "animator")));

/** What the author (or an animator) reads on a hidden item's page: why, and whether a review was asked. */
export async function hiddenNote(db: DatabaseLike, subjectType: string, subjectId: string) {
  const hidden = await hiddenInfo(db, subjectType, subjectId);
  return hidden ? { hidden: { reason: hidden.reason, reviewRequestedAt: hidden.reviewRequestedAt, held: hidden.held } } : {};
}
