// Recurrence expansion in Europe/Paris across the daylight-saving changes of
// 2026 (29 March, 25 October) and 2027 (28 March, 31 October), and the RRULE
// shapes accepted from the form.
import { describe, expect, it } from "vitest";
import { checkRrule, expand, moveToTimeOf, parseEventTime } from "../../server/domain/events/recurrence.ts";

const paris = (d: Date) => d.toLocaleString("sv-SE", { timeZone: "Europe/Paris" }).slice(0, 16);
const at = (local: string) => parseEventTime(local)!;

function occurrences(rule: string, start: string, end: string, endless = false) {
  const checked = checkRrule(rule, endless);
  if (!checked.ok) throw new Error(checked.error.code);
  const result = expand(checked.value, at(start), at(end));
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

describe("expansion across daylight-saving changes", () => {
  it("first Saturday of the month, 10:00–12:00, all through 2026: always 10:00 in Paris, the UTC hour moves", () => {
    const list = occurrences("FREQ=MONTHLY;BYDAY=1SA;COUNT=12", "2026-01-03T10:00", "2026-01-03T12:00");
    expect(list.map((o) => paris(o.startsAt))).toEqual([
      "2026-01-03 10:00", "2026-02-07 10:00", "2026-03-07 10:00", "2026-04-04 10:00", "2026-05-02 10:00", "2026-06-06 10:00",
      "2026-07-04 10:00", "2026-08-01 10:00", "2026-09-05 10:00", "2026-10-03 10:00", "2026-11-07 10:00", "2026-12-05 10:00",
    ]);
    expect(list.every((o) => paris(o.endsAt).endsWith("12:00"))).toBe(true);
    // Winter: UTC+1; summer: UTC+2.
    expect(list[2].startsAt.toISOString()).toBe("2026-03-07T09:00:00.000Z");
    expect(list[3].startsAt.toISOString()).toBe("2026-04-04T08:00:00.000Z");
    expect(list[10].startsAt.toISOString()).toBe("2026-11-07T09:00:00.000Z");
  });

  it("weekly on Saturdays around 28 March 2027 and 31 October 2027", () => {
    const spring = occurrences("FREQ=WEEKLY;BYDAY=SA;COUNT=3", "2027-03-20T10:00", "2027-03-20T12:00");
    expect(spring.map((o) => o.startsAt.toISOString())).toEqual(["2027-03-20T09:00:00.000Z", "2027-03-27T09:00:00.000Z", "2027-04-03T08:00:00.000Z"]);
    const autumn = occurrences("FREQ=WEEKLY;COUNT=3", "2027-10-23T18:30", "2027-10-23T20:00");
    expect(autumn.map((o) => paris(o.startsAt))).toEqual(["2027-10-23 18:30", "2027-10-30 18:30", "2027-11-06 18:30"]);
    expect(autumn.map((o) => o.startsAt.toISOString())).toEqual(["2027-10-23T16:30:00.000Z", "2027-10-30T16:30:00.000Z", "2027-11-06T17:30:00.000Z"]);
  });

  it("an event spanning the night of the change keeps its wall-clock length", () => {
    // Saturday 24 Oct 2026 22:00 → Sunday 02:00 (the clocks go back at 03:00 that night, after it ends)
    const [o] = occurrences("FREQ=WEEKLY;COUNT=1", "2026-10-24T22:00", "2026-10-25T02:00");
    expect(paris(o.endsAt)).toBe("2026-10-25 02:00");
    // 28 March 2027, 01:00 → 04:00 crosses the missing hour: 3 wall-clock hours, 2 real ones.
    const [p] = occurrences("FREQ=WEEKLY;COUNT=1", "2027-03-28T01:00", "2027-03-28T04:00");
    expect(p.endsAt.getTime() - p.startsAt.getTime()).toBe(2 * 3600_000);
  });

  it("the last Friday of the month with UNTIL, and a fixed day of the month", () => {
    const last = occurrences("FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20270430T235959Z", "2027-01-29T19:00", "2027-01-29T21:00");
    expect(last.map((o) => paris(o.startsAt))).toEqual(["2027-01-29 19:00", "2027-02-26 19:00", "2027-03-26 19:00", "2027-04-30 19:00"]);
    const fixed = occurrences("FREQ=MONTHLY;BYMONTHDAY=15;COUNT=3", "2027-03-15T14:00", "2027-03-15T16:00");
    expect(fixed.map((o) => paris(o.startsAt))).toEqual(["2027-03-15 14:00", "2027-04-15 14:00", "2027-05-15 14:00"]);
  });

  it("a series that never ends (chosen explicitly) is made one year ahead", () => {
    const list = occurrences("FREQ=MONTHLY;BYDAY=1SA", "2027-01-02T10:00", "2027-01-02T12:00", true);
    // 366 days from 2 January 2027 reach Saturday 1 January 2028.
    expect(list.map((o) => paris(o.startsAt).slice(0, 10)).slice(-2)).toEqual(["2027-12-04", "2028-01-01"]);
    expect(list).toHaveLength(13);
  });

  it("moving a series to another time keeps each occurrence's date, in Paris time", () => {
    const moved = moveToTimeOf(at("2027-04-03T10:00"), at("2027-01-02T14:30"), at("2027-01-02T16:00"));
    expect(paris(moved.startsAt)).toBe("2027-04-03 14:30");
    expect(paris(moved.endsAt)).toBe("2027-04-03 16:00");
  });
});

describe("only the shapes the form makes", () => {
  it.each([
    ["FREQ=DAILY;COUNT=3", "rrule_unsupported"],
    ["FREQ=WEEKLY;BYHOUR=10;COUNT=3", "rrule_unsupported"],
    ["FREQ=MONTHLY;BYDAY=SA;COUNT=3", "rrule_unsupported"],
    ["FREQ=MONTHLY;BYDAY=5SA;COUNT=3", "rrule_unsupported"],
    ["FREQ=MONTHLY;COUNT=3", "rrule_unsupported"],
    ["FREQ=WEEKLY;COUNT=3;UNTIL=20270101", "rrule_unsupported"],
    ["FREQ=WEEKLY;COUNT=500", "rrule_too_long"],
    ["FREQ=WEEKLY", "rrule_end_required"],
    ["not a rule", "rrule_unsupported"],
  ])("%s → %s, naming the field", (rule, code) => {
    const result = checkRrule(rule, false);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code, field: "rrule" });
  });

  it("never ends only when chosen, and not together with an end", () => {
    expect(checkRrule("RRULE:freq=weekly", true)).toEqual({ ok: true, value: "FREQ=WEEKLY" });
    const both = checkRrule("FREQ=WEEKLY;COUNT=4", true);
    expect(both.ok || both.error.field).toBe("endless");
  });

  it("an UNTIL more than two years ahead is refused", () => {
    const result = expand("FREQ=WEEKLY;UNTIL=20300101", at("2027-01-02T10:00"), at("2027-01-02T12:00"));
    expect(result.ok || result.error.code).toBe("rrule_too_long");
  });
});
