// Per-member limits on posting and answering (server/domain/rate-limits/):
// each accepted post or answer counts; over the limit the answer is 429
// `posting_rate_limited` with Retry-After, worded for a person. A refused
// request (bad input, not allowed) gives its count back. The animation group
// (animators, pilots, the admin), who post for the network and print its
// sheets, are trusted: not limited.
import { and, eq, inArray } from "drizzle-orm";
import type { MiddlewareHandler } from "hono";
import type { DatabaseLike } from "../../db/client.ts";
import { membershipTable, type Member } from "../../db/schema/index.ts";
import type { Limit } from "../domain/rate-limits/limiter.ts";
import { answersPerMember, postsPerMember, reportsPerMember } from "../domain/rate-limits/policies.ts";
import type { AppEnv } from "./context.ts";
import { failureResponse } from "./errors.ts";

const rules: [RegExp, Limit][] = [
  [/^\/api\/networks\/[^/]+\/(offers|announcements)$/, postsPerMember],
  [/^\/api\/offers\/[^/]+\/(responses|conversations\/[^/]+\/messages)$/, answersPerMember],
  [/^\/api\/reports$/, reportsPerMember],
];

export const postingLimits: MiddlewareHandler<AppEnv> = async (c, next) => {
  const member = c.var.session?.member;
  const limit = c.req.method === "POST" && member ? rules.find(([pattern]) => pattern.test(c.req.path))?.[1] : undefined;
  if (!limit || !member || (await trusted(c.var.deps.db, member))) return next();
  const limiter = c.var.deps.rateLimits;
  const verdict = await limiter.take(limit, member.id);
  if (!verdict.allowed) {
    await limiter.refund(limit, member.id);
    c.header("Retry-After", String(verdict.retryAfterSeconds));
    const minutes = Math.max(1, Math.ceil(verdict.retryAfterSeconds / 60));
    return failureResponse(c, {
      kind: "rate_limited",
      code: "posting_rate_limited",
      message: `You posted a lot in a short time (at most ${limit.max} an hour): try again in ${minutes} minute${minutes > 1 ? "s" : ""}`,
    });
  }
  await next();
  if (c.res.status >= 300) await limiter.refund(limit, member.id);
};

/** The animation group and the admin post for the network: not limited. */
export async function trusted(db: DatabaseLike, member: Member): Promise<boolean> {
  if (member.isAdmin) return true;
  const [row] = await db
    .select({ role: membershipTable.role })
    .from(membershipTable)
    .where(and(eq(membershipTable.memberId, member.id), inArray(membershipTable.role, ["animator", "pilot"])))
    .limit(1);
  return row !== undefined;
}
