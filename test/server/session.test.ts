import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminAccount, createTestApp, joinWith, withNetwork, type Client, type TestApp } from "../helpers/app.ts";

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await withNetwork(t);
  await joinWith(t, admin, "marie");
});
afterAll(() => t.close());

describe("login and logout", () => {
  it("logs in with handle and password, then out", async () => {
    const tab = t.client();
    const res = await tab.post("/api/session", { handle: "Marie", password: "marie has a long password" });
    expect(res.status).toBe(200);
    expect(res.body.member.handle).toBe("marie");
    expect(res.headers.get("set-cookie")).toMatch(/maillage_session=[^;]+;.*HttpOnly/i);
    expect((await tab.get("/api/session")).status).toBe(200);
    expect((await tab.delete("/api/session")).status).toBe(204);
    expect((await tab.get("/api/session")).status).toBe(401);
  });

  it("answers the same for a wrong password and an unknown handle", async () => {
    const wrongPassword = await t.client().post("/api/session", { handle: "marie", password: "not her password" });
    const unknownHandle = await t.client().post("/api/session", { handle: "nobody", password: "not her password" });
    expect(wrongPassword.status).toBe(401);
    expect(unknownHandle.status).toBe(401);
    expect(wrongPassword.body).toEqual(unknownHandle.body);
    expect(wrongPassword.body.error.code).toBe("invalid_credentials");
  });

  it("speaks French by default and English when asked", async () => {
    const fr = await t.client().post("/api/session", { handle: "marie", password: "nope nope nope" });
    expect(fr.body.error.message).toBe("Identifiant ou mot de passe incorrect");
    const en = await t.client().request("POST", "/api/session", { handle: "marie", password: "nope nope" }, { "accept-language": "en-GB,en" });
    expect(en.body.error.message).toBe("Wrong handle or password");
  });
});

describe("protection", () => {
  it("refuses a cookie-authenticated write without the CSRF token", async () => {
    const forged = t.client();
    forged.cookie = admin.cookie; // the browser sends the cookie, the attacker cannot read the token
    const res = await forged.post("/api/networks", { slug: "piege", name: "Piège" });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("csrf_failed");
    expect((await admin.get("/api/networks")).body.networks.map((n: { slug: string }) => n.slug)).not.toContain("piege");
  });

  it("answers malformed JSON with 400 and oversized bodies with 413", async () => {
    const malformed = await t.app.request("/api/session", { method: "POST", headers: { "content-type": "application/json" }, body: "{handle:" });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.code).toBe("malformed_json");
    const huge = await t.app.request("/api/session", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ handle: "x", password: "y".repeat(2 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.code).toBe("payload_too_large");
  });

  it("answers unknown API routes with a JSON 404", async () => {
    const res = await t.client().get("/api/nothing-here");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });

  it("limits login attempts per address", async () => {
    const fresh = await createTestApp();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        statuses.push((await fresh.client().post("/api/session", { handle: adminAccount.handle, password: `guess ${i}` })).status);
      }
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(10)).toEqual([429, 429]);
    } finally {
      await fresh.close();
    }
  });

  it("limits invitation look-ups per address", async () => {
    const fresh = await createTestApp();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 32; i++) statuses.push((await fresh.client().get(`/api/invitations/AAAA-BBBB-CCCC-${String(i).padStart(4, "0")}`)).status);
      expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
      expect(statuses.slice(30)).toEqual([429, 429]);
    } finally {
      await fresh.close();
    }
  });

  it("publishes an OpenAPI document of the API", async () => {
    const doc = (await t.client().get("/api/openapi.json")).body;
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/signup", "/session", "/networks/{slug}/invitations", "/me/export"]));
  });

  it("serves the OpenAPI document with an ETag, gzipped to a client that accepts it, and 304 to one that has it", async () => {
    const plain = await t.app.request("/api/openapi.json");
    const etag = plain.headers.get("etag")!;
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(Number(plain.headers.get("content-length"))).toBe((await plain.arrayBuffer()).byteLength);
    const gzipped = await t.app.request("/api/openapi.json", { headers: { "accept-encoding": "gzip" } });
    expect(gzipped.headers.get("content-encoding")).toBe("gzip");
    expect(gzipped.headers.get("vary")).toMatch(/accept-encoding/i);
    expect(JSON.parse(gunzipSync(Buffer.from(await gzipped.arrayBuffer())).toString()).openapi).toBe("3.1.0");
    const again = await t.app.request("/api/openapi.json", { headers: { "if-none-match": gzipped.headers.get("etag")! } });
    expect(again.status).toBe(304);
    expect(gzipped.headers.get("etag")).toBe(`W/${etag}`);
  });

  it("reports health and the database kind", async () => {
    const res = await t.client().get("/healthz");
    expect(res.body).toEqual({ status: "ok", database: "reachable", kind: t.handle.kind });
  });
});
