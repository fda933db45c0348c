import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../http/context.ts";
import { unstorableFailure } from "../http/clean-url.ts";
import { failureResponse } from "../http/errors.ts";
import { firstUnstorable } from "../domain/text.ts";

const nothingToUpdate = "nothing_to_update";

/**
 * A router whose validation failures name the field, in our error format. It
 * is also where every validated string (body, path, query, form) is checked
 * for characters we never store (server/domain/text.ts): one place for all.
 */
export function newRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) {
        const at = firstUnstorable(result.data);
        return at ? unstorable(c, at, result.target) : undefined;
      }
      const issue = result.error.issues[0];
      if (issue.code === "custom" && issue.params?.code === nothingToUpdate) {
        return failureResponse(c, { kind: "invalid", code: nothingToUpdate, message: issue.message, field: "body" });
      }
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

const unstorable = (c: Context, path: string[], target: string) => failureResponse(c, unstorableFailure(path.length ? path.join(".") : target));

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { "application/json": { schema } }, required: true },
});

/**
 * The body of a PATCH: every field optional, but at least one must be given,
 * else 400 `nothing_to_update` (an empty update is a client's slip, not a 500).
 * `flags` are keys that qualify the change without being one (e.g. wholeSeries).
 */
export const patchBody = <T extends z.ZodObject>(schema: T, flags: string[] = []) =>
  jsonBody(
    schema.refine((value) => Object.entries(value).some(([key, v]) => v !== undefined && !flags.includes(key)), {
      message: "Nothing to update: give at least one field to change",
      params: { code: nothingToUpdate },
    }),
  );

export const ok = (description: string) => ({ description });

/** Common error responses, for the OpenAPI document. */
export const errors = {
  400: ok("Invalid input: error.field names the field"),
  401: ok("Not logged in"),
  403: ok("Not allowed for your role, or CSRF token missing"),
  404: ok("Not found"),
};
