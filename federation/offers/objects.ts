// Offers as ActivityPub objects: the OfferNote (note.ts) built from an
// offer, served at its id (also its web page, /n/{slug}/o/{id}) to clients
// that may see it. `network` offers are never served (404); `partners` ones
// only to signed requests from partner instances (401 otherwise); withdrawn,
// expired and hidden (moderation) ones are gone (404).
import { Hashtag, Image, LanguageString, Place, PUBLIC_COLLECTION } from "@fedify/vocab";
import { photosOf } from "../../server/domain/offers/views.ts";
import { hashtagLink, hashtagOf, renderText } from "../../server/domain/announcement-html.ts";
import { tagHref } from "../../server/domain/announcement-views.ts";
import { findOffer, type OfferItem } from "../../server/domain/offers/offers.ts";
import { activePartnerIds, mayFetch } from "../access.ts";
import type { FedContext, FedRequestContext } from "../context.ts";
import { escapeHtml } from "../html.ts";
import { memberIdentifier, networkIdentifier } from "../identifiers.ts";
import { OfferNote } from "./note.ts";
import { toInstant } from "../temporal.ts";
import { oncePerRequest } from "../request-memo.ts";

export const OFFER_PATH = "/n/{slug}/o/{id}";
export const KIND_TAGS = { offer: "Offre", request: "Demande" } as const;
const KIND_WORDS = { offer: "Je propose", request: "Je cherche" } as const;
// Things change hands; the other themes are help given.
const TRANSFER_THEMES = new Set(["pret-de-materiel", "don", "achats-groupes"]);

export const offerUri = (ctx: FedContext, slug: string, id: string): URL => ctx.getObjectUri(OfferNote, { slug, id });
export const themeUri = (origin: string, slug: string) => new URL(`/themes/${encodeURIComponent(slug)}`, origin);

const dateFr = (day: string) => new Date(`${day}T12:00:00Z`).toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

function availabilityText(item: OfferItem): string {
  const { availability, availableFrom, availableUntil } = item.offer;
  const dates = [availableFrom && `à partir du ${dateFr(availableFrom)}`, availableUntil && `jusqu’au ${dateFr(availableUntil)}`].filter(Boolean).join(" ");
  return [availability, dates].filter(Boolean).join(", ");
}

/** The Note's HTML: bold title, text, place and availability, hashtags, link. */
export function offerHtml(ctx: FedContext, item: OfferItem): { html: string; hashtags: string[] } {
  const { offer, network, theme } = item;
  const href = tagHref(ctx.canonicalOrigin, network.slug);
  const body = offer.body ? renderText(offer.body, href) : { html: "", hashtags: [] };
  const footerTags = [hashtagOf(theme?.labelFr ?? offer.themeSlug, offer.themeSlug), KIND_TAGS[offer.kind], hashtagOf(network.name, network.slug)].filter(Boolean);
  const seen = new Set<string>();
  const hashtags = [...footerTags, ...body.hashtags].filter((t) => !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
  const details = [offer.place && `📍 ${escapeHtml(offer.place)}`, availabilityText(item) && `🗓 ${escapeHtml(availabilityText(item))}`].filter(Boolean);
  const status = offer.status === "agreed" ? "<p>🤝 Accord trouvé</p>" : offer.status === "done" ? "<p>✅ Échange réalisé</p>" : "";
  const page = offerUri(ctx, network.slug, offer.id).href;
  const html =
    `<p><strong>${KIND_WORDS[offer.kind]} : ${escapeHtml(offer.title)}</strong></p>` +
    body.html +
    (details.length ? `<p>${details.join("<br>")}</p>` : "") +
    status +
    `<p>${footerTags.map((t) => hashtagLink(t, href(t))).join(" ")}</p>` +
    `<p><a href="${escapeHtml(page)}">Voir ${offer.kind === "offer" ? "l’offre" : "la demande"} sur la page du réseau ${escapeHtml(network.name)}</a></p>`;
  return { html, hashtags };
}

async function addressing(ctx: FedContext, item: OfferItem) {
  if (item.offer.visibility === "public") return { to: PUBLIC_COLLECTION, cc: ctx.getFollowersUri(networkIdentifier(item.network.slug)) };
  const partners = await activePartnerIds(ctx.data.db, item.network.id);
  return { tos: partners.filter((p) => URL.canParse(p)).map((p) => new URL(p)) };
}

export async function buildOfferNote(ctx: FedContext, item: OfferItem): Promise<OfferNote> {
  const { offer, network, author } = item;
  const id = offerUri(ctx, network.slug, offer.id);
  const { html, hashtags } = offerHtml(ctx, item);
  const href = tagHref(ctx.canonicalOrigin, network.slug);
  const photos = (await photosOf(ctx.data.db, ctx.canonicalOrigin, [offer.id])).get(offer.id) ?? [];
  return OfferNote.with(
    {
      id,
      url: id,
      name: offer.title,
      attribution: ctx.getActorUri(memberIdentifier(author.handle)),
      audience: ctx.getActorUri(networkIdentifier(network.slug)),
      contents: [html, new LanguageString(html, "fr")],
      tags: hashtags.map((t) => new Hashtag({ href: new URL(href(t)), name: `#${t}` })),
      attachments: photos.map((p) => new Image({ url: new URL(p.url), mediaType: p.contentType, name: offer.title, width: p.width, height: p.height })),
      location: offer.place ? new Place({ name: offer.place }) : null,
      published: toInstant(offer.createdAt),
      updated: offer.updatedAt ? toInstant(offer.updatedAt) : null,
      ...(await addressing(ctx, item)),
    },
    { purpose: offer.kind, theme: themeUri(ctx.canonicalOrigin, offer.themeSlug), action: TRANSFER_THEMES.has(offer.themeSlug) ? "transfer" : "deliverService" },
  );
}

type Values = Record<"slug" | "id", string>;

async function servable(ctx: FedRequestContext, values: Values): Promise<OfferItem | null> {
  // Authorize then dispatch: one read per request.
  const item = await oncePerRequest(ctx.data.db, `offer:${values.id}`, () => findOffer(ctx.data.db, values.id));
  if (!item || item.network.slug !== values.slug || item.offer.visibility === "network") return null;
  if (item.offer.status === "withdrawn" || item.offer.status === "expired" || item.offer.status === "hidden") return null;
  return item;
}

export async function dispatchOffer(ctx: FedRequestContext, values: Values): Promise<OfferNote | null> {
  const item = await servable(ctx, values);
  return item ? buildOfferNote(ctx, item) : null;
}

export async function authorizeOffer(ctx: FedRequestContext, values: Values): Promise<boolean> {
  const item = await servable(ctx, values);
  return item !== null && (await mayFetch(ctx, item.network.id, item.offer.visibility));
}
