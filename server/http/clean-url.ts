// The URL's share of text cleaning (server/domain/text.ts): query parameters
// everywhere, and the path outside the API (ActivityPub routes, pages, media),
// whose identifiers reach the database. API path parameters are checked with
// their names by the API router, with the bodies.
import type { MiddlewareHandler } from "hono";
import type { Failure } from "../domain/result.ts";
import { isStorableText } from "../domain/text.ts";
import { failureResponse } from "./errors.ts";

/** The refusal of a value holding a character we never store (server/domain/text.ts). */
export const unstorableFailure = (field: string): Failure => ({
  kind: "invalid",
  code: "unsupported_character",
  message: `${field}: holds a control character (such as U+0000) or a broken Unicode sequence; remove it`,
  field,
});

const decoded = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // not percent-encoding: taken literally, as the router does
  }
};

export const refuseUnstorableUrl: MiddlewareHandler = async (c, next) => {
  const url = new URL(c.req.url);
  let field: string | undefined;
  for (const [key, value] of url.searchParams) {
    if (!isStorableText(key) || !isStorableText(value)) {
      field = isStorableText(key) ? key : "query";
      break;
    }
  }
  if (!field && !url.pathname.startsWith("/api/") && !url.pathname.split("/").every((s) => isStorableText(decoded(s)))) field = "path";
  return field ? failureResponse(c, unstorableFailure(field)) : next();
};
