// Shapes of the federation API: announcements, follows, feed, partnerships,
// governance (see /api/openapi.json). Dates are ISO strings.

import type { MediaView } from "./types.ts";

export type Visibility = "network" | "partners" | "public";

/** Someone elsewhere on the fediverse (a Mastodon account, a network of another instance…). */
export interface RemoteActor {
  id: string;
  handle: string | null;
  name: string | null;
  url: string | null;
  iconUrl: string | null;
  type?: string;
}

export interface Reply {
  id: string;
  url: string | null;
  /** Sanitised by the server. */
  contentHtml: string;
  published: string;
  author: RemoteActor;
}

/** What the fediverse answered to one of our items (likes and boosts counted, public replies). */
export interface Reactions {
  likes: number;
  boosts: number;
  replies: Reply[];
}

export interface Announcement {
  id: string;
  url: string;
  content: string;
  contentHtml: string;
  visibility: Visibility;
  /** null: the network itself speaks. */
  author: { handle: string; displayName: string } | null;
  /** Who pressed the button, when not the author (a sponsor, an animator for the network). */
  postedBy?: string;
  createdAt: string;
  updatedAt: string | null;
  likes: number;
  boosts: number;
  replies: Reply[];
  photos: MediaView[];
}

export interface NewAnnouncement {
  content: string;
  visibility?: Visibility;
  asNetwork?: boolean;
  /** Ids of uploaded photos, at most 4. */
  photos?: string[];
}

export type FollowState = "pending" | "accepted";

export interface Following {
  id: number | string;
  state: FollowState;
  actor: RemoteActor;
}

export interface Follower {
  id: number | string;
  state: FollowState;
  actor: RemoteActor;
}

export interface FeedPost {
  id: string;
  url: string;
  name?: string | null;
  summary?: string | null;
  sensitive?: boolean;
  contentHtml: string;
  published: string;
  author: RemoteActor;
  via?: { id: string; name: string | null; handle: string | null };
}

export interface Partner {
  actorId: string;
  handle: string | null;
  name: string | null;
  summary: string | null;
  url: string | null;
  local: boolean;
}

export type PartnershipState = "outgoing" | "incoming" | "active" | "declined" | "ended";

export interface Partnership {
  id: string;
  state: PartnershipState;
  message: string;
  requestedAt: string;
  decidedAt: string | null;
  partner: Partner;
}

export interface DomainBlock {
  host: string;
  reason: string | null;
  createdAt: string;
}
