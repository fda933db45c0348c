// Offers and requests: the API's shapes and calls (same session, CSRF and
// X-Acting-For rules as api.ts; what a member posts is done for the sponsored
// member a sponsor acts for).
import { apiRequest } from "../api.ts";
import type { Visibility } from "../federation-types.ts";
import type { Reactions } from "../federation-types.ts";

export type OfferKind = "offer" | "request";
export type OfferStatus = "open" | "agreed" | "done" | "withdrawn" | "expired";

export interface Person {
  handle: string;
  displayName: string;
}

export interface RemotePerson {
  id: string;
  handle: string | null;
  name: string | null;
  url: string | null;
}

export interface Offer {
  id: string;
  url: string;
  /** The number printed on the offers sheet (local offers). */
  ref: number | null;
  kind: OfferKind;
  theme: { slug: string; labelFr: string; labelEn: string };
  title: string;
  body: string;
  bodyHtml: string;
  availability: string;
  availableFrom: string | null;
  availableUntil: string | null;
  place: string;
  visibility: Visibility;
  status: OfferStatus;
  expiresAt: string | null;
  createdAt: string;
  network: { slug: string | null; name: string; url: string | null; remote: boolean };
  author: Person | null;
  remoteAuthor?: RemotePerson;
  postedBy?: string;
  photos: { id: string; url: string; width: number | null; height: number | null }[];
  cursor?: string;
}

export interface Message {
  id: string;
  fromAuthor: boolean;
  sender: string;
  body: string;
  html: string | null;
  createdAt: string;
}

export interface Conversation {
  id: string;
  responder: Person | null;
  remoteResponder?: RemotePerson;
  agreed: boolean;
  createdAt: string;
  messages: Message[];
}

export interface OfferDetail extends Offer {
  mine: boolean;
  conversations: Conversation[];
  interested: number;
  participants: Person[];
  thanks: { from: Person; to: Person; note: string; createdAt: string }[];
}

export interface NewOffer {
  kind: OfferKind;
  theme: string;
  title: string;
  body?: string;
  availability?: string;
  availableFrom?: string | null;
  availableUntil?: string | null;
  place?: string;
  visibility: Visibility;
  media?: string[];
}

export interface OfferFilters {
  q?: string;
  theme?: string;
  kind?: string;
  network?: string;
  sort?: "recent" | "relevance";
}

export interface OffersHome {
  week: { theme: Offer["theme"]; count: number; offers: Offer[] }[];
  matches: Offer[];
  counts: { open: number; exchanges: number };
}

const enc = encodeURIComponent;
const query = (params: Record<string, string | undefined>) => {
  const entries = Object.entries(params).filter(([, v]) => v);
  return entries.length ? `?${entries.map(([k, v]) => `${k}=${enc(v!)}`).join("&")}` : "";
};
type One = { offer: OfferDetail };
const acting = { acting: true };

export const offersApi = {
  list: (slug: string, filters: OfferFilters, cursor?: string) =>
    apiRequest<{ offers: Offer[] }>("GET", `/networks/${enc(slug)}/offers${query({ ...filters, cursor })}`),
  home: (slug: string) => apiRequest<OffersHome>("GET", `/networks/${enc(slug)}/offers/home`),
  ofMember: (slug: string, handle: string) =>
    apiRequest<{ offers: Offer[]; exchanges: number }>("GET", `/networks/${enc(slug)}/members/${enc(handle)}/offers`),
  get: (id: string) => apiRequest<One & { reactions?: Reactions }>("GET", `/offers/${enc(id)}`),
  post: (slug: string, body: NewOffer) => apiRequest<One>("POST", `/networks/${enc(slug)}/offers`, { body, ...acting }),
  edit: (id: string, body: Partial<NewOffer>) => apiRequest<One>("PATCH", `/offers/${enc(id)}`, { body, ...acting }),
  withdraw: (id: string) => apiRequest<One>("POST", `/offers/${enc(id)}/withdraw`, acting),
  renew: (id: string) => apiRequest<One>("POST", `/offers/${enc(id)}/renew`, acting),
  respond: (id: string, message: string) => apiRequest<One>("POST", `/offers/${enc(id)}/responses`, { body: { message }, ...acting }),
  message: (id: string, conversation: string, message: string) =>
    apiRequest<One>("POST", `/offers/${enc(id)}/conversations/${enc(conversation)}/messages`, { body: { message }, ...acting }),
  agree: (id: string, conversations: string[]) => apiRequest<One>("POST", `/offers/${enc(id)}/agree`, { body: { conversations }, ...acting }),
  done: (id: string) => apiRequest<One>("POST", `/offers/${enc(id)}/done`, acting),
  thank: (id: string, note: string, to?: string) => apiRequest<One>("POST", `/offers/${enc(id)}/thanks`, { body: { note, to }, ...acting }),
};
