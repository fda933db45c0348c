// What a database error means for the client. Drizzle wraps the driver's
// error (postgres.js or PGlite) in `cause`; both carry a `code`: a SQLSTATE
// from the server, or a connection code from postgres.js or the socket.

// Lost or refused connections, a server shutting down or out of connections:
// the database is unreachable for now, the request may be tried again (503).
const unreachableCodes = new Set([
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN",
  "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT",
  "57P01", "57P02", "57P03", // admin_shutdown, crash_shutdown, cannot_connect_now
  "53300", // too_many_connections
]);

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
    // AggregateError: a connection tried on several addresses (IPv4 and IPv6).
    if (e instanceof AggregateError) codes.push(...e.errors.flatMap(codesOf));
  }
  return codes;
}

/** The database cannot be reached now (a 503 with Retry-After). */
export const isDatabaseUnreachable = (error: unknown): boolean =>
  codesOf(error).some((code) => unreachableCodes.has(code) || code.startsWith("08")); // 08: connection_exception

/**
 * A data exception (SQLSTATE class 22: a value out of range, too long, not
 * valid in its type): an input validation let through a value the database
 * refuses. It is the client's value at fault (400), though our check missed it.
 */
export const isDataException = (error: unknown): boolean => codesOf(error).some((code) => /^22[0-9A-Z]{3}$/.test(code));
