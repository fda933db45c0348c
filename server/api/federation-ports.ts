// The federation as the API's use-cases see it: the Outbox and FollowPort
// adapters. Without a federation (API-only tests, tools) nothing is sent.
import type { Context } from "hono";
import { federatedOutbox } from "../../federation/announcement-outbox.ts";
import { federatedFollows } from "../../federation/follow-port.ts";
import { federatedReactions } from "../../federation/member-reactions.ts";
import { noReactionsOut, type ReactionPort } from "../domain/reactions/mine.ts";
import { federatedProfileUpdates } from "../../federation/profile-updates.ts";
import { federatedMessages } from "../../federation/messages/port.ts";
import type { MessagePort } from "../domain/messages/conversations.ts";
import { noOutbox, type Publishing } from "../domain/announcements.ts";
import type { FollowPort } from "../domain/follows.ts";
import { noProfileUpdates, type ProfileUpdates } from "../domain/profile-updates.ts";
import type { AppEnv } from "../http/context.ts";
import { FailureError } from "../http/errors.ts";

export function publishingOf(c: Context<AppEnv>): Publishing {
  const { federation, config } = c.var.deps;
  return { origin: config.publicUrl.origin, outbox: federation ? federatedOutbox(federation, config.publicUrl) : noOutbox };
}

/** Following needs the fediverse: 503 on an instance that does not federate. */
export function followPortOf(c: Context<AppEnv>): FollowPort {
  const { federation, config } = c.var.deps;
  if (!federation) {
    throw new FailureError({ kind: "invalid", code: "federation_unavailable", message: "This instance does not federate" }, 503);
  }
  return federatedFollows(federation, config.publicUrl);
}

/** Private messages: without a federation, answers are kept but nothing is sent, and no account can be looked up. */
export function messagePortOf(c: Context<AppEnv>): MessagePort {
  const { federation, config } = c.var.deps;
  return federation ? federatedMessages(federation, config.publicUrl) : { send: async () => {}, lookup: async () => null };
}

export function profileUpdatesOf(c: Context<AppEnv>): ProfileUpdates {
  const { federation, config } = c.var.deps;
  return federation ? federatedProfileUpdates(federation, config.publicUrl) : noProfileUpdates;
}

/** Likes and boosts from an app: without a federation, counted here and sent nowhere. */
export function reactionsOutOf(c: Context<AppEnv>): ReactionPort {
  const { federation, config } = c.var.deps;
  return federation ? federatedReactions(federation, config.publicUrl) : noReactionsOut;
}
