// Households (foyers): the impact figures count "households reached", and
// the data model had no household. The smallest notion that fits: a label
// per membership that the animation group writes ("Famille Martin", "C 12"),
// since they know who lives with whom (they signed everyone up in person).
// Members with the same label, compared without case or surrounding spaces,
// are one household; a member without a label is a household of their own.
// The label is never shown outside the animation group.
import { and, eq } from "drizzle-orm";
import type { DatabaseLike } from "../../db/client.ts";
import { membershipTable, type Member } from "../../db/schema/index.ts";
import { recordAct } from "./acts.ts";
import { findMemberByHandle } from "./members.ts";
import { fail, ok, transact, type Result } from "./result.ts";
import { requireRole, roleIn } from "./roles.ts";

export const HOUSEHOLD_MAX = 80;

/** The label as stored: spaces folded; blank is no household (null). */
export function cleanHousehold(label: string | null): string | null {
  const clean = (label ?? "").replace(/\s+/g, " ").trim();
  return clean === "" ? null : clean;
}

/** Animators say which household a member of their network lives in (null: none given). */
export async function setHousehold(
  db: DatabaseLike,
  by: Member,
  slug: string,
  handle: string,
  label: string | null,
): Promise<Result<{ handle: string; household: string | null }>> {
  const household = cleanHousehold(label);
  if (household !== null && household.length > HOUSEHOLD_MAX) {
    return fail("invalid", "household_too_long", `A household is at most ${HOUSEHOLD_MAX} characters`, "household");
  }
  return transact(db, async (tx) => {
    const allowed = await requireRole(tx, slug, by, "animator");
    if (!allowed.ok) return allowed;
    const { network } = allowed.value;
    const target = await findMemberByHandle(tx, handle);
    if (!target || !(await roleIn(tx, network.id, target.id))) {
      return fail("not_found", "member_not_found", `No member "${handle}" in this network`, "handle");
    }
    await tx
      .update(membershipTable)
      .set({ household })
      .where(and(eq(membershipTable.networkId, network.id), eq(membershipTable.memberId, target.id)));
    // The act log says a household was set, not which: the label stays with the membership.
    await recordAct(tx, { member: target, by }, "member.household", { set: household !== null }, network.id);
    return ok({ handle: target.handle, household });
  });
}
