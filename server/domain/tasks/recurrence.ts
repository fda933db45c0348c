// A recurring task, once done, comes back: a month later, or before the next
// café-rencontre (attached to it, due some days before it).
import { Temporal } from "@js-temporal/polyfill";
import { and, asc, eq, gt } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { eventTable, taskAssigneeTable, taskTable, type Task } from "../../../db/schema/index.ts";
import { toParis } from "../events/recurrence.ts";
import { parisToday } from "../impact/period.ts";

const later = (a: Temporal.PlainDate, b: Temporal.PlainDate) => (Temporal.PlainDate.compare(a, b) < 0 ? b : a);

/** The next café-rencontre of the network, after `after`. */
async function nextCafe(db: DatabaseLike, networkId: string, after: Date) {
  const [cafe] = await db
    .select({ id: eventTable.id, startsAt: eventTable.startsAt })
    .from(eventTable)
    .where(and(eq(eventTable.networkId, networkId), eq(eventTable.kind, "cafe"), eq(eventTable.cancelled, false), gt(eventTable.startsAt, after)))
    .orderBy(asc(eventTable.startsAt))
    .limit(1);
  return cafe ?? null;
}

/** When and for which event the next occurrence of `task` is due. */
export async function nextOccurrence(db: DatabaseLike, task: Task, now: Date): Promise<{ dueOn: string | null; eventId: string | null }> {
  const today = parisToday(now);
  if (task.repeat === "monthly") {
    const base = task.dueOn ? Temporal.PlainDate.from(task.dueOn) : today;
    return { dueOn: later(base.add({ months: 1 }), today).toString(), eventId: null };
  }
  // each_cafe: the café after the one this occurrence prepared (or after now).
  let after = now;
  if (task.eventId) {
    const [current] = await db.select({ startsAt: eventTable.startsAt }).from(eventTable).where(eq(eventTable.id, task.eventId)).limit(1);
    if (current && current.startsAt > after) after = current.startsAt;
  }
  const cafe = await nextCafe(db, task.networkId, after);
  if (!cafe) return { dueOn: null, eventId: null };
  const due = toParis(cafe.startsAt).toPlainDate().subtract({ days: task.daysBefore ?? 0 });
  return { dueOn: later(due, today).toString(), eventId: cafe.id };
}

/** Makes the next occurrence (same words, same people) once; returns its id. */
export async function followRecurring(tx: DatabaseLike, task: Task, now: Date): Promise<string | null> {
  if (!task.repeat || task.nextId) return task.nextId;
  const next = await nextOccurrence(tx, task, now);
  const [created] = await tx
    .insert(taskTable)
    .values({
      networkId: task.networkId,
      category: task.category,
      title: task.title,
      notes: task.notes,
      repeat: task.repeat,
      daysBefore: task.daysBefore,
      starterKey: task.starterKey,
      createdById: task.createdById,
      ...next,
    })
    .returning();
  const people = await tx.select({ memberId: taskAssigneeTable.memberId }).from(taskAssigneeTable).where(eq(taskAssigneeTable.taskId, task.id));
  if (people.length) await tx.insert(taskAssigneeTable).values(people.map((p) => ({ taskId: created.id, memberId: p.memberId })));
  await tx.update(taskTable).set({ nextId: created.id }).where(eq(taskTable.id, task.id));
  return created.id;
}
