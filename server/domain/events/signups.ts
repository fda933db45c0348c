// A collective action's sign-up: each household says how many of each line
// (bags of compost, hands on Saturday); the organiser sees the totals and
// who signed up, and closes the sign-up.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { eventSignupItemTable, eventSignupTable, eventTable, memberTable, type Member } from "../../../db/schema/index.ts";
import { recordAct, type Actor } from "../acts.ts";
import { closedFor, lockEvent } from "./rsvp.ts";
import { findEvent, loadEvent, mayManage } from "./views.ts";
import { fail, ok, transact, type Result } from "../result.ts";

export const MAX_QUANTITY = 1000;

export interface SignupView {
  closed: boolean;
  items: { id: string; label: string; total: number; mine: number }[];
  /** For the organiser: who said how many. */
  lines?: { itemId: string; handle: string; displayName: string; quantity: number }[];
}

export async function signupOf(db: DatabaseLike, eventId: string, viewer: Member | null, organiser: boolean): Promise<SignupView> {
  const [event] = await db.select({ closed: eventTable.signupClosed }).from(eventTable).where(eq(eventTable.id, eventId));
  const items = await db.select().from(eventSignupItemTable).where(eq(eventSignupItemTable.eventId, eventId)).orderBy(asc(eventSignupItemTable.position));
  const ids = items.map((i) => i.id);
  const rows = ids.length
    ? await db
        .select({ itemId: eventSignupTable.itemId, quantity: eventSignupTable.quantity, member: memberTable })
        .from(eventSignupTable)
        .innerJoin(memberTable, eq(memberTable.id, eventSignupTable.memberId))
        .where(inArray(eventSignupTable.itemId, ids))
        .orderBy(asc(memberTable.displayName))
    : [];
  const view: SignupView = {
    closed: event?.closed ?? false,
    items: items.map((i) => {
      const lines = rows.filter((r) => r.itemId === i.id);
      return {
        id: i.id,
        label: i.label,
        total: lines.reduce((s, r) => s + r.quantity, 0),
        mine: lines.find((r) => r.member.id === viewer?.id)?.quantity ?? 0,
      };
    }),
  };
  if (organiser) view.lines = rows.map((r) => ({ itemId: r.itemId, handle: r.member.handle, displayName: r.member.displayName, quantity: r.quantity }));
  return view;
}

/** A member (or their sponsor) says how many of each line; 0 takes their name off. */
export async function signUp(
  db: DatabaseLike,
  actor: Actor,
  eventId: string,
  quantities: { itemId: string; quantity: number }[],
  origin: string,
): Promise<Result<SignupView>> {
  for (const [i, q] of quantities.entries()) {
    if (!Number.isInteger(q.quantity) || q.quantity < 0 || q.quantity > MAX_QUANTITY) {
      return fail("invalid", "quantity_invalid", `A whole number from 0 to ${MAX_QUANTITY}`, `items.${i}.quantity`);
    }
  }
  return transact(db, async (tx) => {
    const loaded = await loadEvent(tx, eventId, actor.member, origin);
    if (!loaded.ok) return loaded;
    if (loaded.value.role === null) return fail("forbidden", "not_a_member", "Only the network's members sign up");
    const event = await lockEvent(tx, eventId);
    const closed = closedFor(event);
    if (!closed.ok) return closed;
    if (event.signupClosed) return fail("conflict", "signup_closed", "The sign-up is closed");
    const items = await tx.select({ id: eventSignupItemTable.id }).from(eventSignupItemTable).where(eq(eventSignupItemTable.eventId, eventId));
    const known = new Set(items.map((i) => i.id));
    for (const [i, q] of quantities.entries()) {
      if (!known.has(q.itemId)) return fail("invalid", "signup_item_unknown", "No such line in this sign-up", `items.${i}.itemId`);
      const where = and(eq(eventSignupTable.itemId, q.itemId), eq(eventSignupTable.memberId, actor.member.id));
      if (q.quantity === 0) await tx.delete(eventSignupTable).where(where);
      else {
        await tx
          .insert(eventSignupTable)
          .values({ itemId: q.itemId, memberId: actor.member.id, quantity: q.quantity })
          .onConflictDoUpdate({ target: [eventSignupTable.itemId, eventSignupTable.memberId], set: { quantity: q.quantity, updatedAt: sql`now()` } });
      }
    }
    await recordAct(tx, actor, "event.signup", { id: eventId, quantities }, event.networkId);
    return ok(await signupOf(tx, eventId, actor.member, false));
  });
}

/** The organiser closes (or reopens) the sign-up. */
export async function setSignupClosed(db: DatabaseLike, actor: Actor, eventId: string, closed: boolean): Promise<Result<SignupView>> {
  return transact(db, async (tx) => {
    const item = await findEvent(tx, eventId);
    if (!item) return fail("not_found", "event_not_found", "No such event");
    if (!(await mayManage(tx, item, actor.by))) return fail("forbidden", "not_event_organiser", "Only its organiser or an animator may close the sign-up");
    await tx.update(eventTable).set({ signupClosed: closed }).where(eq(eventTable.id, eventId));
    await recordAct(tx, actor, closed ? "event.signup_close" : "event.signup_open", { id: eventId }, item.network.id);
    return ok(await signupOf(tx, eventId, actor.by, true));
  });
}
