// The Hono glue for Fedify: ActivityPub requests go to the federation, the
// rest (and browsers asking for HTML on the same URLs) to the app.
import type { Federation } from "@fedify/fedify";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./context.ts";
import { failureResponse } from "./errors.ts";
import { jsonShapeProblem, MAX_JSON_DEPTH, MAX_JSON_ELEMENTS } from "./json-shape.ts";

// An ActivityPub client (not a browser) asking for JSON-LD.
const wantsActivityJson = (request: Request) => {
  const accept = request.headers.get("accept") ?? "";
  return /application\/(activity\+json|ld\+json)/i.test(accept) && !/text\/html/i.test(accept);
};

export function federationMiddleware<T>(federation: Federation<T>, contextData: (c: Parameters<MiddlewareHandler<AppEnv>>[0]) => T): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // Inbox POSTs: the body's shape is bounded before Fedify's JSON-LD work (json-shape.ts).
    let request = c.req.raw;
    if (request.method === "POST" && /\/inbox$/.test(c.req.path)) {
      const bytes = new Uint8Array(await request.arrayBuffer());
      const problem = jsonShapeProblem(new TextDecoder().decode(bytes));
      if (problem) {
        const message = problem === "too_deep"
          ? `The activity is nested deeper than ${MAX_JSON_DEPTH} levels`
          : `The activity has more than ${MAX_JSON_ELEMENTS} elements`;
        return failureResponse(c, { kind: "invalid", code: problem === "too_deep" ? "json_too_deep" : "json_too_large", message, field: "body" });
      }
      // The same bytes again: the signature's digest covers them.
      request = new Request(request, { body: bytes });
    }
    let passed = false;
    const pass = async () => {
      passed = true;
      await next();
      return c.res;
    };
    const response = await federation.fetch(request, {
      contextData: contextData(c),
      onNotFound: pass,
      onNotAcceptable: pass,
    });
    if (!passed) return response;
    // The web page is no answer to an ActivityPub client: an object we do not
    // serve (unknown, or `network` only) is a 404. Redirects and the API stay.
    const html = c.res.headers.get("content-type")?.startsWith("text/html");
    if (wantsActivityJson(c.req.raw) && c.res.status === 200 && html) {
      c.res = new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
    }
  };
}
