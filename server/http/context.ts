import type { Federation } from "@fedify/fedify";
import type { Config } from "../config.ts";
import type { FederationContextData } from "../../federation/context.ts";
import type { DatabaseHandle, DatabaseKind, DatabaseLike } from "../../db/client.ts";
import type { SessionInfo } from "../domain/sessions.ts";
import type { RateLimiter } from "../domain/rate-limits/limiter.ts";
import type { DocumentCache, GenerationSource } from "./document-cache.ts";
import type { SessionCache } from "./session-cache.ts";

/** What every request handler may use; built once in server/app.ts. */
export interface AppDeps {
  db: DatabaseLike;
  dbKind: DatabaseKind;
  config: Config;
  /** The federation, when the app federates; absent in API-only tests. */
  federation?: Federation<FederationContextData>;
  /** Shared rate-limit counters; by default in the database. */
  rateLimits?: RateLimiter;
  /** The document generation known without a read (PGlite, document-cache.ts); by default read from the database. */
  documentGeneration?: GenerationSource;
  /** LISTEN on the database, for Mastodon apps' streams; without it (API-only tests) they poll. */
  listen?: DatabaseHandle["listen"];
}

export type AppEnv = {
  Variables: {
    /** `responses`: JSON API answers kept per viewer (api-response-cache.ts); `sessions` (session-cache.ts); both as of `generations`. */
    deps: AppDeps & { rateLimits: RateLimiter; responses: DocumentCache; sessions: SessionCache; generations: GenerationSource };
    /** The document generation read for this request (requestGeneration()). */
    generation?: number | Promise<number>;
    session: SessionInfo | null;
    sessionToken: string | null;
    /** The response already carries the security headers (security-headers.ts): not set again. */
    securityHeadersSet?: boolean;
    /** X-Request-Id: in the response and in every log line about the request. */
    requestId: string;
  };
};
