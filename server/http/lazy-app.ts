// An app whose heavier parts are imported at the first request that needs
// them, not at start: a server that only federates never reads the client
// APIs' two hundred modules (and zod-openapi, web-push, ical…), for less CPU
// to start and less memory idle. Once loaded, the app is composed again with
// them, exactly as if they had been there from the start, so later requests
// cost nothing more (no second dispatch, no copied context).
import { Hono, type MiddlewareHandler } from "hono";
import type { AppEnv } from "./context.ts";

/**
 * `build(undefined, load)` composes the app without the part and puts `load`
 * first on the part's paths; `load` imports it (once; again after a failure,
 * which that request answers with the error handler), builds the app with
 * it and hands the request over. The app returned serves with the latest build.
 */
export function completedOnDemand<T>(importPart: () => Promise<T>, build: (part: T | undefined, load: MiddlewareHandler<AppEnv>) => Hono<AppEnv>) {
  let completed: Promise<Hono<AppEnv>> | undefined;
  const load: MiddlewareHandler<AppEnv> = async (c) => {
    completed ??= importPart().then(
      (part) => (current = build(part, load)),
      (error: unknown) => {
        completed = undefined;
        throw error;
      },
    );
    return (await completed).fetch(c.req.raw, c.env);
  };
  let current = build(undefined, load);
  const app = new Hono<AppEnv>();
  app.fetch = (request, env, executionCtx) => current.fetch(request, env, executionCtx);
  return app;
}
