import { Create, Follow, Like } from "@fedify/vocab";
import { describe, expect, it } from "vitest";
import { acceptableActivity } from "../../federation/inbox/guard.ts";
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
