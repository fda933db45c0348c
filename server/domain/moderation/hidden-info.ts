// Why an item is hidden (read by the items' own views, so kept free of their imports).
import { and, eq } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { hiddenItemTable, type HiddenItem } from "../../../db/schema/index.ts";

export async function hiddenInfo(db: DatabaseLike, subjectType: string, subjectId: string): Promise<HiddenItem | null> {
  const [row] = await db
    .select()
    .from(hiddenItemTable)
    .where(and(eq(hiddenItemTable.subjectType, subjectType), eq(hiddenItemTable.subjectId, subjectId)))
    .limit(1);
  return row ?? null;
}
