import { Create, Follow, Like } from "@fedify/vocab";
import { describe, expect, it } from "vitest";
import { acceptableActivity, plainlyAbsolute } from "../../federation/inbox/guard.ts";
import { hostMatches } from "../../server/domain/governance.ts";

const actor = new URL("https://social.example/users/alice");

describe("inbound activity ids", () => {
  it("accepts http(s) ids on the actor's own origin", () => {
    expect(acceptableActivity(new Follow({ id: new URL("https://social.example/follows/1"), actor }))).toBe(true);
  });

  it.each([
    ["javascript:alert(1)", "a script URL"],
    ["acct:alice@social.example", "an acct: URI"],
    ["https://elsewhere.example/likes/1", "another server's id"],
    [`https://social.example/${"x".repeat(3000)}`, "an id over 2 KiB"],
  ])("refuses %s (%s)", (id) => {
    expect(acceptableActivity(new Like({ id: new URL(id), actor }))).toBe(false);
  });

  it("refuses activities without an actor, and lets handlers judge a missing id", () => {
    expect(acceptableActivity(new Create({ id: new URL("https://social.example/c/1") }))).toBe(false);
    expect(acceptableActivity(new Create({ actor }))).toBe(true); // Misskey deletes accounts with id-less activities
  });
});

describe("domain block rules", () => {
  it("match subdomains of names but only the exact IP address", () => {
    expect(hostMatches("mastodon.bad.example", "bad.example")).toBe(true);
    expect(hostMatches("notbad.example", "bad.example")).toBe(false);
    expect(hostMatches("127.0.0.4", "127.0.0.4")).toBe(true);
    expect(hostMatches("127.0.0.4", "0.0.4")).toBe(false);
    expect(hostMatches("127.0.0.4", "4")).toBe(false);
  });
});

// The cheap path of the absolute-actor check: it may only say yes for plain
// documents; anything it cannot judge from the raw JSON goes to the full check.
describe("actors written absolute, read from the raw JSON", () => {
  const AS = "https://www.w3.org/ns/activitystreams";
  const follow = new Follow({ id: new URL("https://social.example/follows/1"), actor });
  const raw = (extra: Record<string, unknown>) => ({ "@context": AS, id: "https://social.example/follows/1", type: "Follow", ...extra });

  it("says yes to a plain actor IRI or object with that id, as Mastodon writes them", () => {
    expect(plainlyAbsolute(raw({ actor: actor.href }), follow)).toBe(true);
    expect(plainlyAbsolute(raw({ actor: { id: actor.href, type: "Person" } }), follow)).toBe(true);
    const mastodon = [AS, "https://w3id.org/security/v1", { toot: "http://joinmastodon.org/ns#", Emoji: "toot:Emoji" }];
    expect(plainlyAbsolute({ ...raw({ actor: actor.href }), "@context": mastodon }, follow)).toBe(true);
  });

  it("never says yes to a relative, blank or other actor, nor to contexts that could rename it", () => {
    for (const written of [" https://social.example/users/alice", "/users/alice", "alice", "\u0000", "", "https://social.example/users/bob"]) {
      expect(plainlyAbsolute(raw({ actor: written }), follow)).toBe(false);
    }
    expect(plainlyAbsolute({ ...raw({ actor: actor.href }), "@context": [AS, { who: "as:actor" }] }, follow)).toBe(false);
    expect(plainlyAbsolute({ ...raw({ actor: actor.href }), "@context": [AS, { "@base": "https://social.example/" }] }, follow)).toBe(false);
    expect(plainlyAbsolute({ ...raw({ actor: actor.href }), "@context": "https://evil.example/context" }, follow)).toBe(false);
    expect(plainlyAbsolute(raw({ actor: actor.href, "as:actor": "https://evil.example/users/x" }), follow)).toBe(false);
  });
});
