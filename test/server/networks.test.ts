import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, joinWith, withNetwork, type Client, type TestApp } from "../helpers/app.ts";

let t: TestApp;
let admin: Client;
let animator: Client;
let member: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await withNetwork(t);
  await admin.post("/api/networks", { slug: "voisins", name: "Les Voisins" });
  animator = await joinWith(t, admin, "sophie", "lilas", "animator");
  member = await joinWith(t, animator, "marie");
});
afterAll(() => t.close());

describe("networks", () => {
  it("only the instance admin creates networks, with a valid, free slug", async () => {
    expect((await animator.post("/api/networks", { slug: "autre", name: "Autre" })).status).toBe(403);
    const taken = await admin.post("/api/networks", { slug: "marie", name: "Marie's" });
    expect(taken.status).toBe(409);
    expect(taken.body.error.field).toBe("slug");
    expect((await admin.post("/api/networks", { slug: "x", name: "X" })).body.error.code).toBe("invalid_handle");
    expect((await admin.post("/api/networks", { slug: "ok-slug" })).body.error.field).toBe("name");
  });

  it("shows the network with the viewer's role, and lets animators edit it", async () => {
    const seen = await member.get("/api/networks/lilas");
    expect(seen.body).toMatchObject({ network: { name: "Les Lilas", memberCount: 2 }, myRole: "member" });
    expect((await member.patch("/api/networks/lilas", { rules: "Pas de pub" })).status).toBe(403);
    const edited = await animator.patch("/api/networks/lilas", { rules: "Pas de pub", approvesFollowers: true });
    expect(edited.body.network).toMatchObject({ rules: "Pas de pub", approvesFollowers: true });
    expect((await t.client().get("/api/networks/nowhere")).status).toBe(404);
  });
});

describe("invitations", () => {
  it("are for animators of that network only", async () => {
    expect((await member.post("/api/networks/lilas/invitations", {})).status).toBe(403);
    expect((await animator.post("/api/networks/voisins/invitations", {})).status).toBe(403);
    expect((await t.client().post("/api/networks/lilas/invitations", {})).status).toBe(401);
    const listed = await animator.get("/api/networks/lilas/invitations");
    expect(listed.status).toBe(200);
    expect(listed.body.invitations.every((i: { status: string }) => i.status === "used")).toBe(true);
  });

  it("animators cannot invite pilots; bad numbers name their field", async () => {
    const pilot = await animator.post("/api/networks/lilas/invitations", { role: "pilot" });
    expect(pilot.status).toBe(403);
    expect(pilot.body.error.field).toBe("role");
    const bad = await animator.post("/api/networks/lilas/invitations", { maxUses: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("maxUses");
    const created = await animator.post("/api/networks/lilas/invitations", { maxUses: 5, expiresInDays: 30, note: "Café de mars" });
    expect(created.body.invitation).toMatchObject({ maxUses: 5, uses: 0, status: "active", note: "Café de mars" });
  });
});

describe("roles", () => {
  it("an animator changes roles in their network, but not to pilot", async () => {
    expect((await animator.patch("/api/networks/lilas/members/marie", { role: "animator" })).status).toBe(200);
    expect((await animator.patch("/api/networks/lilas/members/marie", { role: "pilot" })).status).toBe(403);
    expect((await animator.patch("/api/networks/lilas/members/marie", { role: "member" })).status).toBe(200);
    expect((await member.patch("/api/networks/lilas/members/sophie", { role: "member" })).status).toBe(403);
    expect((await animator.patch("/api/networks/lilas/members/nobody", { role: "member" })).status).toBe(404);
    expect((await admin.patch("/api/networks/lilas/members/sophie", { role: "pilot" })).body.member.role).toBe("pilot");
  });

  it("lists members to members only", async () => {
    expect((await t.client().get("/api/networks/lilas/members")).status).toBe(401);
    const outsider = await joinWith(t, admin, "olivier", "voisins");
    expect((await outsider.get("/api/networks/lilas/members")).status).toBe(403);
    const list = await member.get("/api/networks/lilas/members");
    expect(list.body.members.map((m: { handle: string }) => m.handle).sort()).toEqual(["marie", "sophie"]);
  });
});

describe("profile links", () => {
  it("redirect /@name to the network or member page", async () => {
    const network = await t.app.request("/@lilas");
    expect(network.status).toBe(301);
    expect(network.headers.get("location")).toBe("/n/lilas");
    expect((await t.app.request("/@Marie")).headers.get("location")).toBe("/m/marie");
  });
});
