// What apps read when they open (issue #15, items 2 and 3): the instance, the
// empty lists, and accounts — members, networks as groups — in Mastodon's shapes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { mastodon } from "masto";
import { joinWith, withNetwork } from "../../helpers/app.ts";
import { remoteActorTable } from "../../../db/schema/index.ts";
import { logInWithApp, registerApp, serveTestApp, type ServedApp } from "../../helpers/mastodon.ts";
import { accountShape, expectShape } from "./shapes.ts";

let t: ServedApp;
let rest: mastodon.rest.Client;
const password = "marie has a long password";

beforeAll(async () => {
  t = await serveTestApp();
  const admin = await withNetwork(t);
  await joinWith(t, admin, "marie");
  const app = await registerApp(t.url);
  rest = (await logInWithApp(t.url, app, "marie", password)).rest;
});
afterAll(() => t.stop());

describe("an app opening", () => {
  it("reads the instance, v1 and v2, with a version apps understand", async () => {
    const v2 = await rest.v2.instance.fetch();
    expect(v2.domain).toBe("maillage.test");
    expect(v2.version).toMatch(/^4\.\d+\.\d+ \(compatible; Maillage /);
    expect(v2.registrations.enabled).toBe(false);
    expect(v2.configuration.statuses.maxCharacters).toBeGreaterThan(500);
    const v1 = await rest.v1.instance.fetch();
    expect(v1.uri).toBe("maillage.test");
    expect(v1.urls.streamingApi).toBe("wss://maillage.test");
  });

  it("gets empty lists where Maillage has nothing, and the member's preferences", async () => {
    expect(await rest.v1.customEmojis.list()).toEqual([]);
    expect(await rest.v1.announcements.list()).toEqual([]);
    expect(await rest.v1.filters.list()).toEqual([]);
    expect(await rest.v2.filters.list()).toEqual([]);
    expect(await rest.v1.markers.fetch({ timeline: ["home"] })).toEqual({});
    expect((await rest.v1.preferences.fetch())["posting:default:visibility"]).toBe("private");
  });
});

describe("accounts", () => {
  it("verify_credentials: the member who logged in, with their own settings", async () => {
    const me = await rest.v1.accounts.verifyCredentials();
    expectShape(me, accountShape);
    expect(me).toMatchObject({ username: "marie", acct: "marie", displayName: "Marie", group: false });
    expect(me.source.language).toBe("fr");
    const avatar = await fetch(new URL(new URL(me.avatar).pathname, t.url));
    expect(avatar.headers.get("content-type")).toBe("image/png");
  });

  it("update_credentials changes the name and the presentation", async () => {
    const me = await rest.v1.accounts.updateCredentials({ displayName: "Marie D.", note: "Jardinière\n\nRue des Lilas" });
    expect(me.displayName).toBe("Marie D.");
    expect(me.note).toBe("<p>Jardinière</p><p>Rue des Lilas</p>");
    await expect(rest.v1.accounts.updateCredentials({ displayName: "x".repeat(81) })).rejects.toMatchObject({ statusCode: 422 });
  });

  it("a network is an account with group: true, found by lookup and by id", async () => {
    const lilas = await rest.v1.accounts.lookup({ acct: "lilas" });
    expectShape(lilas, accountShape);
    expect(lilas).toMatchObject({ group: true, displayName: "Les Lilas", url: "https://maillage.test/n/lilas" });
    expect(lilas.followersCount).toBe(1);
    expect((await rest.v1.accounts.$select(lilas.id).fetch()).acct).toBe("lilas");
    expect((await rest.v1.accounts.lookup({ acct: "marie@maillage.test" })).group).toBe(false);
  });

  it("search and relationships", async () => {
    const found = await rest.v1.accounts.search.list({ q: "lila" });
    expect(found.map((a) => a.acct)).toContain("lilas");
    const [rel] = await rest.v1.accounts.relationships.fetch({ id: [found[0].id] });
    expect(rel).toMatchObject({ id: found[0].id, following: false, blocking: false });
    // v2, as apps search: accounts only; our own host's handle is one of ours; bad input is a 422.
    const v2 = await rest.v2.search.list({ q: "@lilas@maillage.test", resolve: true });
    expect(v2).toMatchObject({ statuses: [], hashtags: [] });
    expect(v2.accounts.map((a) => a.acct)).toEqual(["lilas"]);
    await expect(rest.v2.search.list({ q: "lilas", type: "groups" as never })).rejects.toMatchObject({ statusCode: 422 });
    await expect(rest.v2.search.list({ q: " " })).rejects.toMatchObject({ statusCode: 422 });
  });

  it("follow: networks here are joined, not followed; elsewhere needs the federation", async () => {
    const lilas = await rest.v1.accounts.lookup({ acct: "lilas" });
    await expect(rest.v1.accounts.$select(lilas.id).follow()).rejects.toMatchObject({ statusCode: 422 });
    await expect(rest.v1.accounts.$select("rnope").follow()).rejects.toMatchObject({ statusCode: 404 });
    await t.handle.db.insert(remoteActorTable).values({ id: "https://ailleurs.example/groups/jardins", type: "Group", host: "ailleurs.example", handle: "@jardins@ailleurs.example", inbox: "https://ailleurs.example/inbox" });
    const remote = await rest.v1.accounts.lookup({ acct: "jardins@ailleurs.example" });
    expect(remote.group).toBe(true);
    // This test app does not federate: the app is told so, no 500.
    await expect(rest.v1.accounts.$select(remote.id).follow()).rejects.toMatchObject({ statusCode: 503 });
    expect((await rest.v1.accounts.$select(remote.id).unfollow()).following).toBe(false);
  });

  it("unknown ids and handles: 404 in Mastodon's shape", async () => {
    const res = await fetch(new URL("/api/v1/accounts/00000000-0000-4000-8000-000000000000", t.url));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "Record not found" });
    expect((await fetch(new URL("/api/v1/accounts/lookup?acct=nobody", t.url))).status).toBe(404);
    expect((await fetch(new URL("/api/v1/nothing/here", t.url))).status).toBe(404);
  });

  it("a token without the scope: 403; without a token: 401", async () => {
    const app = await registerApp(t.url, "write");
    const writeOnly = await logInWithApp(t.url, app, "marie", password, "write");
    await expect(writeOnly.rest.v1.accounts.verifyCredentials()).rejects.toMatchObject({ statusCode: 403 });
    const res = await fetch(new URL("/api/v1/accounts/verify_credentials", t.url));
    expect(res.status).toBe(401);
  });
});
