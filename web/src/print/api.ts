// What the printed pages read (the server's own types).
import { apiRequest } from "../api.ts";
import type * as Server from "../../../server/domain/print/sheets.ts";
import type { Offer } from "../offers/api.ts";

/** A server type as JSON carries it: dates become ISO strings. */
type Json<T> = T extends Date ? string : T extends (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;

export type Audience = Server.Audience;
export type PosterView = Json<Server.PosterView>;
export type OffersSheet = Json<Server.OffersSheet>;
export type AgendaSheet = Json<Server.AgendaSheet>;

const enc = encodeURIComponent;

export const printApi = {
  poster: (slug: string) => apiRequest<PosterView>("GET", `/networks/${enc(slug)}/print/poster`),
  offers: (slug: string, audience: Audience) => apiRequest<OffersSheet>("GET", `/networks/${enc(slug)}/print/offers?audience=${audience}`),
  agenda: (slug: string, month: string, audience: Audience) => apiRequest<AgendaSheet>("GET", `/networks/${enc(slug)}/print/agenda?month=${enc(month)}&audience=${audience}`),
  byRef: (slug: string, ref: string) => apiRequest<{ offer: Offer }>("GET", `/networks/${enc(slug)}/offers/ref/${enc(ref.trim())}`),
};
