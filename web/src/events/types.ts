// What the events API returns (server/domain/events/views.ts, server/domain/events/agenda.ts).
export type EventKind = "cafe" | "fete" | "atelier" | "formation" | "action" | "reunion";
export type RsvpStatus = "going" | "maybe" | "not_going" | "waiting";
export type Visibility = "network" | "partners" | "public";

export interface EventItem {
  id: string;
  url: string;
  network: { slug: string; name: string };
  kind: EventKind;
  title: string;
  body: string;
  bodyHtml: string;
  startsAt: string;
  endsAt: string;
  place: { name: string; street: string | null; postalCode: string | null; locality: string | null; latitude: number | null; longitude: number | null };
  capacity: number | null;
  visibility: Visibility;
  cancelled: boolean;
  series: { id: string; rrule: string; endless: boolean; detached: boolean } | null;
  organiser: { handle: string; displayName: string } | null;
  going: number;
  maybe: number;
  waiting: number;
  remaining: number | null;
  myStatus: RsvpStatus | null;
  canManage: boolean;
  photo: { id: string; url: string; description: string; width: number | null; height: number | null } | null;
}

export interface Signup {
  closed: boolean;
  items: { id: string; label: string; total: number; mine: number }[];
  lines?: { itemId: string; handle: string; displayName: string; quantity: number }[];
}

export interface RemoteEvent {
  id: string;
  url: string;
  name: string;
  startsAt: string;
  endsAt: string | null;
  place: string | null;
  participantCount: number | null;
  cancelled: boolean;
  network: { id: string; name: string | null; handle: string | null } | null;
  myState?: "pending" | "accepted" | "rejected";
}

export interface Participant {
  id: string;
  name: string;
  handle: string | null;
  status: RsvpStatus;
  answeredBy: string | null;
  remote: boolean;
  /** Ticked after the event: came, did not, or not ticked. */
  attended: boolean | null;
}

export interface NewEvent {
  kind: EventKind;
  title: string;
  body?: string;
  startsAt: string;
  endsAt: string;
  place: { name: string; street?: string; postalCode?: string; locality?: string };
  capacity?: number | null;
  visibility: Visibility;
  rrule?: string;
  endless?: boolean;
  signupItems?: string[];
  photo?: string;
}
