// Hono's secureHeaders, with its fixed list of headers (no nonce) found once
// by running it, so that a cached document can carry them in the plain header
// object it is answered with. Setting a dozen headers on each answer made
// @hono/node-server build a Fetch Headers and validate every one: ~28 µs of an
// ~80 µs cached ActivityPub GET. A response that says it carries them
// (`securityHeadersSet`) is left as it is; every other gets them as before.
import { Hono, type MiddlewareHandler } from "hono";
import type { AppEnv } from "./context.ts";

export interface FixedSecurityHeaders {
  middleware: MiddlewareHandler<AppEnv>;
  /** The headers, once the first request has found them. */
  fixed(): Record<string, string> | undefined;
}

export function fixedSecurityHeaders(secureHeaders: MiddlewareHandler): FixedSecurityHeaders {
  let fixed: Record<string, string> | undefined;
  let finding: Promise<Record<string, string>> | undefined;
  const find = async () => {
    const bare = await new Hono().get("/", (c) => c.body("")).request("/");
    const secured = await new Hono().use(secureHeaders).get("/", (c) => c.body("")).request("/");
    const added: Record<string, string> = {};
    secured.headers.forEach((value, name) => {
      if (bare.headers.get(name) !== value) added[name] = value;
    });
    return (fixed = added);
  };
  return {
    fixed: () => fixed,
    middleware: async (c, next) => {
      const headers = fixed ?? (await (finding ??= find()));
      await next();
      if (c.get("securityHeadersSet")) return;
      for (const name in headers) c.res.headers.set(name, headers[name]);
      // As secureHeaders does (removePoweredBy).
      c.res.headers.delete("X-Powered-By");
    },
  };
}
