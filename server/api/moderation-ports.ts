// The federation as moderation sees it: offers hidden or shown again federate
// as Delete / Create, and a report forwarded to another server goes as a Flag
// from the instance actor. Without a federation nothing is sent.
import type { Context } from "hono";
import { federatedModerationOutbox } from "../../federation/moderation/outbox.ts";
import type { ModerationPorts } from "../domain/moderation/actions.ts";
import { noModerationOutbox } from "../domain/moderation/reports.ts";
import type { AppEnv } from "../http/context.ts";
import { offerPublishingOf } from "./offer-ports.ts";

export function moderationPortsOf(c: Context<AppEnv>): ModerationPorts {
  const { federation, config } = c.var.deps;
  return { offers: offerPublishingOf(c), outbox: federation ? federatedModerationOutbox(federation, config.publicUrl) : noModerationOutbox };
}
