// Checking what the event form sends: each problem names its field.
import type { EventKind, NewEvent, Visibility } from "../../../db/schema/index.ts";
import { parseEventTime } from "./recurrence.ts";
import { fail, ok, type Result } from "../result.ts";

export const MAX_TITLE = 200;
export const MAX_BODY = 10000;
export const MAX_SIGNUP_ITEMS = 20;

export interface PlaceInput {
  name: string;
  street?: string | null;
  postalCode?: string | null;
  locality?: string | null;
  latitude?: number | null;
  longitude?: number | null;
}

export interface EventFields {
  kind: EventKind;
  title: string;
  body?: string;
  /** "2026-12-05T10:00" (Paris wall-clock time) or an ISO instant with offset. */
  startsAt: string;
  endsAt: string;
  place: PlaceInput;
  capacity?: number | null;
}

export interface NewEventInput extends EventFields {
  visibility?: Visibility;
  rrule?: string | null;
  /** "Never ends", chosen explicitly, for a rule without COUNT or UNTIL. */
  endless?: boolean;
  /** A collective action's sign-up lines ("bags of compost"). */
  signupItems?: string[];
  /** A photo uploaded for it (POST /networks/{slug}/media): one for the whole series. */
  photo?: string | null;
}

export type CheckedFields = Pick<
  NewEvent,
  "kind" | "title" | "body" | "startsAt" | "endsAt" | "placeName" | "street" | "postalCode" | "locality" | "latitude" | "longitude" | "capacity"
>;

const text = (value: string | null | undefined) => {
  const t = value?.trim();
  return t ? t : null;
};

export function checkFields(input: EventFields): Result<CheckedFields> {
  const title = input.title.trim();
  if (title === "") return fail("invalid", "title_empty", "Give the event a title", "title");
  if (title.length > MAX_TITLE) return fail("invalid", "title_too_long", `At most ${MAX_TITLE} characters`, "title");
  const body = (input.body ?? "").trim();
  if (body.length > MAX_BODY) return fail("invalid", "body_too_long", `At most ${MAX_BODY} characters`, "body");
  const startsAt = parseEventTime(input.startsAt);
  if (!startsAt) return fail("invalid", "invalid_time", "Not a date and time", "startsAt");
  const endsAt = parseEventTime(input.endsAt);
  if (!endsAt) return fail("invalid", "invalid_time", "Not a date and time", "endsAt");
  if (endsAt <= startsAt) return fail("invalid", "event_end_before_start", "The event must end after it starts", "endsAt");
  if (endsAt.getTime() - startsAt.getTime() > 14 * 86400_000) return fail("invalid", "event_too_long", "An event lasts at most two weeks", "endsAt");
  const placeName = input.place.name.trim();
  if (placeName === "") return fail("invalid", "place_empty", "Say where it happens", "place.name");
  const { latitude, longitude } = input.place;
  if ((latitude == null) !== (longitude == null)) return fail("invalid", "coordinates_incomplete", "Give both latitude and longitude", "place.latitude");
  if (input.capacity != null && (!Number.isInteger(input.capacity) || input.capacity < 1)) {
    return fail("invalid", "capacity_invalid", "A capacity is a whole number of people, at least 1", "capacity");
  }
  return ok({
    kind: input.kind,
    title,
    body,
    startsAt,
    endsAt,
    placeName,
    street: text(input.place.street),
    postalCode: text(input.place.postalCode),
    locality: text(input.place.locality),
    latitude: latitude ?? null,
    longitude: longitude ?? null,
    capacity: input.capacity ?? null,
  });
}

export function checkSignupItems(items: string[] | undefined): Result<string[]> {
  const labels = (items ?? []).map((i) => i.trim()).filter(Boolean);
  if (labels.length > MAX_SIGNUP_ITEMS) return fail("invalid", "signup_too_many", `At most ${MAX_SIGNUP_ITEMS} lines`, "signupItems");
  if (labels.some((l) => l.length > 200)) return fail("invalid", "signup_item_too_long", "At most 200 characters a line", "signupItems");
  return ok(labels);
}
