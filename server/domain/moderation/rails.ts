// Safety rails on posting and answering: a member suspended from a network
// reads but neither posts nor answers there (every use-case that writes into
// a network calls mayPost() in its transaction); a network may hold a new
// member's first offer for an animator's approval. Posting rates per member
// are limited at the HTTP edge (server/http/posting-limits.ts).
import { and, eq, inArray, ne } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { hiddenItemTable, membershipTable, moderationSettingsTable, offerTable, suspensionTable, type Role } from "../../../db/schema/index.ts";
import { notify } from "../notifications.ts";
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

export const HELD_REASON = "Première publication : en attente de l'accord d'un animateur";

export async function holdsFirstPosts(db: DatabaseLike, networkId: string): Promise<boolean> {
  const [row] = await db.select().from(moderationSettingsTable).where(eq(moderationSettingsTable.networkId, networkId)).limit(1);
  return row?.holdFirstPosts ?? false;
}

/**
 * Is this post held for an animator's approval? When the network asks for it
 * (off by default), a plain member's posts are held until one was approved:
 * their first offer waits, hidden, in the queue; once approved, they post freely.
 */
export async function mustHold(db: DatabaseLike, networkId: string, memberId: string, role: Role): Promise<boolean> {
  if (role !== "member" || !(await holdsFirstPosts(db, networkId))) return false;
  const [approved] = await db
    .select({ id: offerTable.id })
    .from(offerTable)
    .where(and(eq(offerTable.networkId, networkId), eq(offerTable.authorId, memberId), ne(offerTable.status, "hidden")))
    .limit(1);
  return approved === undefined;
}

/** Records the held offer (already stored with status `hidden`) and tells the animators. */
export async function holdOffer(db: DatabaseLike, offer: { id: string; title: string }, network: { id: string; slug: string }, authorId: string): Promise<void> {
  await db.insert(hiddenItemTable).values({ subjectType: "offer", subjectId: offer.id, networkId: network.id, authorId, reason: HELD_REASON, held: true, previousStatus: "open" });
  const animators = await db
    .select({ id: membershipTable.memberId })
    .from(membershipTable)
    .where(and(eq(membershipTable.networkId, network.id), inArray(membershipTable.role, ["animator", "pilot"])));
  await notify(db, animators.map((a) => a.id), { kind: "moderation.held", subject: { type: "offer", id: offer.id, title: offer.title, path: `/n/${network.slug}/moderation` } });
}
