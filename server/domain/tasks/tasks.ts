// The animation group's task board: tasks of the six categories, given to
// animators, with a due date, a status (à faire, en cours, fait), maybe an
// event to prepare, maybe coming back. Only the group sees and changes them;
// whoever is given a task is told in the app.
import { and, asc, eq, gt, inArray, isNotNull, notInArray, sql } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { eventTable, memberTable, membershipTable, taskAssigneeTable, taskTable, type Member, type Network, type Task, type TaskStatus } from "../../../db/schema/index.ts";
import { recordAct, selfActor } from "../acts.ts";
import { forgetNotificationsAbout, notify } from "../notifications.ts";
import { fail, ok, transact, type Result } from "../result.ts";
import { requireRole } from "../roles.ts";
import { checkTask, type CheckedTask, type TaskInput } from "./input.ts";
import { followRecurring } from "./recurrence.ts";
import { starterTasks, type StarterTask } from "./starter.ts";
import { findTask, taskPath, taskViews, type PersonView, type TaskView } from "./views.ts";

const notFound = () => fail("not_found", "task_not_found", "No such task in this network");

export interface TaskBoard {
  tasks: TaskView[];
  /** Who tasks may be given to. */
  group: (PersonView & { role: string })[];
  /** The starter set's tasks the group has not added yet. */
  starters: StarterTask[];
  /** Coming events a task may prepare. */
  events: { id: string; title: string; startsAt: string }[];
}

const statusOrder = sql`case ${taskTable.status} when 'doing' then 0 when 'todo' then 1 else 2 end`;

export async function taskBoard(db: DatabaseLike, member: Member, slug: string, filter: { mine?: boolean; status?: TaskStatus } = {}, now = new Date()): Promise<Result<TaskBoard>> {
  const allowed = await requireRole(db, slug, member, "animator");
  if (!allowed.ok) return allowed;
  const { network } = allowed.value;
  const mine = filter.mine ? db.select({ id: taskAssigneeTable.taskId }).from(taskAssigneeTable).where(eq(taskAssigneeTable.memberId, member.id)) : undefined;
  const [tasks, group, used, events] = await Promise.all([
    db
      .select()
      .from(taskTable)
      .where(and(eq(taskTable.networkId, network.id), filter.status ? eq(taskTable.status, filter.status) : undefined, mine ? inArray(taskTable.id, mine) : undefined))
      .orderBy(statusOrder, sql`${taskTable.dueOn} asc nulls last`, asc(taskTable.createdAt))
      .limit(500),
    db
      .select({ handle: memberTable.handle, displayName: memberTable.displayName, role: membershipTable.role })
      .from(membershipTable)
      .innerJoin(memberTable, eq(memberTable.id, membershipTable.memberId))
      .where(and(eq(membershipTable.networkId, network.id), inArray(membershipTable.role, ["animator", "pilot"])))
      .orderBy(asc(memberTable.displayName)),
    db.selectDistinct({ key: taskTable.starterKey }).from(taskTable).where(and(eq(taskTable.networkId, network.id), isNotNull(taskTable.starterKey))),
    db
      .select({ id: eventTable.id, title: eventTable.title, startsAt: eventTable.startsAt })
      .from(eventTable)
      .where(and(eq(eventTable.networkId, network.id), eq(eventTable.cancelled, false), gt(eventTable.startsAt, now)))
      .orderBy(asc(eventTable.startsAt))
      .limit(30),
  ]);
  return ok({
    tasks: await taskViews(db, network.slug, tasks, member),
    group,
    starters: starterTasks.filter((s) => !used.some((u) => u.key === s.key)),
    events: events.map((e) => ({ id: e.id, title: e.title, startsAt: e.startsAt.toISOString() })),
  });
}

/** Tells the people newly given a task (not oneself). */
async function tellAssigned(tx: DatabaseLike, network: Network, task: Task, people: Member[], by: Member) {
  await notify(
    tx,
    people.filter((p) => p.id !== by.id).map((p) => p.id),
    { kind: "tasks.assigned", subject: { type: "task", id: task.id, title: task.title, path: taskPath(network.slug, task.id) }, fromName: by.displayName },
  );
}

const fieldsOf = (c: CheckedTask) => {
  const { assignees: _, ...fields } = c;
  return fields;
};

export async function createTask(db: DatabaseLike, member: Member, slug: string, input: TaskInput, now = new Date()): Promise<Result<TaskView>> {
  return transact(db, async (tx) => {
    const allowed = await requireRole(tx, slug, member, "animator");
    if (!allowed.ok) return allowed;
    const { network } = allowed.value;
    const checked = await checkTask(tx, network.id, input, true, now);
    if (!checked.ok) return checked;
    const fields = fieldsOf(checked.value);
    const [task] = await tx
      .insert(taskTable)
      .values({ ...fields, category: fields.category!, title: fields.title!, networkId: network.id, createdById: member.id, ...(fields.status === "done" ? { doneAt: now } : {}) })
      .returning();
    const people = checked.value.assignees ?? [];
    if (people.length) await tx.insert(taskAssigneeTable).values(people.map((p) => ({ taskId: task.id, memberId: p.id })));
    await tellAssigned(tx, network, task, people, member);
    await recordAct(tx, selfActor(member), "task.create", { id: task.id, category: task.category }, network.id);
    return ok((await taskViews(tx, network.slug, [task], member))[0]);
  });
}

export async function updateTask(db: DatabaseLike, member: Member, slug: string, id: string, input: TaskInput, now = new Date()): Promise<Result<TaskView>> {
  return transact(db, async (tx) => {
    const allowed = await requireRole(tx, slug, member, "animator");
    if (!allowed.ok) return allowed;
    const { network } = allowed.value;
    const before = await findTask(tx, network.id, id);
    if (!before) return notFound();
    // Keeping the date a task already has is fine, even once it is past.
    const unchangedDue = input.dueOn !== undefined && input.dueOn === before.dueOn;
    const checked = await checkTask(tx, network.id, unchangedDue ? { ...input, dueOn: undefined } : input, false, now);
    if (!checked.ok) return checked;
    const fields = fieldsOf(checked.value);
    const statusChange = fields.status !== undefined && fields.status !== before.status ? { doneAt: fields.status === "done" ? now : null } : {};
    const dueChange = fields.dueOn !== undefined && fields.dueOn !== before.dueOn ? { dueNoticeOn: null } : {};
    const [task] = await tx
      .update(taskTable)
      .set({ ...fields, ...statusChange, ...dueChange, updatedAt: now })
      .where(eq(taskTable.id, before.id))
      .returning();
    if (checked.value.assignees) {
      const people = checked.value.assignees;
      const current = await tx.select({ memberId: taskAssigneeTable.memberId }).from(taskAssigneeTable).where(eq(taskAssigneeTable.taskId, task.id));
      const keep = people.map((p) => p.id);
      await tx.delete(taskAssigneeTable).where(and(eq(taskAssigneeTable.taskId, task.id), keep.length ? notInArray(taskAssigneeTable.memberId, keep) : undefined));
      const added = people.filter((p) => !current.some((c) => c.memberId === p.id));
      if (added.length) await tx.insert(taskAssigneeTable).values(added.map((p) => ({ taskId: task.id, memberId: p.id })));
      await tellAssigned(tx, network, task, added, member);
    }
    if (task.status === "done" && before.status !== "done") await followRecurring(tx, task, now);
    await recordAct(tx, selfActor(member), "task.update", { id: task.id, fields: Object.keys(input) }, network.id);
    return ok((await taskViews(tx, network.slug, [task], member))[0]);
  });
}

export async function deleteTask(db: DatabaseLike, member: Member, slug: string, id: string): Promise<Result<null>> {
  return transact(db, async (tx) => {
    const allowed = await requireRole(tx, slug, member, "animator");
    if (!allowed.ok) return allowed;
    const task = await findTask(tx, allowed.value.network.id, id);
    if (!task) return notFound();
    await tx.delete(taskTable).where(eq(taskTable.id, task.id));
    await forgetNotificationsAbout(tx, { type: "task", id: task.id });
    await recordAct(tx, selfActor(member), "task.delete", { id: task.id, title: task.title }, allowed.value.network.id);
    return ok(null);
  });
}
