// What the events use-cases need from the fediverse, implemented in
// federation/events/outbox.ts. Each call runs inside the use-case's
// transaction and only enqueues; `network` events are never handed over.
import type { DatabaseLike } from "../../../db/client.ts";
import type { Event, EventSeries, Member, Network, RemoteEvent } from "../../../db/schema/index.ts";

export interface EventItem {
  event: Event;
  network: Network;
  organiser: Member | null;
  series: EventSeries | null;
}

export interface RemoteAnswer {
  remoteActorId: string;
  joinActivityId: string | null;
}

export interface EventOutbox {
  eventPublished(tx: DatabaseLike, item: EventItem): Promise<void>;
  /** Time, place, text, capacity, or cancellation (event.cancelled). */
  eventUpdated(tx: DatabaseLike, item: EventItem): Promise<void>;
  /** Accept or Reject of a remote actor's Join. */
  joinAnswered(tx: DatabaseLike, item: EventItem, to: RemoteAnswer, answer: "accept" | "reject"): Promise<void>;
  /** A local member joins a remote event: sends Join, returns its id. */
  joinRemote(tx: DatabaseLike, member: Member, event: RemoteEvent): Promise<string>;
  leaveRemote(tx: DatabaseLike, member: Member, event: RemoteEvent, joinActivityId: string): Promise<void>;
  /** Fetches (or refreshes) a remote `Event` by its URL and keeps it; null when it is not one. */
  lookup(db: DatabaseLike, url: string): Promise<RemoteEvent | null>;
}

export const noEventOutbox: EventOutbox = {
  eventPublished: async () => {},
  eventUpdated: async () => {},
  joinAnswered: async () => {},
  joinRemote: async () => `urn:uuid:${crypto.randomUUID()}`,
  leaveRemote: async () => {},
  lookup: async () => null,
};

export interface EventPublishing {
  origin: string;
  outbox: EventOutbox;
}

/** `network` events never leave the instance. */
export const eventFederates = (event: Event) => event.visibility !== "network";
