// Recurrence: the RRULE shapes the event form produces, expanded in
// Europe/Paris wall-clock time (a 10:00 café stays at 10:00 across the
// daylight-saving changes). Anything else is refused, naming the field.
//
//   FREQ=WEEKLY[;INTERVAL=n][;BYDAY=SA]                       every (n) week(s)
//   FREQ=MONTHLY[;INTERVAL=n];BYDAY=1SA  (1..4 or -1)          the Nth weekday of the month
//   FREQ=MONTHLY[;INTERVAL=n];BYMONTHDAY=5  (1..28)            a day of the month
//   each with COUNT=n (≤ 100) or UNTIL=YYYYMMDD[THHMMSSZ], or neither when
//   "never ends" was chosen explicitly (occurrences are then made a year ahead).
import { Temporal } from "@js-temporal/polyfill";
import { RRuleTemporal } from "rrule-temporal";
import { fail, ok, type Result } from "../result.ts";

export const TIME_ZONE = "Europe/Paris";
export const MAX_OCCURRENCES = 100;
/** How far ahead an endless series is materialised, and the farthest UNTIL accepted. */
export const HORIZON_DAYS = 366;
export const MAX_UNTIL_DAYS = 2 * 366;

const weekday = "(MO|TU|WE|TH|FR|SA|SU)";
const parts: Record<string, RegExp> = {
  FREQ: /^(WEEKLY|MONTHLY)$/,
  INTERVAL: /^([1-9]|1[0-2])$/,
  BYDAY: new RegExp(`^([1-4]|-1)?${weekday}$`),
  BYMONTHDAY: /^([1-9]|1[0-9]|2[0-8])$/,
  COUNT: /^[1-9][0-9]{0,2}$/,
  UNTIL: /^\d{8}(T\d{6}Z)?$/,
};

const unsupported = (why: string) => fail("invalid", "rrule_unsupported", `Recurrence not supported: ${why}`, "rrule");

/** Checks the rule is one the form makes; returns it normalised (upper case, no "RRULE:" prefix). */
export function checkRrule(input: string, endless: boolean): Result<string> {
  const rule = input.trim().replace(/^RRULE:/i, "").toUpperCase();
  const fields = new Map<string, string>();
  for (const part of rule.split(";")) {
    const [key, value, extra] = part.split("=");
    if (value === undefined || extra !== undefined || !(key in parts) || fields.has(key)) return unsupported(`"${part}"`);
    if (!parts[key].test(value)) return unsupported(`"${part}"`);
    fields.set(key, value);
  }
  const freq = fields.get("FREQ");
  if (!freq) return unsupported("FREQ is required");
  const byDay = fields.get("BYDAY");
  if (freq === "WEEKLY" && (fields.has("BYMONTHDAY") || (byDay && /^[-\d]/.test(byDay)))) return unsupported("weekly rules take a plain weekday");
  const nth = byDay !== undefined && /^[-\d]/.test(byDay);
  if (freq === "MONTHLY" && (fields.has("BYMONTHDAY") === nth || (byDay !== undefined && !nth))) {
    return unsupported("monthly rules take either the Nth weekday (BYDAY=1SA) or a day of the month (BYMONTHDAY)");
  }
  const count = fields.get("COUNT");
  if (count && Number(count) > MAX_OCCURRENCES) return fail("invalid", "rrule_too_long", `At most ${MAX_OCCURRENCES} occurrences`, "rrule");
  if (count && fields.has("UNTIL")) return unsupported("COUNT and UNTIL together");
  const ends = count !== undefined || fields.has("UNTIL");
  if (!ends && !endless) return fail("invalid", "rrule_end_required", "Say when the recurrence ends, or choose that it never ends", "rrule");
  if (ends && endless) return fail("invalid", "rrule_end_conflict", "A recurrence that never ends has no COUNT or UNTIL", "endless");
  return ok(rule);
}

/** A wall-clock time in Paris ("2026-12-05T10:00") or an instant with offset, as a Date. */
export function parseEventTime(value: string): Date | null {
  try {
    if (/(Z|[+-]\d{2}:?\d{2})$/i.test(value)) return new Date(Temporal.Instant.from(value).epochMilliseconds);
    const local = Temporal.PlainDateTime.from(value);
    return new Date(local.toZonedDateTime(TIME_ZONE).epochMilliseconds);
  } catch {
    return null;
  }
}

export const toParis = (date: Date) => Temporal.Instant.fromEpochMilliseconds(date.getTime()).toZonedDateTimeISO(TIME_ZONE);

/** "20261205T100000": iCalendar local time in Paris. */
export const icalLocal = (date: Date) => toParis(date).toPlainDateTime().toString().replace(/[-:]/g, "").slice(0, 15);

export interface Occurrence {
  startsAt: Date;
  endsAt: Date;
}

/**
 * The occurrences of a (checked) rule from the first start: each keeps the
 * first one's wall-clock start and length in Paris. Endless rules stop a year ahead.
 */
export function expand(rule: string, startsAt: Date, endsAt: Date): Result<Occurrence[]> {
  const start = toParis(startsAt);
  const length = start.toPlainDateTime().until(toParis(endsAt).toPlainDateTime());
  const horizon = start.add({ days: HORIZON_DAYS });
  let rrule: RRuleTemporal;
  try {
    rrule = new RRuleTemporal({ rruleString: rule, dtstart: start as never, tzid: TIME_ZONE, temporal: Temporal as never });
  } catch (e) {
    return unsupported(e instanceof Error ? e.message : String(e));
  }
  const until = rrule.options().until as Temporal.ZonedDateTime | undefined;
  if (until && Temporal.ZonedDateTime.compare(until, start.add({ days: MAX_UNTIL_DAYS })) > 0) {
    return fail("invalid", "rrule_too_long", "A series ends within two years", "rrule");
  }
  const capped = !until && !/COUNT=/.test(rule);
  const dates = rrule.all((d, i) => i < MAX_OCCURRENCES && (!capped || Temporal.ZonedDateTime.compare(d as never, horizon) < 0)) as unknown as Temporal.ZonedDateTime[];
  if (dates.length === 0) return fail("invalid", "rrule_empty", "This recurrence has no occurrence", "rrule");
  return ok(
    dates.map((d) => {
      const zoned = Temporal.ZonedDateTime.from(d.toString());
      const end = zoned.toPlainDateTime().add(length).toZonedDateTime(TIME_ZONE);
      return { startsAt: new Date(zoned.epochMilliseconds), endsAt: new Date(end.epochMilliseconds) };
    }),
  );
}

/** A new wall-clock time of day (and length) for an occurrence, keeping its date: whole-series time edits. */
export function moveToTimeOf(occurrence: Date, startsAt: Date, endsAt: Date): Occurrence {
  const day = toParis(occurrence).toPlainDate();
  const start = toParis(startsAt);
  const length = start.toPlainDateTime().until(toParis(endsAt).toPlainDateTime());
  const newStart = day.toPlainDateTime(start.toPlainTime());
  return {
    startsAt: new Date(newStart.toZonedDateTime(TIME_ZONE).epochMilliseconds),
    endsAt: new Date(newStart.add(length).toZonedDateTime(TIME_ZONE).epochMilliseconds),
  };
}
