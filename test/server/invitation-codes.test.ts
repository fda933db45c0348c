import { describe, expect, it } from "vitest";
import type { Invitation } from "../../db/schema/index.ts";
import { generateInvitationCode, invitationStatus, normaliseInvitationCode } from "../../server/domain/invitations.ts";
import { atLeast, canGrant } from "../../server/domain/roles.ts";
import { checkHandleForm } from "../../server/domain/handles.ts";
import { checkPasswordStrength } from "../../server/domain/passwords.ts";

describe("invitation codes", () => {
  it("are 16 unambiguous characters (80 bits) in groups of four, and unique", () => {
    const codes = new Set(Array.from({ length: 2000 }, generateInvitationCode));
    expect(codes.size).toBe(2000);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  });

  it("accept what people type: lower case, spaces, O for zero, I or L for one", () => {
    expect(normaliseInvitationCode("7k2m q9xd 4htp wb3n")).toBe("7K2M-Q9XD-4HTP-WB3N");
    expect(normaliseInvitationCode("OOII-LLOO-1234-5678")).toBe("0011-1100-1234-5678");
  });

  const invitation = (over: Partial<Invitation>): Invitation => ({
    id: "x", networkId: "n", code: "C", role: "member", maxUses: 1, uses: 0, note: "", createdById: null,
    createdAt: new Date(), revokedAt: null, expiresAt: new Date(Date.now() + 86_400_000), ...over,
  });

  it("have a status: active, used, expired or revoked", () => {
    expect(invitationStatus(invitation({}))).toBe("active");
    expect(invitationStatus(invitation({ uses: 1 }))).toBe("used");
    expect(invitationStatus(invitation({ maxUses: 3, uses: 2 }))).toBe("active");
    expect(invitationStatus(invitation({ expiresAt: new Date(Date.now() - 1) }))).toBe("expired");
    expect(invitationStatus(invitation({ revokedAt: new Date(), uses: 1 }))).toBe("revoked");
  });
});

describe("roles", () => {
  it("rank pilot above animator above member", () => {
    expect(atLeast("pilot", "animator")).toBe(true);
    expect(atLeast("animator", "pilot")).toBe(false);
    expect(atLeast(null, "member")).toBe(false);
  });

  it("let animators grant member and animator, pilots everything", () => {
    expect(canGrant("animator", "animator")).toBe(true);
    expect(canGrant("animator", "pilot")).toBe(false);
    expect(canGrant("pilot", "pilot")).toBe(true);
    expect(canGrant("member", "member")).toBe(false);
  });
});

describe("handles and passwords", () => {
  it("accept simple lower-case handles and refuse the rest", () => {
    expect(checkHandleForm("marie-l", "handle").ok).toBe(true);
    for (const bad of ["ab", "Marie", "-marie", "marie-", "ma rie", "é-toile", "a".repeat(31), "admin", "api"]) {
      expect(checkHandleForm(bad, "handle").ok, bad).toBe(false);
    }
  });

  it("refuse short, common or handle-like passwords", () => {
    expect(checkPasswordStrength("un vrai mot de passe", "marie").ok).toBe(true);
    for (const bad of ["court", "motdepasse", "AZERTYUIOP", "marie123".slice(0, 5), "aaaaaaaaaa", "mariemarie"]) {
      const handle = bad === "mariemarie" ? "mariemarie" : "marie";
      expect(checkPasswordStrength(bad, handle).ok, bad).toBe(false);
    }
  });
});
