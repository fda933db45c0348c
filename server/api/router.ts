import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.ts";
import { failureResponse } from "../http/errors.ts";

/** A router whose validation failures name the field, in our error format. */
export function newRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const issue = result.error.issues[0];
      const field = issue.path.length ? issue.path.join(".") : undefined;
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
