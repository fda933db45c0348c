// Households (foyers) through the API: the animation group says who lives
// together, the impact dashboard counts households reached from it, the label
// stays within the animation group, and bad input changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, joinWith, withNetwork, type Client, type TestApp } from "../helpers/app.ts";

let t: TestApp;
let admin: Client;
let sophie: Client; // animator of lilas
let rose: Client;
let nadia: Client; // animator of tilleuls

const household = (client: Client, handle: string, value: unknown, slug = "lilas") =>
  client.put(`/api/networks/${slug}/members/${handle}/household`, { household: value });
const householdsOf = async () => (await sophie.get("/api/networks/lilas/impact")).body.households;

beforeAll(async () => {
  t = await createTestApp();
  admin = await withNetwork(t);
  await admin.post("/api/networks", { slug: "tilleuls", name: "Les Tilleuls" });
  sophie = await joinWith(t, admin, "sophie", "lilas", "animator");
  rose = await joinWith(t, sophie, "rose");
  await joinWith(t, sophie, "paul");
  await sophie.post("/api/networks/lilas/sponsored", { handle: "jeanne", displayName: "Jeanne", sponsor: "rose" });
  nadia = await joinWith(t, admin, "nadia", "tilleuls", "animator");
});
afterAll(() => t.close());

describe("households", () => {
  it("without any label, every member is a household of their own", async () => {
    // Sophie, Rose, Paul and Jeanne.
    const figures = await sophie.get("/api/networks/lilas/impact");
    expect(figures.body.members.total.current).toBe(4);
    expect(figures.body.households.total.current).toBe(4);
  });

  it("an animator puts members who live together in one household; its label is compared without case or extra spaces", async () => {
    const res = await household(sophie, "rose", "  Famille   Martin ");
    expect(res.status).toBe(200);
    expect(res.body.member).toEqual({ handle: "rose", household: "Famille Martin" });
    expect((await household(sophie, "jeanne", "famille martin")).status).toBe(200);
    const figures = await householdsOf();
    expect(figures.total.current).toBe(3);
    expect(figures.new.current).toBe(3);
    expect((await sophie.get("/api/networks/lilas/impact/summary")).body.totals.households).toBe(3);
  });

  it("the label is shown to the animation group only", async () => {
    const byAnimator = (await sophie.get("/api/networks/lilas/members")).body.members;
    expect(byAnimator.find((m: { handle: string }) => m.handle === "jeanne").household).toBe("famille martin");
    expect(byAnimator.find((m: { handle: string }) => m.handle === "paul").household).toBeNull();
    const byMember = (await rose.get("/api/networks/lilas/members")).body.members;
    expect(byMember.every((m: Record<string, unknown>) => !("household" in m))).toBe(true);
  });

  it("is in the member's own data export", async () => {
    const data = JSON.parse((await rose.get("/api/me/export")).text);
    expect(data.memberships).toEqual([expect.objectContaining({ network: "lilas", household: "Famille Martin" })]);
  });

  it("a blank label or null takes the member out of the household", async () => {
    expect((await household(sophie, "jeanne", "   ")).body.member.household).toBeNull();
    expect((await household(sophie, "rose", null)).body.member.household).toBeNull();
    expect((await householdsOf()).total.current).toBe(4);
  });

  it("bad input: 400 naming the field, 403 for members and other networks' animators, 404 for a stranger; nothing written", async () => {
    const long = await household(sophie, "rose", "x".repeat(81));
    expect([long.status, long.body.error.code, long.body.error.field]).toEqual([400, "household_too_long", "household"]);
    const wrongType = await household(sophie, "rose", 12);
    expect([wrongType.status, wrongType.body.error.field]).toEqual([400, "household"]);
    expect((await household(rose, "paul", "Chez Rose")).status).toBe(403);
    expect((await household(nadia, "paul", "Chez Nadia")).status).toBe(403);
    const stranger = await household(sophie, "nadia", "Ailleurs");
    expect([stranger.status, stranger.body.error.field]).toEqual([404, "handle"]);
    const members = (await sophie.get("/api/networks/lilas/members")).body.members;
    expect(members.every((m: { household: string | null }) => m.household === null)).toBe(true);
  });
});
