// One-time tokens sent by email or handed over on paper: random, only their
// SHA-256 stored, expiring, and used once (marked under a row lock, so two
// clicks at once cannot both succeed).
import { createHash, randomBytes, randomInt } from "node:crypto";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { emailTokenTable, type EmailToken, type EmailTokenPurpose } from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../result.ts";

// A printed code is typed by hand: no 0/O, 1/I/L; dashes and case do not matter.
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** The form a token is hashed in: a typed code loses its dashes, spaces and case. */
const canonical = (token: string) => (/^[A-Za-z0-9]{4}[-\s]?[A-Za-z0-9]{4}[-\s]?[A-Za-z0-9]{4}$/.test(token.trim()) ? token.replace(/[-\s]/g, "").toUpperCase() : token);
export const tokenDigest = (token: string) => createHash("sha256").update(canonical(token)).digest("base64url");

export const newLinkToken = () => randomBytes(32).toString("base64url");

/** 12 characters in three groups (XXXX-XXXX-XXXX): ~59 bits, enough behind rate limits for 48 hours. */
export function newPrintedCode(): string {
  const chars = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

export interface NewToken {
  memberId: string;
  purpose: EmailTokenPurpose;
  ttlMs: number;
  email?: string;
  createdById?: string;
  now?: Date;
}

/** Stores the hash of `token`; earlier unused tokens of the same purpose stop working. */
export async function storeToken(db: DatabaseLike, token: string, t: NewToken): Promise<Date> {
  const now = t.now ?? new Date();
  const expiresAt = new Date(now.getTime() + t.ttlMs);
  await db
    .update(emailTokenTable)
    .set({ usedAt: now })
    .where(and(eq(emailTokenTable.memberId, t.memberId), eq(emailTokenTable.purpose, t.purpose), isNull(emailTokenTable.usedAt)));
  await db.insert(emailTokenTable).values({
    tokenHash: tokenDigest(token),
    memberId: t.memberId,
    purpose: t.purpose,
    email: t.email ?? null,
    createdById: t.createdById ?? null,
    expiresAt,
  });
  return expiresAt;
}

/** Marks the token used and returns it; in the caller's transaction, so a failure later un-uses it. */
export async function consumeToken(tx: DatabaseLike, token: string, purposes: EmailTokenPurpose[], field = "token", now = new Date()): Promise<Result<EmailToken>> {
  const [row] = await tx
    .select()
    .from(emailTokenTable)
    .where(and(eq(emailTokenTable.tokenHash, tokenDigest(token)), inArray(emailTokenTable.purpose, purposes)))
    .for("update");
  if (!row) return fail("not_found", "token_unknown", "This link or code is unknown", field);
  if (row.usedAt) return fail("gone", "token_used", "This link or code was already used", field);
  if (row.expiresAt <= now) return fail("gone", "token_expired", "This link or code has expired", field);
  await tx.update(emailTokenTable).set({ usedAt: now }).where(eq(emailTokenTable.tokenHash, row.tokenHash));
  return ok(row);
}
