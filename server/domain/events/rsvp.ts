// Who comes. Every answer locks the occurrence's row (SELECT … FOR UPDATE)
// before counting, so two people taking the last place at once cannot both
// get it: the second waits for the first to commit, then counts again and
// goes to the waiting list. When a place frees up, the longest-waiting
// member is promoted (and told).
import { and, asc, count, eq, isNull, ne, or } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { eventParticipationTable, eventTable, type Event, type RsvpStatus } from "../../../db/schema/index.ts";
import { recordAct, type Actor } from "../acts.ts";
import type { EventItem, EventPublishing } from "./ports.ts";
import { eventPath, findEvent, loadEvent } from "./views.ts";
import { notify } from "../notifications.ts";
import { fail, ok, transact, type Result } from "../result.ts";

export type Answer = Exclude<RsvpStatus, "waiting">;

/** Locks the occurrence for the rest of the transaction and returns it fresh. */
export async function lockEvent(tx: DatabaseLike, id: string): Promise<Event> {
  const [event] = await tx.select().from(eventTable).where(eq(eventTable.id, id)).for("update");
  return event;
}

async function goingCount(tx: DatabaseLike, eventId: string, except?: { memberId: string }): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(eventParticipationTable)
    .where(
      and(
        eq(eventParticipationTable.eventId, eventId),
        eq(eventParticipationTable.status, "going"),
        // Remote participants have no member id: count them too.
        except ? or(isNull(eventParticipationTable.memberId), ne(eventParticipationTable.memberId, except.memberId)) : undefined,
      ),
    );
  return row.n;
}

/** Cancelled or over: no more answers. */
export function closedFor(event: Event, now = new Date()): Result<null> {
  if (event.cancelled) return fail("conflict", "event_cancelled", "This event is cancelled");
  if (event.endsAt <= now) return fail("conflict", "event_past", "This event is over");
  return ok(null);
}

/** A member (or their sponsor, for them) answers going, maybe or not going. Full → the waiting list. */
export async function answerEvent(
  db: DatabaseLike,
  actor: Actor,
  id: string,
  answer: Answer,
  publishing: EventPublishing,
): Promise<Result<{ status: RsvpStatus }>> {
  return transact(db, async (tx) => {
    const loaded = await loadEvent(tx, id, actor.member, publishing.origin);
    if (!loaded.ok) return loaded;
    const event = await lockEvent(tx, id);
    const closed = closedFor(event);
    if (!closed.ok) return closed;
    const [previous] = await tx
      .select()
      .from(eventParticipationTable)
      .where(and(eq(eventParticipationTable.eventId, id), eq(eventParticipationTable.memberId, actor.member.id)));
    let status: RsvpStatus = answer;
    if (answer === "going" && previous?.status !== "going" && event.capacity !== null) {
      if ((await goingCount(tx, id, { memberId: actor.member.id })) >= event.capacity) status = "waiting";
    }
    if (previous?.status === "waiting" && status === "waiting") return ok({ status });
    const now = new Date();
    if (previous) {
      await tx
        .update(eventParticipationTable)
        .set({ status, respondedById: actor.by.id, updatedAt: now })
        .where(eq(eventParticipationTable.id, previous.id));
    } else {
      await tx.insert(eventParticipationTable).values({ eventId: id, memberId: actor.member.id, status, respondedById: actor.by.id });
    }
    await recordAct(tx, actor, "event.rsvp", { id, status }, event.networkId);
    if (previous?.status === "going" && status !== "going") await promoteWaiting(tx, event, loaded.value.network.slug);
    return ok({ status });
  });
}

/** Fills free places from the waiting list, in order; each promoted member gets a notice. Call with the event locked. */
export async function promoteWaiting(tx: DatabaseLike, event: Event, slug: string): Promise<void> {
  let free = event.capacity === null ? Infinity : event.capacity - (await goingCount(tx, event.id));
  while (free > 0) {
    const [next] = await tx
      .select()
      .from(eventParticipationTable)
      .where(and(eq(eventParticipationTable.eventId, event.id), eq(eventParticipationTable.status, "waiting")))
      .orderBy(asc(eventParticipationTable.updatedAt), asc(eventParticipationTable.createdAt))
      .limit(1);
    if (!next) return;
    await tx.update(eventParticipationTable).set({ status: "going", updatedAt: new Date() }).where(eq(eventParticipationTable.id, next.id));
    await notify(tx, [next.memberId], { kind: "event.promoted", subject: eventSubject(event, slug) });
    free--;
  }
}

export type JoinOutcome = { answer: "accept" | "reject"; reason?: string };

/**
 * A remote actor's Join (Mobilizon, another Maillage): going if there is a
 * place, else Reject (the waiting list is for members here). Answered through
 * the outbox in the same transaction.
 */
export async function remoteJoin(
  db: DatabaseLike,
  eventId: string,
  remoteActorId: string,
  joinActivityId: string | null,
  publishing: EventPublishing,
): Promise<Result<JoinOutcome>> {
  return transact(db, async (tx) => {
    const item = await findEvent(tx, eventId);
    if (!item || item.event.visibility === "network") return fail("not_found", "event_not_found", "No such event");
    const event = await lockEvent(tx, eventId);
    const answer = async (outcome: JoinOutcome) => {
      await publishing.outbox.joinAnswered(tx, { ...item, event }, { remoteActorId, joinActivityId }, outcome.answer);
      return ok(outcome);
    };
    const closed = closedFor(event);
    if (!closed.ok) return answer({ answer: "reject", reason: closed.error.code });
    const [previous] = await tx
      .select()
      .from(eventParticipationTable)
      .where(and(eq(eventParticipationTable.eventId, eventId), eq(eventParticipationTable.remoteActorId, remoteActorId)));
    if (previous?.status === "going") return answer({ answer: "accept" });
    if (event.capacity !== null && (await goingCount(tx, eventId)) >= event.capacity) return answer({ answer: "reject", reason: "event_full" });
    if (previous) {
      await tx
        .update(eventParticipationTable)
        .set({ status: "going", joinActivityId, updatedAt: new Date() })
        .where(eq(eventParticipationTable.id, previous.id));
    } else {
      await tx.insert(eventParticipationTable).values({ eventId, remoteActorId, joinActivityId, status: "going" });
    }
    return answer({ answer: "accept" });
  });
}

/** A remote actor's Leave: the participation goes, and the waiting list moves up. */
export async function remoteLeave(db: DatabaseLike, eventId: string, remoteActorId: string): Promise<Result<boolean>> {
  return transact(db, async (tx) => {
    const item = await findEvent(tx, eventId);
    if (!item) return ok(false);
    const event = await lockEvent(tx, eventId);
    const removed = await tx
      .delete(eventParticipationTable)
      .where(and(eq(eventParticipationTable.eventId, eventId), eq(eventParticipationTable.remoteActorId, remoteActorId)))
      .returning();
    if (removed.some((r) => r.status === "going")) await promoteWaiting(tx, event, item.network.slug);
    return ok(removed.length > 0);
  });
}

/** For the organiser: notices to every local participant (moved, cancelled). */
export async function noticeParticipants(tx: DatabaseLike, item: EventItem, kind: "changed" | "cancelled"): Promise<void> {
  const rows = await tx
    .select({ memberId: eventParticipationTable.memberId })
    .from(eventParticipationTable)
    .where(and(eq(eventParticipationTable.eventId, item.event.id), ne(eventParticipationTable.status, "not_going")));
  await notify(tx, rows.map((r) => r.memberId), { kind: `event.${kind}`, subject: eventSubject(item.event, item.network.slug) });
}

const eventSubject = (event: Event, slug: string) => ({ type: "event", id: event.id, title: event.title, path: eventPath(slug, event.id) });
