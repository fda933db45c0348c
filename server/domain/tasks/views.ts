// Tasks as the board shows them (dates as strings: the same type serves the
// web client).
import { and, asc, eq, inArray } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { eventTable, memberTable, taskAssigneeTable, taskTable, type Member, type Task, type TaskCategory, type TaskRepeat, type TaskStatus } from "../../../db/schema/index.ts";
import { isUuid } from "../ids.ts";

export interface PersonView {
  handle: string;
  displayName: string;
}

export interface TaskView {
  id: string;
  category: TaskCategory;
  title: string;
  notes: string;
  dueOn: string | null;
  status: TaskStatus;
  repeat: TaskRepeat | null;
  daysBefore: number | null;
  starterKey: string | null;
  event: { id: string; title: string; startsAt: string; path: string } | null;
  assignees: PersonView[];
  createdBy: PersonView | null;
  createdAt: string;
  doneAt: string | null;
  /** Given to the viewer. */
  mine: boolean;
}

export const taskPath = (slug: string, id: string) => `/n/${slug}/tasks#task-${id}`;

/** A task of this network (another network's is "not found"). */
export async function findTask(db: DatabaseLike, networkId: string, id: string): Promise<Task | null> {
  if (!isUuid(id)) return null;
  const [task] = await db.select().from(taskTable).where(and(eq(taskTable.id, id), eq(taskTable.networkId, networkId))).limit(1);
  return task ?? null;
}

export async function taskViews(db: DatabaseLike, slug: string, tasks: Task[], viewer: Member): Promise<TaskView[]> {
  if (tasks.length === 0) return [];
  const ids = tasks.map((t) => t.id);
  const eventIds = [...new Set(tasks.flatMap((t) => (t.eventId ? [t.eventId] : [])))];
  const personIds = [...new Set(tasks.flatMap((t) => (t.createdById ? [t.createdById] : [])))];
  const [assignees, events, creators] = await Promise.all([
    db
      .select({ taskId: taskAssigneeTable.taskId, id: memberTable.id, handle: memberTable.handle, displayName: memberTable.displayName })
      .from(taskAssigneeTable)
      .innerJoin(memberTable, eq(memberTable.id, taskAssigneeTable.memberId))
      .where(inArray(taskAssigneeTable.taskId, ids))
      .orderBy(asc(memberTable.displayName)),
    eventIds.length ? db.select({ id: eventTable.id, title: eventTable.title, startsAt: eventTable.startsAt }).from(eventTable).where(inArray(eventTable.id, eventIds)) : [],
    personIds.length ? db.select({ id: memberTable.id, handle: memberTable.handle, displayName: memberTable.displayName }).from(memberTable).where(inArray(memberTable.id, personIds)) : [],
  ]);
  return tasks.map((t) => {
    const event = events.find((e) => e.id === t.eventId);
    const creator = creators.find((c) => c.id === t.createdById);
    const people = assignees.filter((a) => a.taskId === t.id);
    return {
      id: t.id,
      category: t.category,
      title: t.title,
      notes: t.notes,
      dueOn: t.dueOn,
      status: t.status,
      repeat: t.repeat,
      daysBefore: t.daysBefore,
      starterKey: t.starterKey,
      event: event ? { id: event.id, title: event.title, startsAt: event.startsAt.toISOString(), path: `/n/${slug}/e/${event.id}` } : null,
      assignees: people.map((p) => ({ handle: p.handle, displayName: p.displayName })),
      createdBy: creator ? { handle: creator.handle, displayName: creator.displayName } : null,
      createdAt: t.createdAt.toISOString(),
      doneAt: t.doneAt?.toISOString() ?? null,
      mine: people.some((p) => p.id === viewer.id),
    };
  });
}
