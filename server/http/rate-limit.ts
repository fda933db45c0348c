import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";
import { rateLimiter } from "hono-rate-limiter";
import type { AppEnv } from "./context.ts";
import { failureResponse } from "./errors.ts";

function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // app.request() in tests has no socket
  }
}

/**
 * Per-address limit on sensitive endpoints (login, invitation codes). Counters
 * live in the process: with several web processes each allows `limit`.
 */
export function limitPerAddress(name: string, limit: number, windowMinutes = 15): MiddlewareHandler<AppEnv> {
  return rateLimiter<AppEnv>({
    windowMs: windowMinutes * 60_000,
    limit,
    standardHeaders: "draft-7",
    keyGenerator: (c) => `${name}:${clientAddress(c)}`,
    handler: (c) =>
      failureResponse(c, { kind: "rate_limited", code: "rate_limited", message: "Too many attempts; wait a few minutes and try again" }),
  });
}
