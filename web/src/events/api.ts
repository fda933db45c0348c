// The events API, with the same conventions as api.ts: CSRF header on writes,
// X-Acting-For while a sponsor acts for someone, errors as ApiError.
import { actingFor, ApiError } from "../api.ts";
import { lang, t } from "../i18n/index.ts";
import { session } from "../session.ts";
import type { EventItem, NewEvent, Participant, RemoteEvent, RsvpStatus, Signup } from "./types.ts";
import type { Reactions } from "../federation-types.ts";
import type { HiddenState } from "../moderation/api.ts";

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": lang() };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const csrf = session()?.csrfToken;
  if (method !== "GET" && csrf) headers["X-CSRF-Token"] = csrf;
  const acting = actingFor();
  if (acting) headers["X-Acting-For"] = acting;
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { method, headers, credentials: "same-origin", body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, "network_error", t("app.networkError"));
  }
  if (!response.ok) {
    const { error } = (await response.json().catch(() => ({}))) as { error?: { code: string; message: string; field?: string } };
    throw error ? new ApiError(response.status, error.code, error.message, error.field) : new ApiError(response.status, `http_${response.status}`, t("app.unexpected"));
  }
  return response.status === 204 ? (undefined as T) : ((await response.json()) as T);
}

const enc = encodeURIComponent;

export const eventsApi = {
  agenda: (slug: string, range: { from?: string; to?: string; after?: string } = {}) => {
    const query = new URLSearchParams(Object.entries(range).filter(([, v]) => v) as [string, string][]).toString();
    return call<{ events: EventItem[] }>("GET", `/networks/${enc(slug)}/events${query ? `?${query}` : ""}`);
  },
  partners: (slug: string) => call<{ events: EventItem[]; remote: RemoteEvent[] }>("GET", `/networks/${enc(slug)}/partner-events`),
  create: (slug: string, body: NewEvent) => call<{ events: EventItem[] }>("POST", `/networks/${enc(slug)}/events`, body),
  event: (id: string) => call<{ event: EventItem; signup: Signup; reactions: Reactions; hidden?: HiddenState }>("GET", `/events/${enc(id)}`),
  rsvp: (id: string, status: Exclude<RsvpStatus, "waiting">) => call<{ status: RsvpStatus }>("PUT", `/events/${enc(id)}/rsvp`, { status }),
  edit: (id: string, body: Record<string, unknown>) => call<{ event: EventItem }>("PATCH", `/events/${enc(id)}`, body),
  cancel: (id: string, scope: "occurrence" | "series") => call<{ event: EventItem }>("POST", `/events/${enc(id)}/cancel`, { scope }),
  participants: (id: string) => call<{ event: EventItem; participants: Participant[]; signup: Signup }>("GET", `/events/${enc(id)}/participants`),
  tickAttendance: (id: string, participant: string, attended: boolean | null) =>
    call<{ id: string; attended: boolean | null }>("PUT", `/events/${enc(id)}/participants/${enc(participant)}/attendance`, { attended }),
  signUp: (id: string, items: { itemId: string; quantity: number }[]) => call<{ signup: Signup }>("PUT", `/events/${enc(id)}/signup`, { items }),
  closeSignup: (id: string, closed: boolean) => call<{ signup: Signup }>("POST", `/events/${enc(id)}/signup/close`, { closed }),
  mine: () => call<{ events: EventItem[]; remote: RemoteEvent[] }>("GET", "/me/events"),
  calendar: () => call<{ url: string }>("GET", "/me/calendar"),
  renewCalendar: () => call<{ url: string }>("POST", "/me/calendar/renew"),
  lookupRemote: (url: string) => call<{ event: RemoteEvent }>("POST", "/remote-events/lookup", { url }),
  joinRemote: (id: string) => call<{ state: string }>("POST", "/remote-events/join", { id }),
  leaveRemote: (id: string) => call<void>("POST", "/remote-events/leave", { id }),
};

/** "samedi 6 février 2027, 10:00–12:00" in Paris time, whatever the device's zone. */
export function when(startsAt: string, endsAt: string | null): string {
  const locale = lang() === "fr" ? "fr-FR" : "en-GB";
  const day = new Date(startsAt).toLocaleDateString(locale, { timeZone: "Europe/Paris", weekday: "long", day: "numeric", month: "long", year: "numeric" });
  const time = (iso: string) => new Date(iso).toLocaleTimeString(locale, { timeZone: "Europe/Paris", hour: "2-digit", minute: "2-digit" });
  return endsAt ? `${day}, ${time(startsAt)}–${time(endsAt)}` : `${day}, ${time(startsAt)}`;
}

export const placeLine = (e: EventItem) => [e.place.name, e.place.street, [e.place.postalCode, e.place.locality].filter(Boolean).join(" ")].filter(Boolean).join(", ");
