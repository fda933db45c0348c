// The period a dashboard shows, in whole days of Europe/Paris, and the one
// before it to compare with: the same number of months when the period is
// whole months (a month, a year), else the same number of days.
import { Temporal } from "@js-temporal/polyfill";
import { TIME_ZONE } from "../events/recurrence.ts";
import { fail, ok, type Result } from "../result.ts";

export const FIRST_YEAR = 2000;
const MAX_YEARS = 10;
/** The monthly charts show at least this many months, ending with the period's last one. */
export const CHART_MONTHS = 12;
const MAX_CHART_MONTHS = 36;

export interface Period {
  /** First and last day, YYYY-MM-DD, both included. */
  from: string;
  to: string;
  /** The instants they cover: [start, end). */
  start: Date;
  end: Date;
}

export interface Periods {
  current: Period;
  previous: Period;
  /** The months the charts show, "YYYY-MM", and the instants they cover. */
  months: string[];
  chartStart: Date;
  /** When each of those months starts (Europe/Paris), for bucketing rows by month in SQL. */
  monthStarts: Date[];
}

const startOf = (day: Temporal.PlainDate) => new Date(day.toZonedDateTime({ timeZone: TIME_ZONE }).epochMilliseconds);

export const parisToday = (now = new Date()) => Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(TIME_ZONE).toPlainDate();

export function periodOf(from: Temporal.PlainDate, to: Temporal.PlainDate): Period {
  return { from: from.toString(), to: to.toString(), start: startOf(from), end: startOf(to.add({ days: 1 })) };
}

/** The last year the figures may be asked for: this one (Paris), plus one for plans made in December. */
export const lastYear = (now = new Date()) => parisToday(now).year + 1;

/** A day given as YYYY-MM-DD, checked: a real date within the years the figures cover. */
export function parseDay(value: string, field: string, now = new Date()): Result<Temporal.PlainDate> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return fail("invalid", "invalid_date", "A date as YYYY-MM-DD", field);
  let day: Temporal.PlainDate;
  try {
    day = Temporal.PlainDate.from(value, { overflow: "reject" });
  } catch {
    return fail("invalid", "invalid_date", "Not a date of the calendar", field);
  }
  if (day.year < FIRST_YEAR || day.year > lastYear(now)) {
    return fail("invalid", "year_out_of_range", `A year from ${FIRST_YEAR} to ${lastYear(now)}`, field);
  }
  return ok(day);
}

const lastDayOfMonth = (day: Temporal.PlainDate) => day.day === day.daysInMonth;

/**
 * A period starting on the 1st is compared with the same days as many
 * months before (this year so far with last year to the same day; a month
 * with the month before); any other with as many days just before it.
 */
function previousOf(from: Temporal.PlainDate, to: Temporal.PlainDate): Period {
  if (from.day === 1) {
    const months = (to.year - from.year) * 12 + to.month - from.month + 1;
    const end = lastDayOfMonth(to) ? from.subtract({ days: 1 }) : to.subtract({ months });
    return periodOf(from.subtract({ months }), end);
  }
  const days = from.until(to).days + 1;
  return periodOf(from.subtract({ days }), from.subtract({ days: 1 }));
}

function chartMonths(from: Temporal.PlainDate, to: Temporal.PlainDate): { months: string[]; chartStart: Date; monthStarts: Date[] } {
  const last = to.toPlainYearMonth();
  let first = from.toPlainYearMonth();
  const span = () => first.until(last, { largestUnit: "months" }).months + 1;
  if (span() < CHART_MONTHS) first = last.subtract({ months: CHART_MONTHS - 1 });
  if (span() > MAX_CHART_MONTHS) first = last.subtract({ months: MAX_CHART_MONTHS - 1 });
  const months: string[] = [];
  for (let m = first; Temporal.PlainYearMonth.compare(m, last) <= 0; m = m.add({ months: 1 })) months.push(m.toString());
  const monthStarts = months.map((m) => startOf(Temporal.PlainYearMonth.from(m).toPlainDate({ day: 1 })));
  return { months, chartStart: monthStarts[0], monthStarts };
}

/** `from` and `to` (YYYY-MM-DD, Paris); by default, this year up to today. Each problem names its field. */
export function parsePeriod(input: { from?: string; to?: string }, now = new Date()): Result<Periods> {
  const today = parisToday(now);
  const from = input.from ? parseDay(input.from, "from", now) : ok(today.with({ month: 1, day: 1 }));
  if (!from.ok) return from;
  const to = input.to ? parseDay(input.to, "to", now) : ok(today);
  if (!to.ok) return to;
  if (Temporal.PlainDate.compare(to.value, from.value) < 0) return fail("invalid", "period_reversed", "The period ends before it starts", "to");
  if (from.value.until(to.value, { largestUnit: "years" }).years >= MAX_YEARS) return fail("invalid", "period_too_long", `At most ${MAX_YEARS} years`, "from");
  const current = periodOf(from.value, to.value);
  const previous = previousOf(from.value, to.value);
  return ok({ current, previous, ...chartMonths(from.value, to.value) });
}

/** A whole year, 1 January to 31 December, for the activity report. */
export function yearPeriod(year: number, now = new Date()): Result<Periods> {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > parisToday(now).year) {
    return fail("invalid", "year_out_of_range", `A year from ${FIRST_YEAR} to ${parisToday(now).year}`, "year");
  }
  return parsePeriod({ from: `${year}-01-01`, to: `${year}-12-31` }, now);
}
