import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, lt } from "drizzle-orm";
import type { DatabaseLike } from "../../db/client.ts";
import { memberTable, sessionTable, type Member } from "../../db/schema/index.ts";

export const sessionLifetimeDays = 60;

export const digest = (token: string) => createHash("sha256").update(token).digest("base64url");

/** Opens a session; returns the token for the cookie (only its hash is stored). */
export async function openSession(db: DatabaseLike, memberId: string): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + sessionLifetimeDays * 86_400_000);
  await db.insert(sessionTable).values({ tokenHash: digest(token), memberId, csrfToken, expiresAt });
  // Opportunistic clean-up keeps the table small without a scheduler.
  await db.delete(sessionTable).where(and(eq(sessionTable.memberId, memberId), lt(sessionTable.expiresAt, new Date())));
  return { token, csrfToken, expiresAt };
}

export interface SessionInfo {
  member: Member;
  csrfToken: string;
}

/** `tokenHash`: digest(token), as stored. */
export async function findSessionByHash(db: DatabaseLike, tokenHash: string): Promise<(SessionInfo & { expiresAt: Date }) | undefined> {
  const [row] = await db
    .select({ member: memberTable, csrfToken: sessionTable.csrfToken, expiresAt: sessionTable.expiresAt })
    .from(sessionTable)
    .innerJoin(memberTable, eq(memberTable.id, sessionTable.memberId))
    .where(and(eq(sessionTable.tokenHash, tokenHash), gt(sessionTable.expiresAt, new Date())))
    .limit(1);
  return row;
}

export async function findSession(db: DatabaseLike, token: string): Promise<SessionInfo | undefined> {
  const row = await findSessionByHash(db, digest(token));
  return row && { member: row.member, csrfToken: row.csrfToken };
}

export async function closeSession(db: DatabaseLike, token: string): Promise<void> {
  await db.delete(sessionTable).where(eq(sessionTable.tokenHash, digest(token)));
}
