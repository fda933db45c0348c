import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.ts";
import { failureResponse } from "../http/errors.ts";

/** A router whose validation failures name the field, in our error format. */
export function newRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const issue = result.error.issues[0];
      // A key the endpoint refuses (e.g. changing an announcement's visibility) is the field at fault.
      const path = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]] : issue.path;
      const field = path.length ? path.join(".") : undefined;
      return failureResponse(c, {
        kind: "invalid",
        code: "invalid_input",
        message: field ? `${field}: ${issue.message}` : issue.message,
        ...(field ? { field } : {}),
      });
    },
  });
}

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { "application/json": { schema } }, required: true },
});

export const ok = (description: string) => ({ description });

/** Common error responses, for the OpenAPI document. */
export const errors = {
  400: ok("Invalid input: error.field names the field"),
  401: ok("Not logged in"),
  403: ok("Not allowed for your role, or CSRF token missing"),
  404: ok("Not found"),
};
