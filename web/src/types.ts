// Shapes of the JSON the API sends (see the contract in the API routes).

export type Role = "member" | "animator" | "pilot";
export type Choice = "offer" | "need" | "not_now";
export type InvitationStatus = "active" | "used" | "expired" | "revoked";

export interface Instance {
  name: string;
  needsSetup: boolean;
  version: string;
  /** For the instance admin only: whether emails leave by SMTP, and how many wait or failed. */
  mail?: { smtp: boolean; pending: number; failed: number };
}

export interface Member {
  id: string;
  handle: string;
  displayName: string;
  email: string | null;
  isAdmin: boolean;
  locale: string | null;
  bio: string | null;
}

export interface Session {
  member: Member;
  memberships: { network: { slug: string; name: string }; role: Role }[];
  sponsored: { handle: string; displayName: string }[];
  csrfToken: string;
}

export interface NetworkSummary {
  slug: string;
  name: string;
  description: string | null;
  area: string | null;
  memberCount: number;
}

export type FederationMode = "open" | "allowlist";

export interface Network extends NetworkSummary {
  rules: string | null;
  /** The logo (a public photo), when the animators set one. */
  iconUrl?: string | null;
  approvesFollowers: boolean;
  federationMode: FederationMode;
}

export interface NetworkFields {
  slug: string;
  name: string;
  description?: string;
  area?: string;
  rules?: string;
}

/** What animators may change on their network (`PATCH /api/networks/:slug`). */
export interface NetworkChanges {
  name?: string;
  description?: string;
  area?: string;
  rules?: string;
  approvesFollowers?: boolean;
  federationMode?: FederationMode;
}

export interface Invitation {
  id: string;
  code: string;
  url?: string;
  role: Role;
  maxUses: number;
  uses: number;
  expiresAt: string;
  note: string | null;
  createdAt: string;
  status: InvitationStatus;
}

export interface InvitationRequest {
  role?: Role;
  maxUses?: number;
  expiresInDays?: number;
  note?: string;
}

export interface InvitationPreview {
  network: { slug: string; name: string; description: string | null; area: string | null; rules: string | null };
  role: Role;
}

export interface SignupRequest {
  code: string;
  acceptPrinciples: true;
  handle: string;
  displayName: string;
  password: string;
  email?: string;
  locale?: string;
}

export interface AccountRequest {
  handle: string;
  displayName: string;
  password: string;
  email?: string;
  locale?: string;
}

export interface Theme {
  slug: string;
  labelFr: string;
  labelEn: string;
}

export interface Answer {
  theme: string;
  choice: Choice;
}

export interface MemberOfNetwork {
  handle: string;
  displayName: string;
  role: Role;
  sponsored: boolean;
  sponsors: string[];
  joinedAt: string;
  /** The household label: present for the animation group only. */
  household?: string | null;
}

export interface ProfileChanges {
  displayName?: string;
  email?: string | null;
  locale?: string;
  bio?: string;
}

/** An uploaded photo or document (POST /api/networks/{slug}/media). */
export interface MediaView {
  id: string;
  url: string;
  contentType: string;
  size: number;
  name: string;
  /** What the photo shows (alt text). */
  description: string;
  width: number | null;
  height: number | null;
}

/** Something the app tells a member; `kind` is "<feature>.<event>" (see the notify.* messages). */
export interface AppNotification {
  id: string;
  kind: string;
  subject: { type: string; id: string; title: string; path: string };
  from: string;
  read: boolean;
  createdAt: string;
}

export interface UnreadNotifications {
  unread: number;
  /** Neighbours I sponsor, with their unread count: I read for them. */
  sponsored: { handle: string; displayName: string; unread: number }[];
}
