// Rate limits on sensitive endpoints, counting failures only: each request
// takes one from every limit that applies, and gives it back when it did not
// fail (a successful login, a valid code) or was refused before any check.
import type { MiddlewareHandler, Context } from "hono";
import type { Limit } from "../domain/rate-limits/limiter.ts";
import type { AppEnv } from "./context.ts";
import { failureResponse } from "./errors.ts";

export type Subjects = (c: Context<AppEnv>) => Promise<[Limit, string][]> | [Limit, string][];

export interface FailureLimitOptions {
  /** The limits that apply to this request, each with its subject (an address, an account). */
  subjects: Subjects;
  /** Which answers are failures (e.g. 401 for a login). */
  failed: (status: number) => boolean;
  /** Limits whose count is forgotten on success (an account's failures once its password is given). */
  resetOnSuccess?: Limit[];
}

export function limitFailures(options: FailureLimitOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const limiter = c.var.deps.rateLimits;
    const subjects = await options.subjects(c);
    const verdicts = await Promise.all(subjects.map(([limit, subject]) => limiter.take(limit, subject)));
    const giveBack = () => Promise.all(subjects.map(([limit, subject]) => limiter.refund(limit, subject)));
    const refused = verdicts.filter((v) => !v.allowed);
    if (refused.length > 0) {
      await giveBack();
      c.header("Retry-After", String(Math.max(...refused.map((v) => v.retryAfterSeconds))));
      return failureResponse(c, { kind: "rate_limited", code: "rate_limited", message: "Too many attempts; wait a few minutes and try again" });
    }
    await next();
    if (options.failed(c.res.status)) return;
    await giveBack();
    const forget = subjects.filter(([limit]) => options.resetOnSuccess?.includes(limit));
    if (c.res.status < 300) await Promise.all(forget.map(([limit, subject]) => limiter.reset(limit, subject)));
  };
}
