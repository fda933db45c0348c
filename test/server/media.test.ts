// Uploads: checked by content, photos stripped of their metadata, served only
// to those who may see what they illustrate, and nothing left behind.
import { existsSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mediaTable, memberTable, networkTable } from "../../db/schema/index.ts";
import { attachMedia, sweepMedia } from "../../server/domain/media.ts";
import { mediaFilesIn } from "../../server/media/files.ts";
import { createTestApp, joinWith, withNetwork, type Client, type TestApp } from "../helpers/app.ts";

let t: TestApp;
let sophie: Client; // animator of lilas (the admin)
let marie: Client; // member of lilas
let paul: Client; // member of another network only
let anonymous: Client;

const gpsPhoto = () =>
  sharp({ create: { width: 3000, height: 1500, channels: 3, background: "#3a7" } })
    .jpeg()
    .withExif({ IFD0: { Make: "PhoneCorp", Model: "Phone 12" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "47/1 13/1 0/1" } })
    .toBuffer();
const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

beforeAll(async () => {
  t = await createTestApp();
  sophie = await withNetwork(t);
  marie = await joinWith(t, sophie, "marie");
  await sophie.post("/api/networks", { slug: "tilleuls", name: "Les Tilleuls", area: "Nantes" });
  paul = await joinWith(t, sophie, "paul", "tilleuls");
  anonymous = t.client();
});
afterAll(() => t.close());

async function member(handle: string) {
  const [m] = await t.handle.db.select().from(memberTable).where(eq(memberTable.handle, handle));
  return m;
}

async function attach(id: string, handle: string, visibility: "network" | "partners" | "public") {
  const [network] = await t.handle.db.select().from(networkTable).where(eq(networkTable.slug, "lilas"));
  const m = await member(handle);
  return attachMedia(t.handle.db, { member: m, by: m }, [id], { type: "offer", id: crypto.randomUUID(), networkId: network.id, visibility });
}

describe("uploading a photo", () => {
  it("re-encodes it without its metadata (no GPS), at most 2048 px wide", async () => {
    const res = await marie.upload("/api/networks/lilas/media", await gpsPhoto(), "IMG_0042.HEIC.jpg");
    expect(res.status).toBe(201);
    expect(res.body.media).toMatchObject({ contentType: "image/jpeg", width: 2048, height: 1024, name: "IMG_0042-HEIC.jpg" });
    const served = await marie.get(new URL(res.body.media.url).pathname);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/jpeg");
    const meta = await sharp(readFileSync(mediaFilesIn(t.config.dataDir).path(res.body.media.id))).metadata();
    expect(meta.exif).toBeUndefined();
    expect([meta.width, meta.height]).toEqual([2048, 1024]);
  });

  it("keeps transparency as PNG", async () => {
    const png = await sharp({ create: { width: 10, height: 10, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const res = await marie.upload("/api/networks/lilas/media", png, "logo.png");
    expect(res.body.media).toMatchObject({ contentType: "image/png", name: "logo.png" });
  });

  it("refuses what is not an image, whatever its name, naming the field", async () => {
    const res = await marie.upload("/api/networks/lilas/media", new TextEncoder().encode("<script>alert(1)</script>"), "photo.jpg");
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "file_type_refused", field: "file" });
  });

  it("refuses an image it cannot decode (a truncated JPEG)", async () => {
    const truncated = (await gpsPhoto()).subarray(0, 400);
    const res = await marie.upload("/api/networks/lilas/media", truncated, "cut.jpg");
    expect(res.body.error).toMatchObject({ code: "file_type_refused", field: "file" });
  });

  it("refuses a photo over 10 MiB with 413, and a body over 25 MiB", async () => {
    const big = new Uint8Array(11 * 1024 * 1024).fill(7);
    const res = await marie.upload("/api/networks/lilas/media", big, "big.jpg");
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: "file_too_large", field: "file" });
    const huge = await marie.upload("/api/networks/lilas/media", new Uint8Array(26 * 1024 * 1024), "huge.pdf", { purpose: "document" });
    expect(huge.status).toBe(413);
  });

  it("asks for a file when there is none, and for membership", async () => {
    const none = await marie.request("POST", "/api/networks/lilas/media", undefined, {});
    expect(none.status).toBe(400);
    const form = new FormData();
    form.set("purpose", "photo");
    const empty = await t.app.request("/api/networks/lilas/media", { method: "POST", body: form, headers: { cookie: marie.cookie, "x-csrf-token": marie.csrfToken } });
    expect((await empty.json()).error).toMatchObject({ code: "file_missing", field: "file" });
    const outsider = await paul.upload("/api/networks/lilas/media", pdf, "x.pdf", { purpose: "document" });
    expect(outsider.status).toBe(403);
    expect((await anonymous.upload("/api/networks/lilas/media", pdf, "x.pdf")).status).toBe(401);
  });
});

describe("documents", () => {
  it("accepts a PDF by its content and serves it inline, and refuses an unknown binary", async () => {
    const res = await marie.upload("/api/networks/lilas/media", pdf, "Fiche café.pdf", { purpose: "document" });
    expect(res.body.media).toMatchObject({ contentType: "application/pdf", name: "Fiche-café.pdf" });
    const refused = await marie.upload("/api/networks/lilas/media", new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]), "tool.pdf", { purpose: "document" });
    expect(refused.body.error.code).toBe("file_type_refused");
  });
});

describe("who may read a file", () => {
  it("only the uploader before it is attached; then according to visibility", async () => {
    const up = await marie.upload("/api/networks/lilas/media", pdf, "cr.pdf", { purpose: "document" });
    const path = new URL(up.body.media.url).pathname;
    expect((await sophie.get(path)).status).toBe(404);
    expect((await marie.get(path)).status).toBe(200);
    expect((await attach(up.body.media.id, "marie", "network")).ok).toBe(true);
    expect((await sophie.get(path)).status).toBe(200);
    expect((await anonymous.get(path)).status).toBe(404);
    expect((await paul.get(path)).status).toBe(404);
  });

  it("serves public files to anyone, with their type, nosniff, a sandbox and a download name", async () => {
    const up = await marie.upload("/api/networks/lilas/media", pdf, "cr.pdf", { purpose: "document" });
    await attach(up.body.media.id, "marie", "public");
    const res = await anonymous.get(new URL(up.body.media.url).pathname);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-disposition")).toBe("inline; filename*=UTF-8''cr.pdf");
    expect(res.headers.get("content-security-policy")).toContain("sandbox");
    expect(res.text.startsWith("%PDF-1.4")).toBe(true);
  });

  it("does not attach someone else's upload, nor one attached elsewhere", async () => {
    const up = await marie.upload("/api/networks/lilas/media", pdf, "cr.pdf", { purpose: "document" });
    expect((await attach(up.body.media.id, "camille", "public")).ok).toBe(false);
    expect((await attach(up.body.media.id, "marie", "public")).ok).toBe(true);
    const again = await attach(up.body.media.id, "marie", "public");
    expect(again.ok ? null : again.error).toMatchObject({ code: "media_not_found", field: "media" });
  });

  it("lets a sponsor upload for a sponsored neighbour", async () => {
    await sophie.post("/api/networks/lilas/sponsored", { handle: "jeanne", displayName: "Jeanne", sponsor: "marie" });
    marie.actingFor = "jeanne";
    const up = await marie.upload("/api/networks/lilas/media", pdf, "cr.pdf", { purpose: "document" });
    marie.actingFor = undefined;
    expect(up.status).toBe(201);
    const [row] = await t.handle.db.select().from(mediaTable).where(eq(mediaTable.id, up.body.media.id));
    expect(row.uploaderId).toBe((await member("jeanne")).id);
  });
});

describe("the sweeper", () => {
  it("removes day-old unattached uploads and files without a row, and keeps the rest", async () => {
    const files = mediaFilesIn(t.config.dataDir);
    const kept = await marie.upload("/api/networks/lilas/media", pdf, "kept.pdf", { purpose: "document" });
    await attach(kept.body.media.id, "marie", "network");
    const stale = await marie.upload("/api/networks/lilas/media", pdf, "stale.pdf", { purpose: "document" });
    const orphan = crypto.randomUUID();
    writeFileSync(files.path(orphan), "left by a crash");
    const old = new Date(Date.now() - 2 * 3600_000);
    utimesSync(files.path(orphan), old, old);
    const tomorrow = new Date(Date.now() + 25 * 3600_000);
    await sweepMedia(t.handle.db, files, tomorrow);
    expect(existsSync(files.path(orphan))).toBe(false);
    expect(existsSync(files.path(stale.body.media.id))).toBe(false);
    expect(await t.handle.db.select().from(mediaTable).where(eq(mediaTable.id, stale.body.media.id))).toEqual([]);
    expect(existsSync(files.path(kept.body.media.id))).toBe(true);
  });
});

