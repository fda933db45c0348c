// Domain blocks (instance admin), allowed hosts and federation mode (animators).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, joinWith, withNetwork, type Client, type TestApp } from "../helpers/app.ts";

let t: TestApp;
let admin: Client;
let sophie: Client; // animator of lilas
let marie: Client; // member of lilas

beforeAll(async () => {
  t = await createTestApp();
  admin = await withNetwork(t);
  sophie = await joinWith(t, admin, "sophie", "lilas", "animator");
  marie = await joinWith(t, sophie, "marie");
});
afterAll(() => t.close());

describe("domain blocks", () => {
  it("are for the instance admin only", async () => {
    expect((await t.client().get("/api/admin/domain-blocks")).status).toBe(401);
    expect((await sophie.get("/api/admin/domain-blocks")).status).toBe(403);
    expect((await sophie.post("/api/admin/domain-blocks", { host: "spam.example" })).status).toBe(403);
    expect((await admin.get("/api/admin/domain-blocks")).body).toEqual({ blocks: [] });
  });

  it("refuse invalid hosts and this instance's own host, naming the field", async () => {
    for (const host of ["not a host", "exa_mple.org", "-bad.example", "x.example:99999", ""]) {
      const res = await admin.post("/api/admin/domain-blocks", { host });
      expect(res.status, host).toBe(400);
      expect(res.body.error.field, host).toBe("host");
    }
    for (const host of ["maillage.test", "MAILLAGE.test.", "test", "https://maillage.test/n/lilas"]) {
      const res = await admin.post("/api/admin/domain-blocks", { host });
      expect(res.status, host).toBe(400);
      expect(res.body.error, host).toMatchObject({ code: "own_host", field: "host" });
    }
  });

  it("block a normalised host once, list it, and unblock it", async () => {
    const res = await admin.post("/api/admin/domain-blocks", { host: "Spam.Example.", reason: "Pub" });
    expect(res.status).toBe(201);
    expect(res.body.block).toMatchObject({ host: "spam.example", reason: "Pub" });
    const twice = await admin.post("/api/admin/domain-blocks", { host: "spam.example" });
    expect(twice.status).toBe(409);
    expect(twice.body.error.field).toBe("host");
    await admin.post("/api/admin/domain-blocks", { host: "https://troll.example/users/x" });
    const list = await admin.get("/api/admin/domain-blocks");
    expect(list.body.blocks.map((b: { host: string }) => b.host)).toEqual(["spam.example", "troll.example"]);
    expect((await sophie.delete("/api/admin/domain-blocks", { host: "spam.example" })).status).toBe(403);
    expect((await admin.delete("/api/admin/domain-blocks", { host: "spam.example" })).status).toBe(204);
    expect((await admin.delete("/api/admin/domain-blocks", { host: "spam.example" })).status).toBe(404);
    expect((await admin.delete("/api/admin/domain-blocks/troll.example")).status).toBe(204);
    expect((await admin.get("/api/admin/domain-blocks")).body.blocks).toEqual([]);
  });
});

describe("allowlist mode", () => {
  it("federationMode is shown and edited by animators, open or allowlist only", async () => {
    expect((await marie.get("/api/networks/lilas")).body.network.federationMode).toBe("open");
    expect((await marie.patch("/api/networks/lilas", { federationMode: "allowlist" })).status).toBe(403);
    const bad = await sophie.patch("/api/networks/lilas", { federationMode: "closed" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("federationMode");
    const res = await sophie.patch("/api/networks/lilas", { federationMode: "allowlist" });
    expect(res.body.network.federationMode).toBe("allowlist");
    expect((await t.client().get("/api/networks/lilas")).body.network.federationMode).toBe("allowlist");
  });

  it("allowed hosts are managed by animators, validated and listed", async () => {
    expect((await marie.get("/api/networks/lilas/allowed-hosts")).status).toBe(403);
    expect((await marie.post("/api/networks/lilas/allowed-hosts", { host: "ami.example" })).status).toBe(403);
    expect((await t.client().get("/api/networks/lilas/allowed-hosts")).status).toBe(401);
    const bad = await sophie.post("/api/networks/lilas/allowed-hosts", { host: "ami .example" });
    expect(bad.body.error).toMatchObject({ code: "invalid_host", field: "host" });
    expect((await sophie.post("/api/networks/lilas/allowed-hosts", { host: "maillage.test" })).body.error.code).toBe("own_host");
    expect((await sophie.post("/api/networks/lilas/allowed-hosts", {})).body.error.field).toBe("host");
    const added = await sophie.post("/api/networks/lilas/allowed-hosts", { host: "Ami.Example" });
    expect(added.status).toBe(201);
    expect(added.body.host).toBe("ami.example");
    expect((await sophie.post("/api/networks/lilas/allowed-hosts", { host: "ami.example" })).status).toBe(409);
    await sophie.post("/api/networks/lilas/allowed-hosts", { host: "127.0.0.3:8443" });
    expect((await sophie.get("/api/networks/lilas/allowed-hosts")).body.hosts).toEqual(["127.0.0.3:8443", "ami.example"]);
    expect((await sophie.delete("/api/networks/lilas/allowed-hosts", { host: "ami.example" })).status).toBe(204);
    expect((await sophie.delete("/api/networks/lilas/allowed-hosts/ami.example")).status).toBe(404);
    expect((await sophie.get("/api/networks/lilas/allowed-hosts")).body.hosts).toEqual(["127.0.0.3:8443"]);
    expect((await sophie.get("/api/networks/nowhere/allowed-hosts")).status).toBe(404);
  });
});
