// Each Maillage item as a Status draft (its author still to be looked up).
// Pure: the views come from the domain, already filtered for the viewer.
import type { AnnouncementView } from "../../domain/announcement-views.ts";
import type { EventView } from "../../domain/events/views.ts";
import { frenchWhen, kindLabels } from "../../domain/events/text.ts";
import type { OfferDetail, OfferView } from "../../domain/offers/views.ts";
import { eventContent, offerContent, resourceContent, themeTag, visibilityOf, type StatusInput } from "../entities/status.ts";
import { textToHtml } from "../entities/account.ts";
import { statusId } from "../statuses/ids.ts";

export type Author = { member: string } | { network: string } | { remote: string };
export type Draft = Omit<StatusInput, "account"> & { author: Author };

const zero = { replies: 0, reblogs: 0, favourites: 0 };

export const announcementDraft = (a: AnnouncementView, slug: string): Draft => ({
  id: statusId("a", a.id, a.createdAt),
  kind: "a",
  createdAt: a.createdAt,
  editedAt: a.updatedAt,
  url: a.url,
  author: a.author ? { member: a.author.handle } : { network: slug },
  contentHtml: a.contentHtml,
  text: a.content,
  visibility: visibilityOf(a.visibility),
  media: a.photos,
  card: null,
  tags: [...a.content.matchAll(/#([\p{L}\p{N}_]+)/gu)].map((m) => m[1].toLowerCase()),
  counts: { replies: a.replies.length, reblogs: a.boosts, favourites: a.likes },
});

export const offerDraft = (o: OfferView, slug: string, providerUrl: string): Draft => ({
  id: statusId("o", o.id, o.createdAt),
  kind: "o",
  createdAt: o.createdAt,
  editedAt: o.updatedAt,
  url: o.url,
  author: o.author ? { member: o.author.handle } : o.remoteAuthor ? { remote: o.remoteAuthor.id } : { network: slug },
  contentHtml: offerContent({ kind: o.kind, title: o.title, bodyHtml: o.bodyHtml, theme: o.theme.labelFr, themeSlug: o.theme.slug, place: o.place, availability: o.availability }, providerUrl),
  text: null,
  visibility: visibilityOf(o.visibility),
  media: o.photos.map((ph) => ({ ...ph, description: "" })),
  card: { url: o.url, title: o.title, description: o.body.slice(0, 200), image: o.photos[0]?.url ?? null },
  tags: [themeTag(o.theme.slug)],
  counts: zero,
});

export function eventDraft(e: EventView, createdAt: Date, slug: string): Draft {
  const place = [e.place.name, e.place.street, [e.place.postalCode, e.place.locality].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  const when = frenchWhen(e.startsAt, e.endsAt);
  return {
    id: statusId("e", e.id, createdAt),
    kind: "e",
    createdAt,
    editedAt: null,
    url: e.url,
    author: e.organiser ? { member: e.organiser.handle } : { network: slug },
    contentHtml: eventContent({ kindLabel: kindLabels[e.kind], title: e.title, when, place, bodyHtml: e.bodyHtml, cancelled: e.cancelled }),
    text: null,
    visibility: visibilityOf(e.visibility),
    media: e.photo ? [e.photo] : [],
    // RSVP and sign-ups stay on the event's page: the card leads there.
    card: { url: e.url, title: e.title, description: `${when}${place ? ` — ${place}` : ""}`, image: e.photo?.url ?? null },
    tags: [],
    counts: zero,
  };
}

export interface ResourceFacts {
  id: string;
  url: string;
  slug: string;
  title: string;
  summary: string;
  licenceLabel: string;
  attribution: string[];
  tags: string[];
  visibility: "public" | "partners" | "network" | null;
  updatedAt: Date;
}

export const resourceDraft = (r: ResourceFacts): Draft => ({
  id: statusId("r", r.id, r.updatedAt),
  kind: "r",
  createdAt: r.updatedAt,
  editedAt: null,
  url: r.url,
  author: { network: r.slug },
  contentHtml: resourceContent(r),
  text: null,
  visibility: r.visibility ? visibilityOf(r.visibility) : "public",
  media: [],
  card: { url: r.url, title: r.title, description: r.summary.slice(0, 200), image: null },
  tags: r.tags.map(themeTag),
  counts: zero,
});

/** The messages of an offer's conversations the viewer may read, as direct replies to the offer. */
export function messageDrafts(o: OfferDetail, slug: string, providerUrl: string): Draft[] {
  const offer = offerDraft(o, slug, providerUrl);
  return o.conversations.flatMap((c) =>
    c.messages.map((m): Draft => ({
      id: statusId("m", m.id, m.createdAt),
      kind: "m",
      createdAt: m.createdAt,
      editedAt: null,
      url: `${o.url}#message-${m.id}`,
      author: m.fromAuthor ? offer.author : c.responder ? { member: c.responder.handle } : c.remoteResponder ? { remote: c.remoteResponder.id } : offer.author,
      contentHtml: m.html ?? textToHtml(m.body || "Ça m'intéresse !"),
      text: m.body,
      visibility: "direct",
      media: [],
      card: null,
      tags: [],
      counts: zero,
      inReplyTo: { id: offer.id, accountId: "" },
    })),
  );
}
