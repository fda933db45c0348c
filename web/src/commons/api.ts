// The commons' part of the API client (same session, CSRF and errors as api.ts).
import { request } from "../api.ts";
import type { Booking, LibraryFilters, OutgoingBooking, LibraryItem, NewResource, Resource, VersionSummary } from "./types.ts";
import type { Reactions } from "../federation-types.ts";
import type { HiddenState } from "../moderation/api.ts";

const enc = encodeURIComponent;
const query = (filters: LibraryFilters) => {
  const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][]);
  return params.size ? `?${params}` : "";
};

export const commonsApi = {
  /** Whether I may add resources here (asked before showing the form). */
  permission: (slug: string) =>
    request<{ settings: { membersMayAdd: boolean; mayAdd: boolean; reason: string | null } }>("GET", `/networks/${enc(slug)}/commons/settings`),
  library: (slug: string, filters: LibraryFilters = {}) => request<{ items: LibraryItem[] }>("GET", `/networks/${enc(slug)}/commons${query(filters)}`),
  add: (slug: string, body: NewResource) => request<{ resource: Resource }>("POST", `/networks/${enc(slug)}/commons`, { body, acting: true }),
  adopted: (slug: string) => request<{ references: Resource[] }>("GET", `/networks/${enc(slug)}/commons/adopted`),
  adopt: (slug: string, origin: string) => request<{ reference: Resource }>("POST", `/networks/${enc(slug)}/commons/adopted`, { body: { origin } }),
  adapt: (slug: string, origin: string) => request<{ resource: Resource }>("POST", `/networks/${enc(slug)}/commons/adaptations`, { body: { origin } }),
  resource: (id: string) => request<{ resource: Resource; reactions?: Reactions; hidden?: HiddenState }>("GET", `/resources/${enc(id)}`),
  shared: (ref: string) => request<{ resource: Resource }>("GET", `/commons/shared?ref=${enc(ref)}`),
  edit: (id: string, body: Partial<NewResource>) => request<{ resource: Resource }>("PATCH", `/resources/${enc(id)}`, { body, acting: true }),
  remove: (id: string) => request<void>("DELETE", `/resources/${enc(id)}`, { acting: true }),
  versions: (id: string) => request<{ versions: VersionSummary[] }>("GET", `/resources/${enc(id)}/versions`),
  version: (id: string, n: number) => request<{ version: VersionSummary & { bodyHtml: string } }>("GET", `/resources/${enc(id)}/versions/${n}`),
  bookings: (id: string) => request<{ bookings: Booking[] }>("GET", `/resources/${enc(id)}/bookings`),
  book: (id: string, body: { network: string; startsAt: string; endsAt: string; message?: string }) =>
    request<{ booking: Booking }>("POST", `/resources/${enc(id)}/bookings`, { body }),
  bookShared: (body: { ref: string; network: string; startsAt: string; endsAt: string; message?: string }) =>
    request<{ booking: OutgoingBooking }>("POST", "/commons/shared/bookings", { body }),
  outgoing: (slug: string) => request<{ bookings: OutgoingBooking[] }>("GET", `/networks/${enc(slug)}/commons/bookings`),
  decide: (id: string, decision: "accept" | "decline") => request<{ booking: Booking }>("POST", `/bookings/${enc(id)}/${decision}`),
};

/** Where a library item opens: our page for local resources, the shared page for partners'. */
export const itemHref = (item: { id: string | null; ref: string; source: { slug: string | null } }, from: string) =>
  item.id && item.source.slug ? `/n/${item.source.slug}/r/${item.id}?from=${enc(from)}` : `/commons/shared?ref=${enc(item.ref)}&from=${enc(from)}`;
