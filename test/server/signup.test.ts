import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count } from "drizzle-orm";
import { memberTable, membershipTable } from "../../db/schema/index.ts";
import { adminAccount, createTestApp, joinWith, withNetwork, type Client, type TestApp } from "../helpers/app.ts";

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const countMembers = async () => (await t.handle.db.select({ n: count() }).from(memberTable))[0].n;

describe("first visit", () => {
  it("asks for setup, creates the admin once, then refuses a second one", async () => {
    const visitor = t.client();
    expect((await visitor.get("/api/instance")).body.needsSetup).toBe(true);
    admin = await withNetwork(t);
    expect((await visitor.get("/api/instance")).body.needsSetup).toBe(false);
    const again = await t.client().post("/api/setup", { ...adminAccount, handle: "intruder" });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("already_set_up");
  });
});

describe("signup with an invitation", () => {
  const account = { acceptPrinciples: true, handle: "marie", displayName: "Marie", password: "un mot de passe solide" };

  it("shows the network behind a code, then signs up, logs in and records the membership", async () => {
    const { body } = await admin.post("/api/networks/lilas/invitations", {});
    const code: string = body.invitation.code;
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(body.invitation.url).toBe(`https://maillage.test/invitation/${code}`);

    const neighbour = t.client();
    const info = await neighbour.get(`/api/invitations/${code.toLowerCase().replaceAll("-", " ")}`);
    expect(info.status).toBe(200);
    expect(info.body.network.name).toBe("Les Lilas");

    const res = await neighbour.post("/api/signup", { ...account, code });
    expect(res.status).toBe(201);
    expect(res.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    expect(res.headers.get("set-cookie")).toMatch(/SameSite=Lax/i);
    expect(res.body.memberships).toEqual([{ network: { slug: "lilas", name: "Les Lilas" }, role: "member" }]);
    expect((await neighbour.get("/api/session")).body.member.handle).toBe("marie");

    const used = await t.client().post("/api/signup", { ...account, handle: "paul", code });
    expect(used.status).toBe(410);
    expect(used.body.error).toMatchObject({ code: "invitation_used", field: "code" });
  });

  it("refuses bad input with a clear error and leaves the database unchanged", async () => {
    const { body } = await admin.post("/api/networks/lilas/invitations", { maxUses: 1 });
    const code = body.invitation.code;
    const before = await countMembers();
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ ...account, code, handle: "marie" }, 409, "handle_taken", "handle"],
      [{ ...account, code, handle: "lilas" }, 409, "handle_taken", "handle"],
      [{ ...account, code, handle: "Bad Handle!" }, 400, "invalid_handle", "handle"],
      [{ ...account, code, handle: "jean", password: "azertyuiop" }, 400, "weak_password", "password"],
      [{ ...account, code, handle: "jean", password: "court" }, 400, "weak_password", "password"],
      [{ ...account, code, handle: "jean", acceptPrinciples: false }, 400, "principles_not_accepted", "acceptPrinciples"],
      [{ ...account, code: "AAAA-BBBB-CCCC-DDDD", handle: "jean" }, 404, "invitation_unknown", "code"],
      [{ ...account, code, handle: "jean", email: "not-an-email" }, 400, "invalid_input", "email"],
      [{ ...account, code, handle: "jean", displayName: "" }, 400, "invalid_input", "displayName"],
    ];
    for (const [input, status, code_, field] of cases) {
      const res = await t.client().post("/api/signup", input);
      expect({ status: res.status, code: res.body.error.code, field: res.body.error.field }).toEqual({ status, code: code_, field });
      expect(res.body.error.message.length).toBeGreaterThan(10);
    }
    expect(await countMembers()).toBe(before);
    // The invitation was not consumed by the failed attempts.
    expect((await t.client().get(`/api/invitations/${code}`)).status).toBe(200);
  });

  it("refuses expired and revoked invitations", async () => {
    const { body } = await admin.post("/api/networks/lilas/invitations", {});
    await admin.delete(`/api/networks/lilas/invitations/${body.invitation.id}`);
    const revoked = await t.client().post("/api/signup", { ...account, handle: "rene", code: body.invitation.code });
    expect(revoked.status).toBe(410);
    expect(revoked.body.error.code).toBe("invitation_revoked");

    const old = await admin.post("/api/networks/lilas/invitations", {});
    const { invitationTable } = await import("../../db/schema/index.ts");
    const { eq } = await import("drizzle-orm");
    await t.handle.db.update(invitationTable).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitationTable.id, old.body.invitation.id));
    const expired = await t.client().post("/api/signup", { ...account, handle: "rene", code: old.body.invitation.code });
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe("invitation_expired");
  });

  it("lets exactly N people in with an N-use invitation, even when they sign up at once", async () => {
    const { body } = await admin.post("/api/networks/lilas/invitations", { maxUses: 2 });
    const attempts = await Promise.all(
      ["ana", "bob", "cyril", "dina"].map((handle) =>
        t.client().post("/api/signup", { ...account, handle, code: body.invitation.code }),
      ),
    );
    expect(attempts.filter((a) => a.status === 201)).toHaveLength(2);
    expect(attempts.filter((a) => a.status !== 201).every((a) => a.body.error.code === "invitation_used")).toBe(true);
    const [{ n }] = await t.handle.db.select({ n: count() }).from(membershipTable);
    expect(n).toBe(3); // marie + the two who got in
  });

  it("gives the role the invitation carries", async () => {
    const animator = await joinWith(t, admin, "sophie", "lilas", "animator");
    expect((await animator.get("/api/session")).body.memberships[0].role).toBe("animator");
  });
});

describe("an existing member joins a second network", () => {
  it("accepts an invitation while logged in, once", async () => {
    await admin.post("/api/networks", { slug: "voisins", name: "Les Voisins" });
    const { body } = await admin.post("/api/networks/voisins/invitations", { maxUses: 5 });
    const marie = t.client();
    await marie.post("/api/session", { handle: "marie", password: "un mot de passe solide" });
    const joined = await marie.post(`/api/invitations/${body.invitation.code}/accept`);
    expect(joined.status).toBe(200);
    expect(joined.body.memberships.map((m: { network: { slug: string } }) => m.network.slug)).toEqual(["lilas", "voisins"]);
    const again = await marie.post(`/api/invitations/${body.invitation.code}/accept`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("already_member");
    expect((await t.client().post(`/api/invitations/${body.invitation.code}/accept`)).status).toBe(401);
  });

  it("returns my profile, or the profile of the member I act for", async () => {
    const marie = t.client();
    await marie.post("/api/session", { handle: "marie", password: "un mot de passe solide" });
    expect((await marie.get("/api/me")).body.member.handle).toBe("marie");
    marie.actingFor = "sophie";
    expect((await marie.get("/api/me")).status).toBe(403);
  });
});
