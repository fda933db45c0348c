// An event occurrence as a Mobilizon-compatible `Event`, served at its id
// (`/n/{slug}/e/{id}`, also its web page) with the Mobilizon and schema.org
// terms: joinMode, capacities, participantCount, timezone, a `Place` with a
// `PostalAddress`, `ical:status`; its `content` is a complete readable post
// and the French date and place line is in `summaryMap` (readable.ts says
// why not in `summary`). `network` events are never served (404), `partners`
// ones only to signed requests from partner instances.
//
// Fedify's vocabulary has no slot for those extension terms, so the full
// document is built as JSON-LD and parsed into an `Event` that keeps it for
// serving. Activities embed the vocabulary's own view of it (name, content,
// summary, times, place); peers that want the rest fetch the id.
import { Temporal } from "@js-temporal/polyfill";
import { Event, Image, LanguageString, Place, PUBLIC_COLLECTION } from "@fedify/vocab";
import type { EventItem } from "../../server/domain/events/ports.ts";
import { TIME_ZONE } from "../../server/domain/events/recurrence.ts";
import { countsOf, findEvent, photoOf, placeOf } from "../../server/domain/events/views.ts";
import { mediaUrl } from "../../server/domain/media.ts";
import { activePartnerIds, mayFetch } from "../access.ts";
import type { FedContext, FedRequestContext } from "../context.ts";
import { networkIdentifier } from "../identifiers.ts";
import { eventPost, frenchLine, hashtagObjects } from "../readable.ts";
import { toInstant } from "../temporal.ts";
import { oncePerRequest } from "../request-memo.ts";

export const EVENT_PATH = "/n/{slug}/e/{id}";

/** The Mobilizon / schema.org terms we use (as Mobilizon's own context defines them). */
export const EVENT_CONTEXT = [
  "https://www.w3.org/ns/activitystreams",
  {
    sc: "http://schema.org#",
    mz: "https://joinmobilizon.org/ns#",
    ical: "http://www.w3.org/2002/12/cal/ical#",
    PostalAddress: "sc:PostalAddress",
    address: { "@id": "sc:address", "@type": "sc:PostalAddress" },
    streetAddress: "sc:streetAddress",
    postalCode: "sc:postalCode",
    addressLocality: "sc:addressLocality",
    addressCountry: "sc:addressCountry",
    maximumAttendeeCapacity: "sc:maximumAttendeeCapacity",
    remainingAttendeeCapacity: "sc:remainingAttendeeCapacity",
    joinModeType: { "@id": "mz:joinModeType", "@type": "rdfs:Class" },
    joinMode: { "@id": "mz:joinMode", "@type": "mz:joinModeType" },
    participantCount: { "@id": "mz:participantCount", "@type": "sc:Integer" },
    timezone: { "@id": "mz:timezone", "@type": "sc:Text" },
    isOnline: { "@id": "mz:isOnline", "@type": "sc:Boolean" },
    anonymousParticipationEnabled: { "@id": "mz:anonymousParticipationEnabled", "@type": "sc:Boolean" },
    inLanguage: "sc:inLanguage",
    // Not in the ActivityStreams context; Mastodon's context defines them so.
    sensitive: "as:sensitive",
    Hashtag: "as:Hashtag",
  },
];

export const eventUri = (ctx: FedContext, slug: string, id: string): URL => ctx.getObjectUri(Event, { slug, id });

/** "2026-12-05T10:00:00+01:00": the wall-clock time in Paris with its offset. */
export const withOffset = (date: Date) =>
  Temporal.Instant.fromEpochMilliseconds(date.getTime()).toZonedDateTimeISO(TIME_ZONE).toString({ timeZoneName: "never" });

async function addressing(ctx: FedContext, item: EventItem) {
  const group = networkIdentifier(item.network.slug);
  if (item.event.visibility === "public") return { to: [PUBLIC_COLLECTION.href], cc: [ctx.getFollowersUri(group).href] };
  const partners = await activePartnerIds(ctx.data.db, item.network.id);
  return { to: partners.filter((p) => URL.canParse(p)), cc: [] as string[] };
}

/** The full Mobilizon-compatible JSON-LD document. */
export async function eventDocument(ctx: FedContext, item: EventItem): Promise<Record<string, unknown>> {
  const { event: e, network } = item;
  const id = eventUri(ctx, network.slug, e.id).href;
  const group = ctx.getActorUri(networkIdentifier(network.slug)).href;
  const { going } = (await countsOf(ctx.data.db, [e.id])).get(e.id)!;
  const place = placeOf(e);
  const post = eventPost({ origin: ctx.canonicalOrigin, network, event: e, page: id });
  const photo = await photoOf(ctx.data.db, e);
  return {
    "@context": EVENT_CONTEXT,
    id,
    type: "Event",
    url: id,
    name: e.title,
    summaryMap: { fr: post.line },
    content: post.html,
    contentMap: { fr: post.html },
    mediaType: "text/html",
    sensitive: false,
    tag: post.hashtags.map((t) => ({ type: "Hashtag", name: `#${t}`, href: `${new URL(`/n/${network.slug}`, ctx.canonicalOrigin).href}?tag=${encodeURIComponent(t)}` })),
    inLanguage: "fr",
    startTime: withOffset(e.startsAt),
    endTime: withOffset(e.endsAt),
    timezone: TIME_ZONE,
    location: {
      type: "Place",
      name: place.name,
      address: {
        type: "PostalAddress",
        ...(place.street ? { streetAddress: place.street } : {}),
        ...(place.postalCode ? { postalCode: place.postalCode } : {}),
        ...(place.locality ? { addressLocality: place.locality } : {}),
        addressCountry: "FR",
      },
      ...(place.latitude !== null ? { latitude: place.latitude, longitude: place.longitude } : {}),
    },
    attributedTo: group,
    audience: group,
    joinMode: "free",
    isOnline: false,
    anonymousParticipationEnabled: false,
    ...(e.capacity !== null ? { maximumAttendeeCapacity: e.capacity, remainingAttendeeCapacity: Math.max(0, e.capacity - going) } : {}),
    participantCount: going,
    // Mastodon shows Image attachments, with `name` as their alt text; Mobilizon takes the first as the banner.
    ...(photo
      ? { attachment: [{ type: "Image", url: mediaUrl(ctx.canonicalOrigin, photo), mediaType: photo.contentType, name: photo.description || e.title, ...(photo.width ? { width: photo.width, height: photo.height } : {}) }] }
      : {}),
    "ical:status": e.cancelled ? "CANCELLED" : "CONFIRMED",
    published: e.createdAt.toISOString(),
    ...(e.updatedAt ? { updated: e.updatedAt.toISOString() } : {}),
    ...(await addressing(ctx, item)),
  };
}

/** The same, as a vocabulary object that serves the full document. */
export async function eventObject(ctx: FedContext, item: EventItem): Promise<Event> {
  return Event.fromJsonLd(await eventDocument(ctx, item), { documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader });
}

/** The photo as an `Image` with its alt text (Mastodon shows it under the post, Mobilizon as the banner). */
async function photoImage(ctx: FedContext, e: EventItem["event"]) {
  const photo = await photoOf(ctx.data.db, e);
  if (!photo) return [];
  return [new Image({ url: new URL(mediaUrl(ctx.canonicalOrigin, photo)), mediaType: photo.contentType, name: photo.description || e.title, width: photo.width, height: photo.height })];
}

/** What activities embed: the vocabulary's part of the event. */
export async function embeddedEvent(ctx: FedContext, item: EventItem): Promise<Event> {
  const { event: e, network } = item;
  const id = eventUri(ctx, network.slug, e.id);
  const group = ctx.getActorUri(networkIdentifier(network.slug));
  const post = eventPost({ origin: ctx.canonicalOrigin, network, event: e, page: id.href });
  return new Event({
    id,
    url: id,
    name: e.title,
    summaries: frenchLine(post.line),
    contents: [post.html, new LanguageString(post.html, "fr")],
    mediaType: "text/html",
    sensitive: false,
    tags: hashtagObjects(ctx.canonicalOrigin, network.slug, post.hashtags),
    attachments: await photoImage(ctx, e),
    startTime: toInstant(e.startsAt),
    endTime: toInstant(e.endsAt),
    location: new Place({ name: e.placeName, latitude: e.latitude ?? undefined, longitude: e.longitude ?? undefined }),
    attribution: group,
    audience: group,
    published: toInstant(e.createdAt),
    updated: e.updatedAt ? toInstant(e.updatedAt) : null,
  });
}

type Values = Record<"slug" | "id", string>;

async function servable(ctx: FedRequestContext, values: Values): Promise<EventItem | null> {
  // Authorize then dispatch: one read per request.
  const item = await oncePerRequest(ctx.data.db, `event:${values.id}`, () => findEvent(ctx.data.db, values.id));
  if (!item || item.network.slug !== values.slug || item.event.visibility === "network" || item.event.hiddenAt) return null;
  return item;
}

export async function dispatchEvent(ctx: FedRequestContext, values: Values): Promise<Event | null> {
  const item = await servable(ctx, values);
  return item ? eventObject(ctx, item) : null;
}

export async function authorizeEvent(ctx: FedRequestContext, values: Values): Promise<boolean> {
  const item = await servable(ctx, values);
  return item !== null && (await mayFetch(ctx, item.network.id, item.event.visibility));
}
