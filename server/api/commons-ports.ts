// The federation as the commons' use-cases see them. Without a
// federation (API-only tests, tools) nothing is sent.
import type { Context } from "hono";
import { federatedCommonsOutbox } from "../../federation/commons/outbox.ts";
import { noCommonsOutbox, type CommonsPublishing } from "../domain/commons/commons.ts";
import type { AppEnv } from "../http/context.ts";

export function commonsPublishingOf(c: Context<AppEnv>): CommonsPublishing {
  const { federation, config } = c.var.deps;
  return {
    origin: config.publicUrl.origin,
    outbox: federation ? federatedCommonsOutbox(federation, config.publicUrl) : noCommonsOutbox,
  };
}
