import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { actLogTable, memberTable } from "../../db/schema/index.ts";
import { createTestApp, joinWith, withNetwork, type Client, type TestApp } from "../helpers/app.ts";

let t: TestApp;
let animator: Client;
let sponsor: Client;

beforeAll(async () => {
  t = await createTestApp();
  const admin = await withNetwork(t);
  animator = await joinWith(t, admin, "sophie", "lilas", "animator");
  sponsor = await joinWith(t, animator, "paul");
  await joinWith(t, animator, "marie");
});
afterAll(() => t.close());

describe("sponsorship", () => {
  it("an animator creates a sponsored member attached to a sponsor", async () => {
    expect((await sponsor.post("/api/networks/lilas/sponsored", { handle: "jeanne", displayName: "Jeanne", sponsor: "paul" })).status).toBe(403);
    const bad = await animator.post("/api/networks/lilas/sponsored", { handle: "jeanne", displayName: "Jeanne", sponsor: "nobody" });
    expect(bad.body.error).toMatchObject({ code: "sponsor_not_member", field: "sponsor" });
    const res = await animator.post("/api/networks/lilas/sponsored", { handle: "jeanne", displayName: "Jeanne", sponsor: "paul" });
    expect(res.status).toBe(201);
    const [jeanne] = await t.handle.db.select().from(memberTable).where(eq(memberTable.handle, "jeanne"));
    expect(jeanne.passwordHash).toBeNull();
    const members = (await animator.get("/api/networks/lilas/members")).body.members;
    expect(members.find((m: { handle: string }) => m.handle === "jeanne")).toMatchObject({ sponsored: true, sponsors: ["paul"] });
  });

  it("a sponsored member cannot log in", async () => {
    expect((await t.client().post("/api/session", { handle: "jeanne", password: "anything at all" })).status).toBe(401);
  });

  it("the sponsor acts for them, and each act records by whom and for whom", async () => {
    expect((await sponsor.get("/api/session")).body.sponsored).toEqual([{ handle: "jeanne", displayName: "Jeanne" }]);
    sponsor.actingFor = "jeanne";
    const saved = await sponsor.put("/api/me/questionnaire", { answers: [{ theme: "conseils", choice: "offer" }, { theme: "aide-personnes-agees", choice: "need" }] });
    expect(saved.status).toBe(200);
    expect((await sponsor.patch("/api/me", { bio: "Ancienne couturière" })).body.member).toMatchObject({ handle: "jeanne", bio: "Ancienne couturière" });
    sponsor.actingFor = undefined;
    expect((await sponsor.get("/api/me/questionnaire")).body.answers).toEqual([]);

    const acts = await t.handle.db
      .select({ action: actLogTable.action, by: actLogTable.byMemberId, for: actLogTable.forMemberId })
      .from(actLogTable)
      .innerJoin(memberTable, eq(memberTable.id, actLogTable.forMemberId))
      .where(eq(memberTable.handle, "jeanne"));
    const [paul] = await t.handle.db.select().from(memberTable).where(eq(memberTable.handle, "paul"));
    const [jeanne] = await t.handle.db.select().from(memberTable).where(eq(memberTable.handle, "jeanne"));
    expect(acts.filter((a) => a.action !== "member.sponsored")).toEqual([
      { action: "questionnaire.save", by: paul.id, for: jeanne.id },
      { action: "profile.update", by: paul.id, for: jeanne.id },
    ]);
  });

  it("nobody else can act for them", async () => {
    const marie = await t.client().post("/api/session", { handle: "marie", password: "marie has a long password" });
    expect(marie.status).toBe(200);
    const tab = t.client();
    await tab.post("/api/session", { handle: "marie", password: "marie has a long password" });
    tab.actingFor = "jeanne";
    const res = await tab.patch("/api/me", { bio: "hacked" });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("not_sponsor");
  });

  it("an animator adds a second sponsor", async () => {
    expect((await animator.post("/api/networks/lilas/sponsorships", { sponsored: "jeanne", sponsor: "marie" })).status).toBe(204);
    const members = (await animator.get("/api/networks/lilas/members")).body.members;
    expect(members.find((m: { handle: string }) => m.handle === "jeanne").sponsors.sort()).toEqual(["marie", "paul"]);
  });
});
