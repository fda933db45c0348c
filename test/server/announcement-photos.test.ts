// Photos on announcements: uploaded, described for those who cannot see them,
// attached when posting, shown with the announcement and sent as Image
// attachments; they follow the announcement's visibility and go with it.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { followerTable, networkTable, remoteActorTable } from "../../db/schema/index.ts";
import { joinWith, withNetwork, type Client } from "../helpers/app.ts";
import { createFederatedTestApp, type FederatedTestApp } from "../helpers/federated-app.ts";

let t: FederatedTestApp;
let sophie: Client;
let marie: Client;
let paul: Client;
const alice = "https://mastodon.example/users/alice";

const photo = (background: string) => sharp({ create: { width: 800, height: 600, channels: 3, background } }).jpeg().toBuffer();
const upload = async (client: Client, background = "#fa0") => (await client.upload("/api/networks/lilas/media", await photo(background), "cafe.jpg")).body.media;
const post = (client: Client, body: Record<string, unknown>) => client.post("/api/networks/lilas/announcements", body);

beforeAll(async () => {
  t = await createFederatedTestApp();
  sophie = await withNetwork(t);
  marie = await joinWith(t, sophie, "marie");
  paul = await joinWith(t, sophie, "paul");
  await t.seedKeysOf("network", "lilas");
  await t.seedKeysOf("member", "marie");
  await t.remote.addActor({ id: alice, sharedInbox: "https://mastodon.example/inbox" });
  await t.db.insert(remoteActorTable).values({ id: alice, type: "Person", host: "mastodon.example", inbox: `${alice}/inbox`, sharedInbox: "https://mastodon.example/inbox" });
  const [network] = await t.db.select().from(networkTable);
  await t.db.insert(followerTable).values({ networkId: network.id, remoteActorId: alice, followId: `${alice}#f/1`, state: "accepted" });
});
afterAll(() => t.close());

describe("announcement photos", () => {
  it("are described, attached, shown and federated as Images with their alt text", async () => {
    const media = await upload(marie);
    const described = await marie.patch(`/api/media/${media.id}`, { description: "Les tasses du café-rencontre sur la table" });
    expect(described.body.media.description).toBe("Les tasses du café-rencontre sur la table");
    const res = await post(marie, { content: "Merci pour le café !", visibility: "public", photos: [media.id] });
    expect(res.status).toBe(201);
    expect(res.body.announcement.photos).toEqual([expect.objectContaining({ id: media.id, url: media.url, description: "Les tasses du café-rencontre sur la table" })]);
    const listed = (await t.client().get("/api/networks/lilas/announcements")).body.announcements;
    expect(listed[0].photos.map((p: { id: string }) => p.id)).toEqual([media.id]);
    expect((await t.client().get(new URL(media.url).pathname)).status).toBe(200);

    const sent = (await t.drain()).map((d) => d.activity as Record<string, any>).find((a) => a.type === "Announce" || a.type === "Create");
    // The Group's boost carries the id: the Note is what followers fetch there.
    const id = typeof sent?.object === "string" ? sent.object : sent?.object.id;
    const note = await (await t.app.request(new URL(id).pathname, { headers: { accept: "application/activity+json" } })).json();
    expect([note.attachment].flat()).toEqual([
      expect.objectContaining({ type: "Image", url: media.url, mediaType: "image/jpeg", name: "Les tasses du café-rencontre sur la table", width: 800 }),
    ]);
  });

  it("of a network announcement stay with the members", async () => {
    const media = await upload(marie, "#0af");
    await post(marie, { content: "Entre nous", photos: [media.id] });
    const path = new URL(media.url).pathname;
    expect((await t.client().get(path)).status).toBe(404);
    expect((await paul.get(path)).status).toBe(200);
  });

  it("are refused when not one's own upload, or more than four, and nothing is posted", async () => {
    const theirs = await upload(paul);
    const before = (await marie.get("/api/networks/lilas/announcements")).body.announcements.length;
    const refused = await post(marie, { content: "Avec la photo de Paul", photos: [theirs.id] });
    expect(refused.status).toBe(404);
    expect(refused.body.error).toMatchObject({ code: "media_not_found", field: "media" });
    const five = await Promise.all([1, 2, 3, 4, 5].map(() => upload(marie)));
    const tooMany = await post(marie, { content: "Cinq photos", photos: five.map((m) => m.id) });
    expect(tooMany.body.error).toMatchObject({ code: "too_many_photos", field: "photos" });
    expect((await marie.get("/api/networks/lilas/announcements")).body.announcements).toHaveLength(before);
    // Paul's upload is still his to use.
    expect((await post(paul, { content: "Ma photo", photos: [theirs.id] })).status).toBe(201);
  });

  it("only their uploader describes them", async () => {
    const media = await upload(marie);
    expect((await paul.patch(`/api/media/${media.id}`, { description: "Pas à moi" })).status).toBe(404);
    expect((await marie.patch(`/api/media/${media.id}`, { description: "x".repeat(1501) })).body.error.field).toBe("description");
  });

  it("go with their announcement", async () => {
    const media = await upload(marie);
    const { announcement } = (await post(marie, { content: "Éphémère", visibility: "public", photos: [media.id] })).body;
    expect((await marie.delete(`/api/announcements/${announcement.id}`)).status).toBe(204);
    expect((await t.client().get(new URL(media.url).pathname)).status).toBe(404);
  });
});
