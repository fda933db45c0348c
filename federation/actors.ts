// The actor documents: a network is a Group, a member a Person, the instance
// an Application (FEP-2677). The actor id is the web page's URL; the HTTP glue
// serves HTML there to browsers and JSON-LD to ActivityPub clients.
import { Application, Endpoints, Group, Image, Person, PropertyValue, type Actor } from "@fedify/vocab";
import { mediaUrl } from "../server/domain/media.ts";
import { networkIconOf } from "../server/domain/network-icon.ts";
import type { FedContext, FedRequestContext } from "./context.ts";
import { textToHtml } from "./html.ts";
import { loadLocalActor, type LocalActor } from "./identifiers.ts";
import { toInstant } from "./temporal.ts";
import { outboxUri } from "./uris.ts";

/** The URLs every actor of ours has, whatever its kind. */
async function commonProperties(ctx: FedContext, identifier: string) {
  const keys = await ctx.getActorKeyPairs(identifier);
  const id = ctx.getActorUri(identifier);
  return {
    id,
    url: id,
    inbox: ctx.getInboxUri(identifier),
    outbox: outboxUri(ctx, identifier),
    followers: ctx.getFollowersUri(identifier),
    following: ctx.getFollowingUri(identifier),
    featured: ctx.getFeaturedUri(identifier),
    endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
    publicKey: keys[0]?.cryptographicKey ?? null,
    assertionMethods: keys.map((k) => k.multikey),
  };
}

function networkFields(network: { area: string; rules: string }): PropertyValue[] {
  const fields: PropertyValue[] = [];
  if (network.area.trim()) fields.push(new PropertyValue({ name: "Quartier", value: textToHtml(network.area) }));
  if (network.rules.trim()) fields.push(new PropertyValue({ name: "Règles", value: textToHtml(network.rules) }));
  return fields;
}

export async function buildActor(ctx: FedContext, actor: LocalActor): Promise<Actor> {
  const common = await commonProperties(ctx, actor.identifier);
  if (actor.kind === "network") {
    const { network } = actor;
    const icon = await networkIconOf(ctx.data.db, network.id);
    return new Group({
      ...common,
      icon: icon ? new Image({ url: new URL(mediaUrl(ctx.canonicalOrigin, icon)), mediaType: icon.contentType, width: icon.width, height: icon.height }) : null,
      preferredUsername: network.slug,
      name: network.name,
      summary: network.description.trim() ? textToHtml(network.description) : null,
      attachments: networkFields(network),
      manuallyApprovesFollowers: network.approvesFollowers,
      published: toInstant(network.createdAt),
      discoverable: true,
    });
  }
  if (actor.kind === "member") {
    const { member } = actor;
    // Tranquillité: members are reachable but not offered to search engines or directories.
    return new Person({
      ...common,
      preferredUsername: member.handle,
      name: member.displayName,
      summary: member.bio.trim() ? textToHtml(member.bio) : null,
      manuallyApprovesFollowers: false,
      published: toInstant(member.createdAt),
      discoverable: false,
      indexable: false,
    });
  }
  return new Application({
    ...common,
    url: new URL("/", ctx.canonicalOrigin),
    preferredUsername: ctx.host,
    name: `Maillage (${ctx.host})`,
    summary: "Acteur de l'instance Maillage : il signe les requêtes de l'instance.",
    manuallyApprovesFollowers: true,
    discoverable: false,
    indexable: false,
  });
}

export async function dispatchActor(ctx: FedRequestContext, identifier: string): Promise<Actor | null> {
  const actor = await loadLocalActor(ctx.data.db, identifier);
  return actor ? buildActor(ctx, actor) : null;
}
