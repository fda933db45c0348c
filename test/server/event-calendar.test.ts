// Calendar feeds read back by ical.js (the parser Thunderbird uses): the
// series is one VEVENT with its RRULE in Europe/Paris, the cancelled
// occurrence an EXDATE, the moved one an override; expanding it gives the
// same dates as the API. The member's secret URL works until renewed.
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinWith, withNetwork, type Client } from "../helpers/app.ts";
import { createFederatedTestApp, type FederatedTestApp } from "../helpers/federated-app.ts";

let t: FederatedTestApp;
let sophie: Client;
let marie: Client;
let events: any[];

beforeAll(async () => {
  t = await createFederatedTestApp();
  const admin = await withNetwork(t);
  sophie = await joinWith(t, admin, "sophie", "lilas", "animator");
  marie = await joinWith(t, sophie, "marie");
  const res = await sophie.post("/api/networks/lilas/events", {
    kind: "cafe",
    title: "Café-rencontre",
    body: "Café, thé; gâteaux, bonne humeur\net nouvelles du quartier",
    startsAt: "2027-03-06T10:00",
    endsAt: "2027-03-06T12:00",
    place: { name: "Salle des fêtes", street: "2 rue des Lilas", postalCode: "44000", locality: "Nantes", latitude: 47.218, longitude: -1.553 },
    visibility: "public",
    rrule: "FREQ=MONTHLY;BYDAY=1SA;COUNT=5",
  });
  events = res.body.events;
  await sophie.post(`/api/events/${events[2].id}/cancel`, {});
  await sophie.patch(`/api/events/${events[3].id}`, { startsAt: "2027-06-05T15:00", endsAt: "2027-06-05T17:00" });
  await sophie.post("/api/networks/lilas/events", {
    kind: "reunion",
    title: "Réunion d'animation",
    startsAt: "2027-03-10T18:30",
    endsAt: "2027-03-10T20:00",
    place: { name: "Chez Sophie" },
  });
});
afterAll(() => t.close());

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zone = calendar.getFirstSubcomponent("vtimezone")!;
  ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  return calendar;
}

/** The occurrences a calendar app shows: the series expanded, minus EXDATEs, with overrides applied. */
function occurrencesOf(calendar: ICAL.Component, uidPrefix: string) {
  const vevents = calendar.getAllSubcomponents("vevent").filter((v) => String(v.getFirstPropertyValue("uid")).startsWith(uidPrefix));
  const master = new ICAL.Event(vevents.find((v) => v.hasProperty("rrule"))!);
  for (const v of vevents) if (v.hasProperty("recurrence-id")) master.relateException(new ICAL.Event(v));
  const iterator = master.iterator();
  const starts: string[] = [];
  for (let next = iterator.next(); next; next = iterator.next()) {
    const details = master.getOccurrenceDetails(next);
    starts.push(details.startDate.toJSDate().toISOString());
  }
  return { master, starts };
}

describe("network calendar (public events)", () => {
  it("parses back: Europe/Paris VTIMEZONE, the series with RRULE, EXDATE and an override", async () => {
    const res = await t.client().get("/api/networks/lilas/events/feed.ics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("lilas.ics");
    const calendar = parse(res.text);
    expect(calendar.getFirstSubcomponent("vtimezone")!.getFirstPropertyValue("tzid")).toBe("Europe/Paris");
    expect(res.text).not.toContain("Réunion d'animation");
    const seriesId = events[0].series.id;
    const { master, starts } = occurrencesOf(calendar, seriesId);
    expect(master.summary).toBe("Café-rencontre (Les Lilas)");
    expect(master.location).toBe("Salle des fêtes, 2 rue des Lilas, 44000 Nantes");
    expect(master.description).toContain("gâteaux, bonne humeur\net nouvelles");
    expect(master.startDate.zone?.tzid).toBe("Europe/Paris");
    expect(master.startDate.toString()).toBe("2027-03-06T10:00:00");
    expect(res.text).toContain("\r\nRRULE:FREQ=MONTHLY;BYDAY=1SA;COUNT=5\r\n");
    expect(master.component.getFirstPropertyValue("rrule")).toMatchObject({ freq: "MONTHLY", count: 5, parts: { BYDAY: ["1SA"] } });
    // What the API says, occurrence by occurrence (the cancelled one left out, the moved one moved).
    const expected = events.filter((_, i) => i !== 2).map((e, i) => (i === 2 ? "2027-06-05T13:00:00.000Z" : e.startsAt));
    expect(starts).toEqual(expected);
    // April is summer time in Paris: 10:00 is 08:00 UTC.
    expect(starts[1]).toBe("2027-04-03T08:00:00.000Z");
  });
});

describe("member calendar (secret URL)", () => {
  it("has the network's events for its members, and stops working once renewed", async () => {
    const { url } = (await marie.get("/api/me/calendar")).body;
    expect(url).toMatch(/^https:\/\/maillage\.test\/api\/calendars\/[\w-]{32}\/events\.ics$/);
    expect((await marie.get("/api/me/calendar")).body.url).toBe(url);
    const path = new URL(url).pathname;
    const ics = await t.client().get(path);
    expect(ics.status).toBe(200);
    const calendar = parse(ics.text);
    const summaries = calendar.getAllSubcomponents("vevent").map((v) => v.getFirstPropertyValue("summary"));
    expect(summaries).toContain("Réunion d'animation (Les Lilas)");
    expect(summaries).toContain("Café-rencontre (Les Lilas)");
    const renewed = (await marie.post("/api/me/calendar/renew")).body.url;
    expect(renewed).not.toBe(url);
    expect((await t.client().get(path)).status).toBe(404);
    expect((await t.client().get(new URL(renewed).pathname)).status).toBe(200);
  });
});
