// Typed client for the Maillage JSON API: cookie session, CSRF header on writes,
// `X-Acting-For` on every request while a sponsor acts for someone (reads too:
// the page of an offer posted for a neighbour then shows it as theirs).
import type { HiddenState } from "./moderation/api.ts";
import { createSignal } from "solid-js";
import { lang, t } from "./i18n/index.ts";
import type {
  Announcement, DomainBlock, FeedPost, Follower, Following, NewAnnouncement, Partner, Partnership,
} from "./federation-types.ts";
import type { DeliveryHostView } from "../../server/domain/deliveries/hosts.ts";
import type {
  AccountRequest, Answer, Instance, Invitation, InvitationPreview, InvitationRequest, Member,
  AppNotification, MediaView, MemberOfNetwork, Network, NetworkChanges, NetworkFields, NetworkSummary, ProfileChanges, Role, Session, SignupRequest, Theme, UnreadNotifications,
} from "./types.ts";

/** A failure as the API describes it; `field` names the form field at fault. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

const actingKey = "maillage.actingFor";
const [actingFor, setActingSignal] = createSignal<string | null>(globalThis.sessionStorage?.getItem(actingKey) ?? null);
/** Handle of the sponsored member the sponsor is acting for, or null. */
export { actingFor };

/** Kept for the browser tab's session: a reload or a new page goes on acting for the same person. */
export function setActingFor(handle: string | null) {
  if (handle) globalThis.sessionStorage?.setItem(actingKey, handle);
  else globalThis.sessionStorage?.removeItem(actingKey);
  setActingSignal(handle);
}

interface Options {
  body?: unknown;
  /** Never act for a sponsored member (language switch, logout). */
  asSelf?: boolean;
  /** Done for the sponsored member: now true of every request but `asSelf` ones (kept for callers that say so). */
  acting?: boolean;
}

async function send(method: string, path: string, options: Options = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": lang() };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  const acting = actingFor();
  if (acting && !options.asSelf) headers["X-Acting-For"] = acting;
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: "same-origin",
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, "network_error", t("app.networkError"));
  }
  if (!response.ok) throw await errorOf(response);
  return response;
}

/** Uploads a file as a multipart form (the browser sets the boundary), for the member being acted for. */
async function upload<T>(path: string, form: FormData): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": lang() };
  if (csrfToken) headers["X-CSRF-Token"] = csrfToken;
  const acting = actingFor();
  if (acting) headers["X-Acting-For"] = acting;
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { method: "POST", headers, credentials: "same-origin", body: form });
  } catch {
    throw new ApiError(0, "network_error", t("app.networkError"));
  }
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as T;
}

async function errorOf(response: Response): Promise<ApiError> {
  try {
    const { error } = (await response.json()) as { error?: { code: string; message: string; field?: string } };
    if (error?.code) return new ApiError(response.status, error.code, error.message, error.field);
  } catch {
    // Not our JSON (a proxy's HTML page, say): fall through to a generic message.
  }
  return new ApiError(response.status, `http_${response.status}`, t("app.unexpected"));
}

export async function request<T>(method: string, path: string, options?: Options): Promise<T> {
  const response = await send(method, path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

const get = <T>(path: string) => request<T>("GET", path);
const enc = encodeURIComponent;
const before = (iso?: string) => (iso ? `?before=${enc(iso)}` : "");

export const api = {
  instance: () => get<Instance>("/instance"),
  setup: (body: AccountRequest) => request<Session>("POST", "/setup", { body }),

  session: () => get<Session>("/session"),
  login: (handle: string, password: string) => request<Session>("POST", "/session", { body: { handle, password } }),
  logout: () => request<void>("DELETE", "/session", { asSelf: true }),

  networks: () => get<{ networks: NetworkSummary[] }>("/networks"),
  createNetwork: (body: NetworkFields & { joinAsPilot?: boolean }) => request<{ network: Network }>("POST", "/networks", { body }),
  network: (slug: string) => get<{ network: Network; myRole: Role | null }>(`/networks/${enc(slug)}`),
  updateNetwork: (slug: string, body: NetworkChanges) =>
    request<{ network: Network }>("PATCH", `/networks/${enc(slug)}`, { body }),

  setNetworkIcon: (slug: string, media: string | null) =>
    request<{ iconUrl: string | null }>("PUT", `/networks/${enc(slug)}/icon`, { body: { media } }),

  invitations: (slug: string) => get<{ invitations: Invitation[] }>(`/networks/${enc(slug)}/invitations`),
  createInvitation: (slug: string, body: InvitationRequest) =>
    request<{ invitation: Invitation }>("POST", `/networks/${enc(slug)}/invitations`, { body }),
  revokeInvitation: (slug: string, id: string) =>
    request<void>("DELETE", `/networks/${enc(slug)}/invitations/${enc(id)}`),
  invitation: (code: string) => get<InvitationPreview>(`/invitations/${enc(code)}`),
  signup: (body: SignupRequest) => request<Session>("POST", "/signup", { body }),
  /** A logged-in member joins the invitation's network with their own account. */
  acceptInvitation: (code: string) => request<Session>("POST", `/invitations/${enc(code)}/accept`),

  themes: (slug?: string) => get<{ themes: Theme[] }>(slug ? `/themes?network=${enc(slug)}` : "/themes"),
  questionnaire: () => get<{ answers: Answer[] }>("/me/questionnaire"),
  saveQuestionnaire: (answers: Answer[]) => request<{ answers: Answer[] }>("PUT", "/me/questionnaire", { body: { answers } }),

  me: () => get<{ member: Member }>("/me"),
  updateMe: (body: ProfileChanges, asSelf = false) => request<{ member: Member }>("PATCH", "/me", { body, asSelf }),
  exportMe: () => send("GET", "/me/export"),
  deleteMe: (password: string) => request<void>("DELETE", "/me", { body: { password } }),

  members: (slug: string) => get<{ members: MemberOfNetwork[] }>(`/networks/${enc(slug)}/members`),
  changeRole: (slug: string, handle: string, role: Role) =>
    request<unknown>("PATCH", `/networks/${enc(slug)}/members/${enc(handle)}`, { body: { role } }),
  setHousehold: (slug: string, handle: string, household: string | null) =>
    request<{ member: { handle: string; household: string | null } }>("PUT", `/networks/${enc(slug)}/members/${enc(handle)}/household`, { body: { household } }),
  createSponsored: (slug: string, body: { handle: string; displayName: string; sponsor: string }) =>
    request<unknown>("POST", `/networks/${enc(slug)}/sponsored`, { body }),
  addSponsor: (slug: string, body: { sponsored: string; sponsor: string }) =>
    request<void>("POST", `/networks/${enc(slug)}/sponsorships`, { body }),

  announcements: (slug: string, olderThan?: string) =>
    get<{ announcements: Announcement[] }>(`/networks/${enc(slug)}/announcements${before(olderThan)}`),
  postAnnouncement: (slug: string, body: NewAnnouncement) =>
    request<{ announcement: Announcement }>("POST", `/networks/${enc(slug)}/announcements`, { body, acting: true }),
  announcement: (id: string) =>
    get<{ announcement: Announcement; network: { slug: string; name: string }; hidden?: HiddenState }>(`/announcements/${enc(id)}`),
  editAnnouncement: (id: string, content: string) =>
    request<{ announcement: Announcement }>("PATCH", `/announcements/${enc(id)}`, { body: { content }, acting: true }),
  deleteAnnouncement: (id: string) => request<void>("DELETE", `/announcements/${enc(id)}`, { acting: true }),

  uploadMedia: (slug: string, file: File, purpose: "photo" | "document") => {
    const form = new FormData();
    form.set("file", file);
    form.set("purpose", purpose);
    return upload<{ media: MediaView }>(`/networks/${enc(slug)}/media`, form);
  },

  unreadNotifications: () => get<UnreadNotifications>("/me/notifications/unread"),
  notifications: (olderThan?: string) =>
    request<{ unread: number; notifications: AppNotification[] }>("GET", `/me/notifications${before(olderThan)}`, { acting: true }),
  markNotificationsRead: (ids?: string[]) => request<void>("POST", "/me/notifications/read", { body: ids ? { ids } : {}, acting: true }),

  describeMedia: (id: string, description: string) =>
    request<{ media: MediaView }>("PATCH", `/media/${enc(id)}`, { body: { description }, acting: true }),

  following: () => get<{ following: Following[] }>("/me/following"),
  follow: (target: string) => request<{ following: Following }>("POST", "/me/following", { body: { target } }),
  unfollow: (id: Following["id"]) => request<void>("DELETE", `/me/following/${enc(String(id))}`),
  feed: (olderThan?: string) => get<{ posts: FeedPost[] }>(`/me/feed${before(olderThan)}`),
  followers: (slug: string, state?: "pending" | "accepted") =>
    get<{ followers: Follower[] }>(`/networks/${enc(slug)}/followers${state ? `?state=${state}` : ""}`),
  decideFollower: (slug: string, id: Follower["id"], decision: "accept" | "reject") =>
    request<void>("POST", `/networks/${enc(slug)}/followers/${enc(String(id))}/${decision}`),

  partners: (slug: string) => get<{ partners: Partner[] }>(`/networks/${enc(slug)}/partners`),
  partnerPosts: (slug: string) => get<{ posts: FeedPost[] }>(`/networks/${enc(slug)}/partner-posts`),
  partnerships: (slug: string) => get<{ partnerships: Partnership[] }>(`/networks/${enc(slug)}/partnerships`),
  askPartnership: (slug: string, body: { partner: string; message?: string }) =>
    request<{ partnership: Partnership }>("POST", `/networks/${enc(slug)}/partnerships`, { body }),
  decidePartnership: (slug: string, id: string, decision: "accept" | "decline") =>
    request<{ partnership: Partnership }>("POST", `/networks/${enc(slug)}/partnerships/${enc(id)}/${decision}`),
  endPartnership: (slug: string, id: string) => request<void>("DELETE", `/networks/${enc(slug)}/partnerships/${enc(id)}`),

  domainBlocks: () => get<{ blocks: DomainBlock[] }>("/admin/domain-blocks"),
  blockDomain: (body: { host: string; reason?: string }) => request<unknown>("POST", "/admin/domain-blocks", { body }),
  unblockDomain: (host: string) => request<void>("DELETE", `/admin/domain-blocks/${enc(host)}`),
  deliveryHosts: () => get<{ hosts: DeliveryHostView[] }>("/admin/deliveries"),
  retryDeliveries: (host: string) => request<{ host: string; hurried: number }>("POST", `/admin/deliveries/${enc(host)}/retry`),
  allowedHosts: (slug: string) => get<{ hosts: string[] }>(`/networks/${enc(slug)}/allowed-hosts`),
  allowHost: (slug: string, host: string) => request<unknown>("POST", `/networks/${enc(slug)}/allowed-hosts`, { body: { host } }),
  disallowHost: (slug: string, host: string) =>
    request<void>("DELETE", `/networks/${enc(slug)}/allowed-hosts/${enc(host)}`),
};

/** For feature clients in their own modules (offers/api.ts, ...): the same session, CSRF and acting rules. */
export { request as apiRequest };
