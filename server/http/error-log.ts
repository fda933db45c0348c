// Unexpected errors are logged once each, with the request id, and at most
// `perMinute` of them a minute with their stack: a flood of failing requests
// cannot flood the log. The rest are counted and reported in one line.
import { getLogger } from "@logtape/logtape";

const logger = getLogger(["maillage", "http"]);

export function rateLimitedErrorLog(perMinute = 10, now = () => Date.now()) {
  let windowStart = now();
  let logged = 0;
  let suppressed = 0;
  return (message: string, properties: Record<string, unknown>, level: "error" | "warning" = "error") => {
    if (now() - windowStart >= 60_000) {
      if (suppressed > 0) logger.warn("{suppressed} more errors in the last minute were not logged", { suppressed });
      windowStart = now();
      logged = suppressed = 0;
    }
    if (logged >= perMinute) {
      suppressed++;
      return;
    }
    logged++;
    if (level === "error") logger.error(message, properties);
    else logger.warn(message, properties);
  };
}
