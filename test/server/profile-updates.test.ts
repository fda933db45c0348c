// A changed profile reaches the followers as an Update of the actor: the
// network's name or logo, a member's name.
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { followerTable, memberTable, networkTable, remoteActorTable } from "../../db/schema/index.ts";
import { APP_ORIGIN, createFederatedTestApp, type FederatedTestApp } from "../helpers/federated-app.ts";
import { joinWith, withNetwork, type Client } from "../helpers/app.ts";

let t: FederatedTestApp;
let sophie: Client;
let marie: Client;
const alice = "https://mastodon.example/users/alice";

beforeAll(async () => {
  t = await createFederatedTestApp();
  sophie = await withNetwork(t);
  marie = await joinWith(t, sophie, "marie");
  await t.seedKeysOf("network", "lilas");
  await t.seedKeysOf("member", "marie");
  await t.remote.addActor({ id: alice, sharedInbox: "https://mastodon.example/inbox" });
  await t.db.insert(remoteActorTable).values({ id: alice, type: "Person", host: "mastodon.example", inbox: `${alice}/inbox`, sharedInbox: "https://mastodon.example/inbox" });
  const [network] = await t.db.select().from(networkTable).where(eq(networkTable.slug, "lilas"));
  const [member] = await t.db.select().from(memberTable).where(eq(memberTable.handle, "marie"));
  for (const local of [{ networkId: network.id }, { memberId: member.id }]) {
    await t.db.insert(followerTable).values({ ...local, remoteActorId: alice, followId: `${alice}#f/${crypto.randomUUID()}`, state: "accepted" });
  }
});
afterAll(() => t.close());

const updates = async () => (await t.drain()).filter((d) => d.activity.type === "Update").map((d) => d.activity as Record<string, any>);

describe("profile updates", () => {
  it("send the Group with its new name to its followers", async () => {
    expect((await sophie.patch("/api/networks/lilas", { name: "Les Lilas en fleurs" })).status).toBe(200);
    const [update] = await updates();
    expect(update).toMatchObject({ actor: `${APP_ORIGIN}/n/lilas`, object: { type: "Group", id: `${APP_ORIGIN}/n/lilas`, name: "Les Lilas en fleurs" } });
  });

  it("send the Group with its new logo", async () => {
    const photo = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#fa0" } }).jpeg().toBuffer();
    const up = await sophie.upload("/api/networks/lilas/media", photo, "logo.jpg");
    await sophie.put("/api/networks/lilas/icon", { media: up.body.media.id });
    const [update] = await updates();
    expect(update.object.icon).toMatchObject({ type: "Image", url: up.body.media.url });
  });

  it("send a member's new name as an Update of their Person, and nothing for a language change", async () => {
    await marie.patch("/api/me", { displayName: "Marie D." });
    const [update] = await updates();
    expect(update).toMatchObject({ actor: `${APP_ORIGIN}/m/marie`, object: { type: "Person", name: "Marie D." } });
    await marie.patch("/api/me", { locale: "en" });
    expect(await updates()).toEqual([]);
  });

  it("send nothing when the change is refused", async () => {
    expect((await marie.patch("/api/networks/lilas", { name: "Pris" })).status).toBe(403);
    expect(await updates()).toEqual([]);
  });
});
