// Two real instances over HTTPS: B's network publishes a public monthly café;
// a member of A looks it up by its address and joins it; B accepts, B's
// participant count rises (in its API and in the Event it serves), and A
// records the Accept. B moves the café: A's member is told. The member
// leaves: B's count goes back down.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { A, B, dumpLogsOnFailure, SETUP_TIMEOUT_MS, since, startInstances, waitFor, type ApiClient, type Fleet, type Instance } from "../helpers/instances.ts";
import { DELIVERY_TIMEOUT_MS, fetchAsActivityPub } from "./steps.ts";

let fleet: Fleet;
let a: Instance, b: Instance;
let amelie: ApiClient; // animator of lilas (A)
let alice: ApiClient; // member of lilas (A)
let bruno: ApiClient; // animator of tilleuls (B)
let cafe: { id: string; url: string };

beforeAll(async () => {
  const started = Date.now();
  fleet = await startInstances([
    { ...A, network: { slug: "lilas", name: "Les Lilas", description: "Entraide rue des Lilas", animator: "amelie" } },
    { ...B, network: { slug: "tilleuls", name: "Les Tilleuls", description: "Quartier des Tilleuls", animator: "bruno" } },
  ]);
  [a, b] = fleet.instances;
  [amelie, bruno] = [a.animator, b.animator];
  alice = await a.invitedBy(amelie, "lilas", "alice");
  console.log(`events: 2 instances in ${since(started)}`);
}, SETUP_TIMEOUT_MS);
afterAll(() => fleet?.dispose());
dumpLogsOnFailure(() => fleet);

const going = async () => (await bruno.expect(200, "GET", `/api/events/${cafe.id}`)).body.event.going as number;

describe("a member of A joins a public event of B", () => {
  it("B publishes a monthly café; its first occurrence is an Event anyone can fetch", async () => {
    const res = await bruno.expect(201, "POST", "/api/networks/tilleuls/events", {
      kind: "cafe",
      title: "Café des Tilleuls",
      startsAt: "2027-05-01T10:00",
      endsAt: "2027-05-01T12:00",
      place: { name: "Kiosque du square", locality: "Nantes" },
      visibility: "public",
      capacity: 12,
      rrule: "FREQ=MONTHLY;BYDAY=1SA;COUNT=3",
    });
    cafe = res.body.events[0];
    expect(cafe.url).toBe(`https://${B.ip}/n/tilleuls/e/${cafe.id}`);
    const object = await (await fetchAsActivityPub(cafe.url)).json();
    expect(object).toMatchObject({ type: "Event", participantCount: 0, remainingAttendeeCapacity: 12, startTime: "2027-05-01T10:00:00+02:00" });
  });

  it("alice finds it on A by its address and joins; B accepts and counts her", async () => {
    const found = await alice.expect(200, "POST", "/api/remote-events/lookup", { url: cafe.url });
    expect(found.body.event).toMatchObject({ id: cafe.url, name: "Café des Tilleuls", participantCount: 0 });
    const joined = await alice.expect(200, "POST", "/api/remote-events/join", { id: cafe.url });
    expect(joined.body.state).toBe("pending");
    await waitFor("B to count alice", async () => (await going()) === 1 || undefined, { timeoutMs: DELIVERY_TIMEOUT_MS });
    const object = await (await fetchAsActivityPub(cafe.url)).json();
    expect(object).toMatchObject({ participantCount: 1, remainingAttendeeCapacity: 11 });
    const list = (await bruno.expect(200, "GET", `/api/events/${cafe.id}/participants`)).body.participants;
    expect(list).toEqual([expect.objectContaining({ handle: `@alice@${A.ip}`, status: "going", remote: true })]);
    const mine = await waitFor(
      "A to record B's Accept, and its copy of the event to show the new count",
      async () =>
        ((await alice.expect(200, "GET", "/api/me/events")).body.remote as any[]).find((e) => e.id === cafe.url && e.myState === "accepted" && e.participantCount === 1),
      { timeoutMs: DELIVERY_TIMEOUT_MS },
    );
    expect(mine.participantCount).toBe(1);
  });

  it("B moves the café: the Update reaches A and alice is told", async () => {
    await bruno.expect(200, "PATCH", `/api/events/${cafe.id}`, { startsAt: "2027-05-01T14:00", endsAt: "2027-05-01T16:00" });
    const notice = await waitFor(
      "alice's notice of the change",
      async () => ((await alice.expect(200, "GET", "/api/me/notifications")).body.notifications as any[]).find((n) => n.kind === "event.changed" && n.subject.id === cafe.url),
      { timeoutMs: DELIVERY_TIMEOUT_MS },
    );
    expect(notice.subject.title).toBe("Café des Tilleuls");
    const [remote] = (await alice.expect(200, "GET", "/api/me/events")).body.remote;
    expect(remote.startsAt).toBe("2027-05-01T12:00:00.000Z");
  });

  it("alice leaves: B's count goes back down", async () => {
    await alice.expect(204, "POST", "/api/remote-events/leave", { id: cafe.url });
    await waitFor("B to drop alice", async () => (await going()) === 0 || undefined, { timeoutMs: DELIVERY_TIMEOUT_MS });
  });
});
