// Joining an event of another instance (Mobilizon, another Maillage): the
// member's Join is pending until the organiser's server answers Accept or
// Reject (federation/inbox/event-answers.ts calls joinAnswered).
import { and, eq } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { remoteEventParticipationTable, remoteEventTable, type RemoteEvent } from "../../../db/schema/index.ts";
import { recordAct, type Actor } from "../acts.ts";
import type { EventPublishing } from "./ports.ts";
import { notify } from "../notifications.ts";
import { fail, ok, transact, type Result } from "../result.ts";

/** Notifications about a remote event lead to the member's own events page. */
export const remoteEventSubject = (event: { id: string; name: string }) => ({ type: "remote_event", id: event.id, title: event.name, path: "/me/events" });

export async function findRemoteEvent(db: DatabaseLike, id: string): Promise<RemoteEvent | null> {
  const [row] = await db.select().from(remoteEventTable).where(eq(remoteEventTable.id, id)).limit(1);
  return row ?? null;
}

/** A remote event by its URL: the copy we keep, refreshed from its server. */
export async function lookupRemoteEvent(db: DatabaseLike, url: string, publishing: EventPublishing): Promise<Result<RemoteEvent>> {
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) return fail("invalid", "invalid_url", "Not a web address", "url");
  const event = await publishing.outbox.lookup(db, url);
  return event ? ok(event) : fail("not_found", "remote_event_not_found", "No event found at this address", "url");
}

export async function joinRemoteEvent(db: DatabaseLike, actor: Actor, id: string, publishing: EventPublishing): Promise<Result<{ state: string }>> {
  return transact(db, async (tx) => {
    const event = await findRemoteEvent(tx, id);
    if (!event) return fail("not_found", "remote_event_not_found", "No such event");
    if (event.cancelled) return fail("conflict", "event_cancelled", "This event is cancelled");
    if ((event.endsAt ?? event.startsAt) <= new Date()) return fail("conflict", "event_past", "This event is over");
    const [existing] = await tx
      .select()
      .from(remoteEventParticipationTable)
      .where(and(eq(remoteEventParticipationTable.remoteEventId, id), eq(remoteEventParticipationTable.memberId, actor.member.id)));
    if (existing && existing.state !== "rejected") return ok({ state: existing.state });
    const joinActivityId = await publishing.outbox.joinRemote(tx, actor.member, event);
    if (existing) {
      await tx.update(remoteEventParticipationTable).set({ state: "pending", joinActivityId }).where(eq(remoteEventParticipationTable.id, existing.id));
    } else {
      await tx.insert(remoteEventParticipationTable).values({ remoteEventId: id, memberId: actor.member.id, joinActivityId });
    }
    await recordAct(tx, actor, "event.join_remote", { id });
    return ok({ state: "pending" });
  });
}

export async function leaveRemoteEvent(db: DatabaseLike, actor: Actor, id: string, publishing: EventPublishing): Promise<Result<null>> {
  return transact(db, async (tx) => {
    const event = await findRemoteEvent(tx, id);
    const [existing] = event
      ? await tx
          .delete(remoteEventParticipationTable)
          .where(and(eq(remoteEventParticipationTable.remoteEventId, id), eq(remoteEventParticipationTable.memberId, actor.member.id)))
          .returning()
      : [];
    if (!event || !existing) return fail("not_found", "participation_not_found", "You had not joined this event");
    await publishing.outbox.leaveRemote(tx, actor.member, event, existing.joinActivityId);
    await recordAct(tx, actor, "event.leave_remote", { id });
    return ok(null);
  });
}

/** The organiser's server answered our Join: recorded, and the member told. Returns the event's id, null when no such Join. */
export async function joinAnswered(db: DatabaseLike, joinActivityId: string, answer: "accepted" | "rejected"): Promise<string | null> {
  const [row] = await db
    .update(remoteEventParticipationTable)
    .set({ state: answer })
    .where(eq(remoteEventParticipationTable.joinActivityId, joinActivityId))
    .returning();
  if (!row) return null;
  const event = await findRemoteEvent(db, row.remoteEventId);
  await notify(db, [row.memberId], { kind: answer === "accepted" ? "event.joinAccepted" : "event.joinRejected", subject: remoteEventSubject(event ?? { id: row.remoteEventId, name: "" }) });
  return row.remoteEventId;
}
