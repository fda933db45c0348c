// Safety rails on posting and answering: a member suspended from a network
// reads but neither posts nor answers there. Every use-case that writes into
// a network calls mayPost() in its transaction.
import { and, eq } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { suspensionTable } from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../result.ts";

/** The current suspension of a member in a network, if any (an ended one no longer counts). */
export async function suspensionOf(db: DatabaseLike, networkId: string, memberId: string) {
  const [row] = await db.select().from(suspensionTable).where(and(eq(suspensionTable.networkId, networkId), eq(suspensionTable.memberId, memberId))).limit(1);
  return row && row.until.getTime() > Date.now() ? row : null;
}

/** For a post or an answer: refused (403 member_suspended) while the member is suspended from the network. */
export async function mayPost(db: DatabaseLike, networkId: string, memberId: string): Promise<Result<null>> {
  const suspended = await suspensionOf(db, networkId, memberId);
  if (suspended) {
    return fail("forbidden", "member_suspended", `You are suspended from this network until ${suspended.until.toISOString()}: you can read, not post or answer`);
  }
  return ok(null);
}
