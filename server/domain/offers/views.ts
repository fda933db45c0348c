// Offers as the API shows them: the shapes, and the rows they are built from.
// Who may see one is decided in detail.ts (local offers) and remote-detail.ts
// (offers from partner or followed networks).
import { and, asc, eq, getTableColumns, inArray, isNull, or, sql } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import {
  mediaTable,
  memberTable,
  networkTable,
  offerTable,
  remoteActorTable,
  themeTable,
  type Offer,
  type Theme,
} from "../../../db/schema/index.ts";
import { renderText } from "../announcement-html.ts";
import { mediaUrl } from "../media.ts";
import { fail } from "../result.ts";
import { remoteAuthorView, tagHref, type RemoteAuthorView } from "../announcement-views.ts";

/** The owner type of an offer's photos in the media table. */
export const OFFER_MEDIA = "offer";

/** The one answer for an offer that does not exist or that the viewer may not see: the two are not told apart. */
export const offerNotFound = () => fail("not_found", "offer_not_found", "No such offer, or you may not see it");

export const offerPath = (slug: string, id: string) => `/n/${slug}/o/${id}`;
export const offerUrl = (origin: string, slug: string, id: string) => new URL(offerPath(slug, id), origin).href;

export interface PersonView {
  handle: string;
  displayName: string;
}

export interface OfferView {
  id: string;
  url: string;
  /** The short number printed on the offers sheet (local offers). */
  ref: number | null;
  kind: Offer["kind"];
  theme: { slug: string; labelFr: string; labelEn: string };
  title: string;
  body: string;
  bodyHtml: string;
  availability: string;
  availableFrom: string | null;
  availableUntil: string | null;
  place: string;
  visibility: Offer["visibility"];
  status: Offer["status"];
  expiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date | null;
  /** The local network it belongs to, or the remote network that shared it. */
  network: { slug: string | null; name: string; url: string | null; remote: boolean };
  author: PersonView | null;
  remoteAuthor?: RemoteAuthorView;
  postedBy?: string;
  photos: { id: string; url: string; contentType: string; width: number | null; height: number | null }[];
  /** For paging: pass it back as `cursor` to get what comes after. */
  cursor?: string;
}

export interface MessageView {
  id: string;
  fromAuthor: boolean;
  sender: string;
  body: string;
  html: string | null;
  createdAt: Date;
}

export interface ConversationView {
  id: string;
  responder: PersonView | null;
  remoteResponder?: RemoteAuthorView;
  agreed: boolean;
  createdAt: Date;
  messages: MessageView[];
}

export interface OfferDetail extends OfferView {
  mine: boolean;
  /** Hidden by the animators: why, and whether the author asked them to look again (author and animators only). */
  hidden?: { reason: string; reviewRequestedAt: Date | null; held: boolean };
  /** The author sees every conversation; a responder sees theirs. */
  conversations: ConversationView[];
  interested: number;
  participants: PersonView[];
  thanks: { from: PersonView; to: PersonView; note: string; createdAt: Date }[];
}

export interface PersonRow {
  id: string;
  handle: string;
  displayName: string;
}

export interface ViewRow {
  offer: Omit<Offer, "search">;
  network: { slug: string; name: string } | null;
  author: PersonRow | null;
  poster: PersonRow | null;
  theme: Theme | null;
  remoteAuthor: typeof remoteActorTable.$inferSelect | null;
  remoteGroup: typeof remoteActorTable.$inferSelect | null;
}

export const personView = (m: PersonRow): PersonView => ({ handle: m.handle, displayName: m.displayName });

/** The photos (Media foundation, owner type "offer") of these offers, by offer id. */
export async function photosOf(db: DatabaseLike, origin: string, ids: string[]): Promise<Map<string, OfferView["photos"]>> {
  const byOffer = new Map<string, OfferView["photos"]>();
  if (ids.length === 0) return byOffer;
  const rows = await db
    .select()
    .from(mediaTable)
    .where(and(eq(mediaTable.ownerType, OFFER_MEDIA), inArray(mediaTable.ownerId, ids)))
    .orderBy(asc(mediaTable.createdAt));
  for (const m of rows) {
    const list = byOffer.get(m.ownerId!) ?? [];
    list.push({ id: m.id, url: mediaUrl(origin, m), contentType: m.contentType, width: m.width, height: m.height });
    byOffer.set(m.ownerId!, list);
  }
  return byOffer;
}

export function offerView(origin: string, row: ViewRow, member: boolean): OfferView {
  const { offer: o, network, author, poster, theme, remoteAuthor, remoteGroup } = row;
  const url = network ? offerUrl(origin, network.slug, o.id) : (o.remoteUrl ?? o.apId!);
  // A remote offer's hashtags lead to its own network's page, on its own server.
  const remoteNetworkUrl = remoteGroup?.url ?? o.remoteNetworkId;
  const tags = network ? tagHref(origin, network.slug) : remoteTagHref(remoteNetworkUrl ?? new URL(url).origin);
  return {
    id: o.id,
    url,
    ref: o.ref,
    kind: o.kind,
    theme: { slug: o.themeSlug, labelFr: theme?.labelFr ?? o.themeSlug, labelEn: theme?.labelEn ?? o.themeSlug },
    title: o.title,
    body: o.body,
    bodyHtml: renderText(o.body, tags).html,
    availability: o.availability,
    availableFrom: o.availableFrom,
    availableUntil: o.availableUntil,
    place: o.place,
    visibility: o.visibility,
    status: o.status,
    expiresAt: o.expiresAt,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    network: network
      ? { slug: network.slug, name: network.name, url: new URL(`/n/${network.slug}`, origin).href, remote: false }
      : { slug: null, name: remoteGroup?.name || remoteGroup?.handle || new URL(remoteNetworkUrl ?? url).host, url: remoteNetworkUrl, remote: true },
    author: author ? personView(author) : null,
    ...(remoteAuthor ? { remoteAuthor: remoteAuthorView(remoteAuthor) } : {}),
    ...(member && poster && author && poster.id !== author.id ? { postedBy: poster.handle } : {}),
    photos: [],
  };
}

const remoteTagHref = (networkUrl: string) => (tag: string) => `${networkUrl}?tag=${encodeURIComponent(tag)}`;

/** An offer's columns but its search vector (never shown, and heavy). */
const { search: _search, ...offerColumns } = getTableColumns(offerTable);
const personColumns = { id: memberTable.id, handle: memberTable.handle, displayName: memberTable.displayName };

/**
 * The offers with their author; decorate() adds the rest. (One join only: a
 * seven-way join took ~12 ms to plan, against ~1 ms for the query.)
 */
export function selectOfferRows(db: DatabaseLike) {
  return db
    .select({ offer: offerColumns, author: personColumns })
    .from(offerTable)
    .leftJoin(memberTable, eq(memberTable.id, offerTable.authorId))
    .$dynamic();
}

/** A photo as the offers list reads it, inside its offer's row. */
export interface PhotoRow {
  id: string;
  name: string;
  contentType: string;
  width: number | null;
  height: number | null;
}

/**
 * selectOfferRows() with each offer's photos, oldest first (as photosOf()),
 * read in the same statement: on a list a separate look-up cost a round trip
 * (PostgreSQL) or ~1 ms of PGlite per request, for offers that mostly have none.
 */
export function selectOfferRowsWithPhotos(db: DatabaseLike) {
  const photos = sql<PhotoRow[]>`(select coalesce(json_agg(json_build_object('id', m.id, 'name', m.name, 'contentType', m.content_type,
    'width', m.width, 'height', m.height) order by m.created_at), '[]'::json)
    from media m where m.owner_type = ${OFFER_MEDIA} and m.owner_id = ${sql.raw(`"offer"."id"`)})`;
  return db
    .select({ offer: offerColumns, author: personColumns, photos })
    .from(offerTable)
    .leftJoin(memberTable, eq(memberTable.id, offerTable.authorId))
    .$dynamic();
}

export const photoViews = (origin: string, photos: PhotoRow[]): OfferView["photos"] =>
  photos.map((m) => ({ id: m.id, url: mediaUrl(origin, m), contentType: m.contentType, width: m.width, height: m.height }));

type BaseRow = { offer: ViewRow["offer"]; author: PersonRow | null };
const ids = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))];

/**
 * Networks, posters, themes and remote actors of these rows, in a few small
 * look-ups. `known`: a network the caller has read already, with the themes
 * of the instance and of that network; when every row is of that network they
 * are not read again.
 */
export async function decorate(db: DatabaseLike, rows: BaseRow[], known?: { network: { id: string; slug: string; name: string }; themes: Theme[] }): Promise<ViewRow[]> {
  if (rows.length === 0) return [];
  const allIds = ids(rows.map((r) => r.offer.networkId));
  const knownOnly = known !== undefined && allIds.every((id) => id === known.network.id);
  const networkIds = knownOnly ? [] : allIds;
  const posterIds = ids(rows.map((r) => (r.offer.postedById !== r.offer.authorId ? r.offer.postedById : null)));
  const actorIds = ids(rows.flatMap((r) => [r.offer.remoteAuthorId, r.offer.remoteNetworkId]));
  const [networks, posters, themes, actors] = await Promise.all([
    networkIds.length ? db.select({ id: networkTable.id, slug: networkTable.slug, name: networkTable.name }).from(networkTable).where(inArray(networkTable.id, networkIds)) : [],
    posterIds.length ? db.select(personColumns).from(memberTable).where(inArray(memberTable.id, posterIds)) : [],
    knownOnly ? known.themes.filter((t) => t.networkId === null || allIds.includes(t.networkId)) : db.select().from(themeTable).where(networkIds.length ? or(isNull(themeTable.networkId), inArray(themeTable.networkId, networkIds)) : isNull(themeTable.networkId)),
    actorIds.length ? db.select().from(remoteActorTable).where(inArray(remoteActorTable.id, actorIds)) : [],
  ]);
  const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((x) => [x.id, x]));
  const [n, p, a] = [byId(knownOnly ? [{ id: known.network.id, slug: known.network.slug, name: known.network.name }] : networks), byId(posters), byId(actors)];
  const themeOf = (o: ViewRow["offer"]) =>
    themes.find((t) => t.id === o.themeId) ?? themes.find((t) => t.networkId === null && t.slug === o.themeSlug) ?? null;
  return rows.map(({ offer, author }) => ({
    offer,
    author,
    network: offer.networkId ? (n.get(offer.networkId) ?? null) : null,
    poster: offer.postedById === offer.authorId ? author : (p.get(offer.postedById ?? "") ?? null),
    theme: themeOf(offer),
    remoteAuthor: a.get(offer.remoteAuthorId ?? "") ?? null,
    remoteGroup: a.get(offer.remoteNetworkId ?? "") ?? null,
  }));
}
