// The fediverse as the events' use-cases see it (federation/events/outbox.ts);
// without a federation nothing is sent.
import type { Context } from "hono";
import { federatedEventOutbox } from "../../federation/events/outbox.ts";
import { noEventOutbox, type EventPublishing } from "../domain/events/ports.ts";
import type { AppEnv } from "../http/context.ts";

export function eventPublishingOf(c: Context<AppEnv>): EventPublishing {
  const { federation, config } = c.var.deps;
  return { origin: config.publicUrl.origin, outbox: federation ? federatedEventOutbox(federation, config.publicUrl) : noEventOutbox };
}
