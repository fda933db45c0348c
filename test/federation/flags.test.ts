// A `Flag` from another server, as Mastodon, Misskey and GoToSocial send it
// (test/fixtures/*/flag.json), delivered with a real HTTP signature: about
// our member and their offer, it becomes one report in the network's queue,
// marked with the sending server, and the animators are told; delivered again,
// nothing new. A Flag naming nothing of ours is accepted and creates nothing;
// one from a blocked server is refused (403) before anything is read; one from
// a server the network alone blocked reaches the admin's queue instead.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Flag } from "@fedify/vocab";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { domainBlockTable, membershipTable, networkBlockTable, notificationTable, offerTable, reportTable } from "../../db/schema/index.ts";
import { signedPost, type RemoteActorKeys } from "./support/fake-fediverse.ts";
import { createTestInstance, ORIGIN, seedMember, seedNetwork, type TestInstance } from "./support/instance.ts";

const fixtures = join(import.meta.dirname, "..", "fixtures");
let app: TestInstance;
let offerId: string;
let networkId: string;
let animatorId: string;

const servers = {
  mastodon: "https://mastodon.example/actor",
  misskey: "https://misskey.example/users/9k3h2x1a0b",
  gotosocial: "https://gts.example/users/gts.example",
} as const;
const actors = {} as Record<keyof typeof servers, RemoteActorKeys>;

const flagOf = (name: keyof typeof servers) =>
  JSON.parse(readFileSync(join(fixtures, name, "flag.json"), "utf8").replaceAll("{{OFFER_ID}}", offerId)) as Record<string, any>;

async function deliver(activity: Record<string, any>, actor: RemoteActorKeys, inbox = `${ORIGIN}/inbox`) {
  const response = await app.post(await signedPost(inbox, activity, actor));
  await app.drain();
  return response.status;
}

beforeAll(async () => {
  app = await createTestInstance();
  const network = await seedNetwork(app.db, { slug: "les-tilleuls", name: "Les Tilleuls" });
  networkId = network.id;
  const marc = await seedMember(app.db, "marc", network.id);
  const sophie = await seedMember(app.db, "sophie", network.id);
  animatorId = sophie.id;
  await app.db.update(membershipTable).set({ role: "animator" }).where(eq(membershipTable.memberId, sophie.id));
  const [offer] = await app.db.insert(offerTable).values({ networkId: network.id, authorId: marc.id, kind: "offer", themeSlug: "don", title: "Crèmes à vendre", body: "Promo !", visibility: "public" }).returning();
  offerId = offer.id;
  for (const [name, id] of Object.entries(servers) as [keyof typeof servers, string][]) {
    actors[name] = await app.remote.addActor({ id, type: "Application", preferredUsername: new URL(id).hostname });
  }
});
afterAll(() => app.close());

describe.each(Object.keys(servers) as (keyof typeof servers)[])("a Flag from %s", (name) => {
  it("parses as a Flag from the server's instance actor", async () => {
    const flag = await Flag.fromJsonLd(flagOf(name), { documentLoader: app.remote.documentLoader, contextLoader: app.remote.documentLoader });
    expect(flag.actorId?.href).toBe(servers[name]);
  });

  it("about our member's offer: one report in the network's queue, marked with the server; the animators are told", async () => {
    await app.db.delete(reportTable);
    await app.db.delete(notificationTable);
    expect(await deliver(flagOf(name), actors[name])).toBe(202);
    const reports = await app.db.select().from(reportTable);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ networkId, subjectType: "offer", subjectId: offerId, reporterId: null, fromHost: new URL(servers[name]).host, status: "open" });
    expect(reports[0].snapshot.title).toBe("Crèmes à vendre");
    expect(reports[0].comment.length).toBeGreaterThan(0);
    const notices = await app.db.select().from(notificationTable).where(eq(notificationTable.memberId, animatorId));
    expect(notices.map((n) => [n.kind, n.fromName])).toEqual([["moderation.report", new URL(servers[name]).host]]);
    // Delivered again (a retry): nothing new.
    expect(await deliver(flagOf(name), actors[name])).toBe(202);
    expect(await app.db.select().from(reportTable)).toHaveLength(1);
  });
});

describe("Flags that create nothing", () => {
  it("naming objects that are not ours: accepted, nothing created", async () => {
    await app.db.delete(reportTable);
    const flag = { ...flagOf("mastodon"), id: "https://mastodon.example/other-flag", object: ["https://elsewhere.example/users/bob", "https://maillage.example/n/les-tilleuls/o/00000000-0000-4000-8000-000000000000"] };
    expect(await deliver(flag, actors.mastodon)).toBe(202);
    expect(await app.db.select().from(reportTable)).toHaveLength(0);
  });

  it("from a blocked server: 403, nothing created", async () => {
    await app.db.insert(domainBlockTable).values({ host: "gts.example" });
    const flag = { ...flagOf("gotosocial"), id: "https://gts.example/reports/01HQBLOCKED" };
    expect(await deliver(flag, actors.gotosocial)).toBe(403);
    expect(await app.db.select().from(reportTable)).toHaveLength(0);
  });

  it("from a server the network blocked (not the instance): accepted, and the report goes to the admin's queue, not the animators'", async () => {
    await app.db.delete(reportTable);
    await app.db.delete(notificationTable);
    await app.db.insert(networkBlockTable).values({ networkId, target: "misskey.example", kind: "host", reason: "Harcèlement" });
    const flag = { ...flagOf("misskey"), id: "https://misskey.example/flags/network-blocked" };
    expect(await deliver(flag, actors.misskey)).toBe(202);
    expect(await app.db.select().from(reportTable)).toMatchObject([{ networkId: null, subjectType: "offer", subjectId: offerId, fromHost: "misskey.example" }]);
    expect(await app.db.select().from(notificationTable).where(eq(notificationTable.memberId, animatorId))).toEqual([]);
    // Another server, not blocked by the network: its animators as before.
    const other = { ...flagOf("mastodon"), id: "https://mastodon.example/flags/after-block" };
    expect(await deliver(other, actors.mastodon)).toBe(202);
    expect((await app.db.select().from(reportTable)).map((r) => r.networkId).sort()).toEqual([networkId, null].sort());
    await app.db.delete(networkBlockTable);
    await app.db.delete(reportTable);
  });

  it("to the reported member's own inbox, as Mastodon may deliver it: the same report", async () => {
    const flag = { ...flagOf("mastodon"), id: "https://mastodon.example/personal-inbox-flag" };
    expect(await deliver(flag, actors.mastodon, `${ORIGIN}/m/marc/inbox`)).toBe(202);
    expect(await app.db.select().from(reportTable)).toHaveLength(1);
  });
});
