// Link previews (issue #10, item 5): what a page shows to Mastodon's link
// cards and messaging apps, which read the HTML the server sends and never
// run our JavaScript. One indexed query per page, public items only: a
// `network` or `partners` item, a withdrawn offer, an unknown id all give
// null, and the page keeps its generic title (nothing given away).
import { sql, type SQL } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { rowsOf } from "../../../db/search.ts";
import { frenchWhen, kindLabels, placeLine } from "../events/text.ts";
import { isUuid } from "../ids.ts";
import { mediaUrl } from "../media.ts";
import { excerpt, markdownExcerpt, splitHeadline } from "./text.ts";

export interface PreviewImage {
  url: string;
  contentType: string;
  width: number;
  height: number;
  alt: string;
}

export interface PagePreview {
  title: string;
  description: string;
  /** The network (og:site_name): what a neighbour recognises in a card. */
  siteName: string;
  type: "website" | "article" | "profile";
  /** The page's canonical URL. */
  url: string;
  /** The item's own photo, else the network's logo; null: the default picture. */
  image: PreviewImage | null;
  /** The item has a photo of its own: worth a large card. */
  ownPhoto: boolean;
  /** Members are not offered to search engines (tranquillité; their actor says `indexable: false`). */
  indexable: boolean;
}

const DESCRIPTION = 220;
const TITLE = 90;
const name = "[a-z0-9][a-z0-9_-]{0,62}";
const sections = { offers: "Offres et demandes", agenda: "Agenda", commons: "Ressources partagées" } as const;

type Route =
  | { kind: "network"; slug: string; section?: keyof typeof sections }
  | { kind: "announcement" | "offer" | "event" | "resource"; slug: string; id: string }
  | { kind: "member"; handle: string };

const itemKinds = { a: "announcement", o: "offer", e: "event", r: "resource" } as const;
const networkPath = new RegExp(`^/n/(${name})(?:/(offers|agenda|commons))?/?$`);
const itemPath = new RegExp(`^/n/(${name})/([aoer])/([0-9a-f-]{36})/?$`);
const memberPath = new RegExp(`^/m/(${name})/?$`);

/** Which public page a path is, without touching the database; null for the others. */
export function previewRoute(path: string): Route | null {
  let m = networkPath.exec(path);
  if (m) return { kind: "network", slug: m[1], section: m[2] as keyof typeof sections | undefined };
  m = itemPath.exec(path);
  if (m && isUuid(m[3])) return { kind: itemKinds[m[2] as keyof typeof itemKinds], slug: m[1], id: m[3] };
  m = memberPath.exec(path);
  return m ? { kind: "member", handle: m[1] } : null;
}

/** The first public photo of an owner, as JSON (a scalar subquery on media_owner_idx). */
const photo = (ownerType: SQL, ownerId: SQL, newest = false) => sql`(
  select json_build_object('id', m.id, 'name', m.name, 'contentType', m.content_type, 'width', m.width, 'height', m.height, 'alt', m.description)
  from media m
  where m.owner_type = ${ownerType} and m.owner_id = ${ownerId} and m.purpose = 'photo' and m.visibility = 'public'
    and m.width is not null and m.height is not null
  order by m.created_at ${newest ? sql`desc` : sql`asc`} limit 1)`;
// The network's logo is its newest "network-icon" photo (network-icon.ts).
const icon = sql`${photo(sql`'network-icon'`, sql`n.id`, true)} as icon`;

type MediaJson = { id: string; name: string; contentType: string; width: number; height: number; alt: string };
type Row = Record<string, unknown> & { slug: string; network_name: string; photo?: MediaJson | string | null; icon?: MediaJson | string | null };

function query(route: Route): SQL {
  switch (route.kind) {
    case "network":
      return sql`select n.slug, n.name as network_name, n.description, n.area, ${icon} from network n where n.slug = ${route.slug}`;
    case "member":
      return sql`select handle, display_name, bio from member where handle = ${route.handle}`;
    case "announcement":
      return sql`select n.slug, n.name as network_name, a.content, ${photo(sql`'announcement'`, sql`a.id`)} as photo, ${icon}
        from announcement a join network n on n.id = a.network_id
        where a.id = ${route.id} and n.slug = ${route.slug} and a.visibility = 'public' and a.hidden_at is null`;
    case "offer":
      // Withdrawn and expired offers are gone, as their ActivityPub object is.
      return sql`select n.slug, n.name as network_name, o.kind, o.title, o.body, o.place, o.status, t.label_fr as theme,
          ${photo(sql`'offer'`, sql`o.id`)} as photo, ${icon}
        from offer o join network n on n.id = o.network_id left join theme t on t.id = o.theme_id
        where o.id = ${route.id} and n.slug = ${route.slug} and o.visibility = 'public' and o.status in ('open', 'agreed', 'done')`;
    case "event":
      // A recurring event's photos belong to its series (events/views.ts photoOwner).
      return sql`select n.slug, n.name as network_name, e.kind, e.title, e.body, e.starts_at, e.ends_at, e.place_name, e.street,
          e.postal_code, e.locality, e.cancelled,
          ${photo(sql`case when e.series_id is null then 'event' else 'event_series' end`, sql`coalesce(e.series_id, e.id)`)} as photo, ${icon}
        from event e join network n on n.id = e.network_id
        where e.id = ${route.id} and n.slug = ${route.slug} and e.visibility = 'public' and e.hidden_at is null`;
    case "resource":
      return sql`select n.slug, n.name as network_name, r.title, r.summary, r.body, ${photo(sql`'resource'`, sql`r.id`)} as photo, ${icon}
        from resource r join network n on n.id = r.network_id
        where r.id = ${route.id} and n.slug = ${route.slug} and r.visibility = 'public' and r.hidden_at is null`;
  }
}

function imageOf(origin: string, value: MediaJson | string | null | undefined): PreviewImage | null {
  if (!value) return null;
  const m: MediaJson = typeof value === "string" ? JSON.parse(value) : value;
  return { url: mediaUrl(origin, m), contentType: m.contentType, width: Number(m.width), height: Number(m.height), alt: m.alt ?? "" };
}

const str = (v: unknown) => (typeof v === "string" ? v : "");
const date = (v: unknown) => new Date(v as string | Date);

/** The preview of a public page, or null (not one of ours, private, gone). */
export async function pagePreview(db: DatabaseLike, origin: string, path: string): Promise<PagePreview | null> {
  const route = previewRoute(path);
  if (!route) return null;
  const [row] = rowsOf<Row>(await db.execute(query(route)));
  if (!row) return null;
  if (route.kind === "member") {
    const handle = str(row.handle);
    return {
      title: `${str(row.display_name)} (@${handle}@${new URL(origin).host})`,
      description: excerpt(str(row.bio), DESCRIPTION) || "Membre d’un réseau d’entraide entre voisins sur Maillage.",
      siteName: "Maillage",
      type: "profile",
      url: `${origin}/m/${handle}`,
      image: null,
      ownPhoto: false,
      indexable: false,
    };
  }
  const base = `${origin}/n/${row.slug}`;
  const own = imageOf(origin, row.photo);
  const common = { siteName: row.network_name, image: own ?? imageOf(origin, row.icon), ownPhoto: own !== null, indexable: true };
  switch (route.kind) {
    case "network": {
      const about = excerpt(str(row.description), DESCRIPTION) || excerpt(str(row.area), DESCRIPTION) || "Un réseau d’entraide entre voisins.";
      const section = route.section ? sections[route.section] : null;
      return {
        ...common,
        title: section ? `${section} · ${row.network_name}` : row.network_name,
        description: about,
        type: "website",
        url: route.section ? `${base}/${route.section}` : base,
      };
    }
    case "announcement": {
      const { headline, rest } = splitHeadline(str(row.content));
      return {
        ...common,
        title: excerpt(headline, TITLE) || `Annonce · ${row.network_name}`,
        description: excerpt(rest, DESCRIPTION) || `Annonce du réseau ${row.network_name}`,
        type: "article",
        url: `${base}/a/${route.id}`,
      };
    }
    case "offer": {
      const words = row.kind === "request" ? "Je cherche" : "Je propose";
      const status = row.status === "agreed" ? "Accord trouvé" : row.status === "done" ? "Échange réalisé" : "";
      const details = [str(row.theme), str(row.place) && `📍 ${str(row.place)}`, status].filter(Boolean).join(" · ");
      return {
        ...common,
        title: excerpt(`${words} : ${str(row.title)}`, TITLE),
        description: excerpt([details, str(row.body)].filter(Boolean).join(" — "), DESCRIPTION),
        type: "article",
        url: `${base}/o/${route.id}`,
      };
    }
    case "event": {
      const when = frenchWhen(date(row.starts_at), date(row.ends_at));
      const place = placeLine({ placeName: str(row.place_name), street: str(row.street) || null, postalCode: str(row.postal_code) || null, locality: str(row.locality) || null });
      const label = kindLabels[row.kind as keyof typeof kindLabels] ?? "";
      const head = [label, when, place].filter(Boolean).join(" — ");
      return {
        ...common,
        title: excerpt(`${row.cancelled ? "Annulé : " : ""}${str(row.title)}`, TITLE),
        description: excerpt([head, str(row.body)].filter(Boolean).join(". "), DESCRIPTION),
        type: "article",
        url: `${base}/e/${route.id}`,
      };
    }
    case "resource":
      return {
        ...common,
        title: excerpt(str(row.title), TITLE),
        description: excerpt(str(row.summary), DESCRIPTION) || markdownExcerpt(str(row.body), DESCRIPTION) || `Ressource partagée par ${row.network_name}`,
        type: "article",
        url: `${base}/r/${route.id}`,
      };
  }
}
