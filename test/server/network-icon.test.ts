// A network's logo: set by animators from an uploaded photo, public, and the
// Group's icon for Mastodon and other servers.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFederatedTestApp, type FederatedTestApp } from "../helpers/federated-app.ts";
import { joinWith, withNetwork, type Client } from "../helpers/app.ts";

let t: FederatedTestApp;
let sophie: Client;
let marie: Client;

const logo = () => sharp({ create: { width: 400, height: 400, channels: 3, background: "#2a6" } }).jpeg().toBuffer();
const group = async () => (await t.app.request("/n/lilas", { headers: { accept: "application/activity+json" } })).json();

beforeAll(async () => {
  t = await createFederatedTestApp();
  sophie = await withNetwork(t);
  marie = await joinWith(t, sophie, "marie");
  await t.seedKeysOf("network", "lilas");
});
afterAll(() => t.close());

describe("the network's logo", () => {
  it("is set by an animator, public, and the Group's icon", async () => {
    const up = await sophie.upload("/api/networks/lilas/media", await logo(), "logo.jpg");
    const set = await sophie.put("/api/networks/lilas/icon", { media: up.body.media.id });
    expect(set.status).toBe(200);
    expect(set.body.iconUrl).toBe(up.body.media.url);
    expect((await t.client().get("/api/networks/lilas")).body.network.iconUrl).toBe(up.body.media.url);
    expect((await t.client().get(new URL(up.body.media.url).pathname)).status).toBe(200);
    expect((await group()).icon).toMatchObject({ type: "Image", url: up.body.media.url, mediaType: "image/jpeg" });
  });

  it("is refused to members who do not animate, and when it is not a photo", async () => {
    const up = await marie.upload("/api/networks/lilas/media", await logo(), "logo.jpg");
    expect((await marie.put("/api/networks/lilas/icon", { media: up.body.media.id })).status).toBe(403);
    const pdf = await sophie.upload("/api/networks/lilas/media", new TextEncoder().encode("%PDF-1.4\n%%EOF\n"), "a.pdf", { purpose: "document" });
    const refused = await sophie.put("/api/networks/lilas/icon", { media: pdf.body.media.id });
    expect(refused.body.error).toMatchObject({ code: "icon_not_photo", field: "media" });
    expect((await group()).icon).toBeDefined();
  });

  it("can be removed", async () => {
    const before = (await sophie.get("/api/networks/lilas")).body.network.iconUrl;
    expect((await sophie.put("/api/networks/lilas/icon", { media: null })).body.iconUrl).toBeNull();
    expect((await group()).icon).toBeUndefined();
    expect((await t.client().get(new URL(before).pathname)).status).toBe(404);
  });
});
