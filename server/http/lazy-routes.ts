// A sub-app whose modules are imported on its first request, not at start:
// a server that only federates never reads the JSON API's or the Mastodon
// API's hundred-odd files (and zod-openapi, web-push, ical…) — less CPU to
// start and less memory idle. The sub-app answers with the request's context
// (its variables copied in), the app-wide error handler, and hands back to
// the next handler what it has no route for, as a mounted sub-app would.
import { Hono, type Context, type Env, type MiddlewareHandler } from "hono";
import type { AppEnv } from "./context.ts";
import { onError } from "./errors.ts";

/** The outer context of a request being passed to a sub-app. */
const outer = new WeakMap<Request, Context<AppEnv>>();

/**
 * Middleware for the paths `load`'s sub-app serves (mounted at `base`): imports
 * it once, at the first request, then hands each request to it. A failed
 * import answers that request with the error handler and is tried again.
 */
export function lazyRoutes<E extends Env>(base: string, load: () => Promise<Hono<E>>): MiddlewareHandler<AppEnv> {
  let loaded: Promise<Hono<AppEnv>> | undefined;
  // Requests it has no route for (marked, not told by the answer: Hono rebuilds a HEAD's).
  const unrouted = new WeakSet<Request>();
  const wrap = async () => {
    const app = new Hono<AppEnv>();
    app.onError(onError);
    app.use((c, next) => {
      for (const [key, value] of Object.entries(outer.get(c.req.raw)!.var)) c.set(key as never, value as never);
      return next();
    });
    app.route(base, await load());
    app.notFound((c) => {
      unrouted.add(c.req.raw);
      return c.body(null, 404);
    });
    return app;
  };
  return async (c, next) => {
    const app = await (loaded ??= wrap().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    }));
    outer.set(c.req.raw, c);
    const res = await app.fetch(c.req.raw, c.env);
    if (unrouted.has(c.req.raw)) return next();
    // On the headers set before (the request id), as a mounted sub-app's answer is; its own win.
    return c.newResponse(res.body, res);
  };
}
