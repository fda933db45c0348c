// What every Fedify dispatcher and inbox listener receives, and the loggers.
import type { Context, InboxContext, RequestContext } from "@fedify/fedify";
import { getLogger } from "@logtape/logtape";
import type { DatabaseLike } from "../db/client.ts";
import { INSTANCE_IDENTIFIER } from "./identifiers.ts";

export interface FederationContextData {
  db: DatabaseLike;
}

export type FedContext = Context<FederationContextData>;
export type FedRequestContext = RequestContext<FederationContextData>;
export type FedInboxContext = InboxContext<FederationContextData>;

export const federationLogger = getLogger(["maillage", "federation"]);
export const inboxLogger = getLogger(["maillage", "federation", "inbox"]);
export const outboxLogger = getLogger(["maillage", "federation", "outbox"]);

/** Options for vocabulary getters (getObject, getActor): our loaders, errors as null. */
export const loaderOptions = (ctx: FedContext) => ({
  documentLoader: ctx.documentLoader,
  contextLoader: ctx.contextLoader,
  suppressError: true,
});

/**
 * A document loader that signs its fetches as the instance actor (FEP-2677),
 * for servers that require authorized fetch.
 */
export const signedLoader = (ctx: FedContext) => ctx.getDocumentLoader({ identifier: INSTANCE_IDENTIFIER });
