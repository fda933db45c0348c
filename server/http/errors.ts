// The one place where failures become HTTP responses: { error: { code, message, field? } }.
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Failure, FailureKind, Result } from "../domain/result.ts";
import { CounterStoreUnavailable } from "../domain/rate-limits/limiter.ts";
import { isDatabaseUnreachable, isDataException } from "./database-trouble.ts";
import { rateLimitedErrorLog } from "./error-log.ts";
import { frenchMessages } from "./messages.ts";

/** Seconds a client should wait before trying again while the database is away. */
export const retryAfterSeconds = 5;

const statusOf: Record<FailureKind, ContentfulStatusCode> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

/** Thrown by HTTP helpers and `unwrap`; caught by `onError`. */
export class FailureError extends Error {
  readonly failure: Failure;
  readonly status: ContentfulStatusCode;
  constructor(failure: Failure, status: ContentfulStatusCode = statusOf[failure.kind]) {
    super(failure.message);
    this.failure = failure;
    this.status = status;
  }
}

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new FailureError(result.error);
  return result.value;
}

/** French first: English only for clients that prefer it. */
export function prefersEnglish(c: Context): boolean {
  const header = c.req.header("Accept-Language") ?? "";
  return /^\s*en\b/i.test(header);
}

export function failureResponse(c: Context, failure: Failure, status: ContentfulStatusCode = statusOf[failure.kind]) {
  const message = prefersEnglish(c) ? failure.message : (frenchMessages[failure.code] ?? failure.message);
  const error = failure.field === undefined ? { code: failure.code, message } : { code: failure.code, message, field: failure.field };
  return c.json({ error }, status);
}

/**
 * The app's error handler. Each handler has its own log budget, so a test can
 * count what one handler logs whatever else ran in the process before it.
 */
export function errorHandler(log = rateLimitedErrorLog()) {
  return (err: Error, c: Context) => handleError(err, c, log);
}

export const onError = errorHandler();

function handleError(err: Error, c: Context, log: ReturnType<typeof rateLimitedErrorLog>) {
  if (err instanceof FailureError) return failureResponse(c, err.failure, err.status);
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code = status === 413 ? "payload_too_large" : /json/i.test(err.message) ? "malformed_json" : "invalid_input";
    const kind: FailureKind = status === 401 ? "unauthenticated" : "invalid";
    return failureResponse(c, { kind, code, message: err.message || "Bad request" }, status);
  }
  const where = { method: c.req.method, path: c.req.path, requestId: c.get("requestId") ?? "-" };
  if (isDatabaseUnreachable(err)) {
    log("Database unreachable on {method} {path} (request {requestId}): {reason}", { ...where, reason: reasonOf(err) }, "warning");
    c.header("Retry-After", String(retryAfterSeconds));
    return failureResponse(c, { kind: "unavailable", code: "database_unavailable", message: "The database cannot be reached just now; try again in a few seconds" });
  }
  if (err instanceof CounterStoreUnavailable) {
    log("Rate-limit store unreachable on {method} {path} (request {requestId}): {reason}", { ...where, reason: err.message }, "warning");
    c.header("Retry-After", String(retryAfterSeconds));
    return failureResponse(c, { kind: "unavailable", code: "service_unavailable", message: "The service cannot check this request just now; try again in a few seconds" });
  }
  if (isDataException(err)) {
    // The client's value, refused by the database: no stack trace, it is no crash of ours.
    log("Value refused by the database on {method} {path} (request {requestId}): {reason}", { ...where, reason: reasonOf(err) }, "warning");
    return failureResponse(c, { kind: "invalid", code: "invalid_input", message: "A value is not valid (out of range or of the wrong form)" });
  }
  log("Unhandled error on {method} {path} (request {requestId}): {error}", { ...where, error: err });
  return failureResponse(c, { kind: "invalid", code: "internal_error", message: "Something went wrong on our side" }, 500);
}

/** The deepest message of a wrapped error (Drizzle's "Failed query: …" hides the driver's reason). */
function reasonOf(err: Error): string {
  let e: unknown = err;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}
