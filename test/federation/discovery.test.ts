// WebFinger (acct:, actor URL and https://HOST/@name forms) and NodeInfo 2.1.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { version } from "../../server/version.ts";
import { createTestInstance, HOST, ORIGIN, seedMember, seedNetwork, type TestInstance } from "./support/instance.ts";

let app: TestInstance;

beforeAll(async () => {
  app = await createTestInstance();
  const network = await seedNetwork(app.db, { slug: "les-tilleuls", name: "Les Tilleuls" });
  await seedMember(app.db, "alice", network.id);
  await seedMember(app.db, "bob", network.id);
});
afterAll(() => app.close());

async function webfinger(resource: string) {
  return app.get(`/.well-known/webfinger?resource=${encodeURIComponent(resource)}`, "application/jrd+json");
}

const selfLink = (jrd: any) => jrd.links.find((l: any) => l.rel === "self")?.href;

describe("WebFinger", () => {
  it("resolves acct:SLUG@HOST to the network's Group", async () => {
    const response = await webfinger(`acct:les-tilleuls@${HOST}`);
    expect(response.status).toBe(200);
    const jrd = await response.json();
    expect(jrd.subject).toBe(`acct:les-tilleuls@${HOST}`);
    expect(selfLink(jrd)).toBe(`${ORIGIN}/n/les-tilleuls`);
    expect(jrd.links).toContainEqual({ rel: "http://webfinger.net/rel/profile-page", href: `${ORIGIN}/n/les-tilleuls` });
  });

  it("resolves acct:HANDLE@HOST to the member's Person, case-insensitively", async () => {
    const jrd = await (await webfinger(`acct:Alice@${HOST}`)).json();
    expect(selfLink(jrd)).toBe(`${ORIGIN}/m/alice`);
  });

  it("resolves the https://HOST/@handle form", async () => {
    const response = await webfinger(`${ORIGIN}/@bob`);
    expect(response.status).toBe(200);
    const jrd = await response.json();
    expect(jrd.subject).toBe(`acct:bob@${HOST}`);
    expect(selfLink(jrd)).toBe(`${ORIGIN}/m/bob`);
  });

  it("resolves the actor URL form", async () => {
    const jrd = await (await webfinger(`${ORIGIN}/n/les-tilleuls`)).json();
    expect(jrd.subject).toBe(`${ORIGIN}/n/les-tilleuls`);
    expect(jrd.aliases).toContain(`acct:les-tilleuls@${HOST}`);
    expect(selfLink(jrd)).toBe(`${ORIGIN}/n/les-tilleuls`);
  });

  it("resolves the instance actor as acct:HOST@HOST", async () => {
    const jrd = await (await webfinger(`acct:${HOST}@${HOST}`)).json();
    expect(selfLink(jrd)).toBe(`${ORIGIN}/actor`);
  });

  it("answers 404 for unknown names, other hosts and foreign URLs", async () => {
    for (const resource of [`acct:nobody@${HOST}`, `acct:alice@elsewhere.example`, "https://elsewhere.example/@alice", `${ORIGIN}/@nobody`]) {
      expect((await webfinger(resource)).status, resource).toBe(404);
    }
  });
});

describe("NodeInfo", () => {
  it("links NodeInfo 2.1 and the instance actor from /.well-known/nodeinfo", async () => {
    const response = await app.get("/.well-known/nodeinfo", "application/json");
    expect(response.status).toBe(200);
    const jrd = await response.json();
    expect(jrd.links).toContainEqual(
      expect.objectContaining({ rel: "http://nodeinfo.diaspora.software/ns/schema/2.1", href: `${ORIGIN}/nodeinfo/2.1` }),
    );
    expect(jrd.links).toContainEqual({ rel: "https://www.w3.org/ns/activitystreams#Application", href: `${ORIGIN}/actor` });
  });

  it("describes the software, usage and closed registrations", async () => {
    const response = await app.get("/nodeinfo/2.1", "application/json");
    expect(response.status).toBe(200);
    const info = await response.json();
    expect(info.version).toBe("2.1");
    expect(info.software).toEqual({ name: "maillage", version });
    expect(info.protocols).toEqual(["activitypub"]);
    expect(info.openRegistrations).toBe(false);
    expect(info.usage.users.total).toBe(2);
    expect(info.metadata.instanceActor).toBe(`${ORIGIN}/actor`);
  });
});
