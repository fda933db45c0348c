// The commons' `CommonsOutbox` port on Fedify: Create / Update / Delete of a
// resource's Article from the network's Group, to its partners (or to its
// followers, partners included, when public), queued in the use-case's
// transaction (see announcement-outbox.ts for the pattern: a Create or Update
// is a job the worker publishes).
import type { Federation } from "@fedify/fedify";
import type { Recipient } from "@fedify/vocab";
import type { DatabaseLike } from "../../db/client.ts";
import type { CommonsOutbox, ResourceItem } from "../../server/domain/commons/commons.ts";
import { partnerRecipients } from "../access.ts";
import { buildResourceArticle } from "./objects.ts";
import type { FedContext, FederationContextData } from "../context.ts";
import { networkIdentifier } from "../identifiers.ts";
import { followersOf, publish, type PublishVerb } from "../publish.ts";
import { deferPublish } from "../publish-jobs.ts";

export async function publishResource(ctx: FedContext, verb: PublishVerb, item: ResourceItem, audience?: Recipient[]): Promise<void> {
  const { visibility } = item.resource;
  if (visibility === "network" || (item.resource.hiddenAt && verb !== "delete")) return;
  await publish(ctx, {
    verb,
    object: await buildResourceArticle(ctx, item),
    visibility,
    networkSlug: item.network.slug,
    partners: visibility === "partners" ? await partnerRecipients(ctx, item.network.id) : undefined,
    audience,
  });
}

export function federatedCommonsOutbox(federation: Federation<FederationContextData>, origin: URL | string): CommonsOutbox {
  const base = new URL(origin);
  const on = (tx: DatabaseLike) => federation.createContext(base, { db: tx });
  return {
    resourcePublished: (_tx, item) => deferPublish(federation, "resource", "create", item.resource.id),
    resourceUpdated: (_tx, item) => deferPublish(federation, "resource", "update", item.resource.id),
    resourceDeleted: (tx, item) => publishResource(on(tx), "delete", item),
    resourceNarrowed: (tx, item) => withdrawFromPublic(on(tx), item),
  };
}

/**
 * A public resource became partners-only: the Group's followers that are not
 * partner Groups get a Delete (their copy must go), and the public Create
 * leaves the outbox (publish removes an object's entries on delete). The
 * partners then get the partners-only Create from resourcePublished.
 */
async function withdrawFromPublic(ctx: FedContext, item: ResourceItem): Promise<void> {
  const partners = new Set((await partnerRecipients(ctx, item.network.id)).flatMap((p) => (p.id ? [p.id.href] : [])));
  const lost = (await followersOf(ctx, networkIdentifier(item.network.slug))).filter((r) => !r.id || !partners.has(r.id.href));
  await publish(ctx, {
    verb: "delete",
    object: await buildResourceArticle(ctx, item),
    visibility: "public",
    networkSlug: item.network.slug,
    audience: lost,
  });
}
