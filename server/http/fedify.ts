// The Hono glue for Fedify: ActivityPub requests go to the federation, the
// rest (and browsers asking for HTML on the same URLs) to the app.
import type { Federation } from "@fedify/fedify";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./context.ts";

export function federationMiddleware<T>(federation: Federation<T>, contextData: (c: Parameters<MiddlewareHandler<AppEnv>>[0]) => T): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let passed = false;
    const pass = async () => {
      passed = true;
      await next();
      return c.res;
    };
    const response = await federation.fetch(c.req.raw, {
      contextData: contextData(c),
      onNotFound: pass,
      onNotAcceptable: pass,
    });
    if (!passed) return response;
  };
}
