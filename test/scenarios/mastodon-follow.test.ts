// From a Mastodon app (masto.js, with an OAuth token), a member of instance A
// follows the network of instance B, over real HTTPS and real signatures:
// finds it (search with resolve=true, as apps do), follows it, sees B's Accept
// in the relationship, reads B's public announcement in the home timeline,
// likes it (a Like B's animators hear of), then unfollows. Two instances only (test/helpers/instances.ts): A (lilas)
// and B (tilleuls). The tests build on each other, in order.
import type { mastodon } from "masto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { A, B, dumpLogsOnFailure, SETUP_TIMEOUT_MS, since, startInstances, waitFor, type ApiClient, type Fleet, type Instance } from "../helpers/instances.ts";
import { logInWithApp, registerApp } from "../helpers/mastodon.ts";
import { announce, DELIVERY_TIMEOUT_MS } from "./steps.ts";

let fleet: Fleet;
let a: Instance, b: Instance;
let bruno: ApiClient; // animator of tilleuls (B)
let app: mastodon.rest.Client; // alice, member of lilas (A), in her Mastodon app

const TILLEULS = `https://${B.ip}/n/tilleuls`;

beforeAll(async () => {
  const started = Date.now();
  fleet = await startInstances([
    { ...A, network: { slug: "lilas", name: "Les Lilas", animator: "amelie" } },
    { ...B, network: { slug: "tilleuls", name: "Les Tilleuls", description: "Quartier des Tilleuls", animator: "bruno" } },
  ]);
  [a, b] = fleet.instances;
  bruno = b.animator;
  await a.invitedBy(a.animator, "lilas", "alice");
  ({ rest: app } = await logInWithApp(a.origin, await registerApp(a.origin), "alice", "alice has a long password"));
  console.log(`mastodon-follow: 2 instances, a member and her app token in ${since(started)}`);
}, SETUP_TIMEOUT_MS);
afterAll(() => fleet?.dispose());
dumpLogsOnFailure(() => fleet);

let tilleuls: mastodon.v1.Account;
let fromB: mastodon.v1.Status; // B's announcement, as A's home timeline shows it

describe("a member's Mastodon app follows a network on another instance", () => {
  it("finds the network by its handle: unknown before, looked up with resolve=true, then known to lookup", async () => {
    const handle = `tilleuls@${B.ip}`;
    expect((await app.v2.search.list({ q: `@${handle}`, type: "accounts" })).accounts).toEqual([]);
    await expect(app.v1.accounts.lookup({ acct: handle })).rejects.toMatchObject({ statusCode: 404 });

    const found = await app.v2.search.list({ q: `@${handle}`, type: "accounts", resolve: true });
    expect(found.accounts).toHaveLength(1);
    tilleuls = found.accounts[0];
    expect(tilleuls).toMatchObject({ acct: handle, uri: TILLEULS, group: true, displayName: "Les Tilleuls" });
    expect((await app.v1.accounts.lookup({ acct: handle })).id).toBe(tilleuls.id);
  });

  it("follows it: requested at first, following once B's Accept came back", async () => {
    const asked = await app.v1.accounts.$select(tilleuls.id).follow();
    expect(asked.id).toBe(tilleuls.id);
    expect(asked.following || asked.requested).toBe(true);
    await waitFor(
      "the relationship to become following (B's Accept)",
      async () => (await app.v1.accounts.relationships.fetch({ id: [tilleuls.id] }))[0]?.following,
      { timeoutMs: DELIVERY_TIMEOUT_MS },
    );
    const followers = await bruno.expect(200, "GET", "/api/networks/tilleuls/followers");
    expect(followers.body.followers).toContainEqual(expect.objectContaining({ state: "accepted", actor: expect.objectContaining({ id: `https://${A.ip}/m/alice` }) }));
  });

  it("B's public announcement appears in the home timeline, as a status by the network", async () => {
    const posted = await announce(bruno, "tilleuls", "Troc de graines samedi, place des Tilleuls #jardin", "public");
    const status = await waitFor(
      "B's announcement in A's home timeline",
      async () => (await app.v1.timelines.home.list({ limit: 40 })).find((s) => s.uri === posted.url),
      { timeoutMs: DELIVERY_TIMEOUT_MS },
    );
    expect(status.account).toMatchObject({ id: tilleuls.id, acct: `tilleuls@${B.ip}`, group: true });
    expect(status.content).toContain("Troc de graines samedi");
    expect(status.visibility).toBe("public");
    // The app opens it by its id, as the timeline gave it.
    expect((await app.v1.statuses.$select(status.id).fetch()).uri).toBe(posted.url);
    fromB = status;
  });

  it("a favourite from the app is a Like that reaches B, whose animators are told who liked it; a reblog wraps the status and reaches B too", async () => {
    expect(await app.v1.statuses.$select(fromB.id).favourite()).toMatchObject({ id: fromB.id, favourited: true });
    const boosted = await app.v1.statuses.$select(fromB.id).reblog();
    expect(boosted).toMatchObject({ account: { acct: "alice" }, reblog: { id: fromB.id, reblogged: true } });
    await waitFor(
      "B's animator to hear of Alice's like",
      async () => ((await bruno.expect(200, "GET", "/api/me/notifications")).body.notifications as { kind: string; from: string }[]).find((n) => n.kind === "reactions.like" && n.from === "Alice"),
      { timeoutMs: DELIVERY_TIMEOUT_MS },
    );
    await waitFor(
      "B's animator to hear of Alice's boost (the Announce goes to the author too)",
      async () => ((await bruno.expect(200, "GET", "/api/me/notifications")).body.notifications as { kind: string; from: string }[]).find((n) => n.kind === "reactions.boost" && n.from === "Alice"),
      { timeoutMs: DELIVERY_TIMEOUT_MS },
    );
  });

  it("unfollows: the relationship is cleared here and B no longer counts A's member among its followers", async () => {
    const after = await app.v1.accounts.$select(tilleuls.id).unfollow();
    expect(after).toMatchObject({ following: false, requested: false });
    expect((await app.v1.accounts.relationships.fetch({ id: [tilleuls.id] }))[0]).toMatchObject({ following: false, requested: false });
    await waitFor(
      "B to drop A's member from its followers (Undo Follow)",
      async () => {
        const list = (await bruno.expect(200, "GET", "/api/networks/tilleuls/followers")).body.followers as { actor: { id: string } }[];
        return !list.some((f) => f.actor.id === `https://${A.ip}/m/alice`);
      },
      { timeoutMs: DELIVERY_TIMEOUT_MS },
    );
  });
});
