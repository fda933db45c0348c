// Two days before a task is due, the people it was given to are told in the
// app (once; again only if its date moves). Run periodically by the worker.
import { and, eq, gte, isNull, lte, ne } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { networkTable, taskAssigneeTable, taskTable } from "../../../db/schema/index.ts";
import { parisToday } from "../impact/period.ts";
import { notify } from "../notifications.ts";
import { ok, transact } from "../result.ts";
import { taskPath } from "./views.ts";

export const REMIND_DAYS_BEFORE = 2;
const BATCH = 200;

export async function remindDueTasks(db: DatabaseLike, now = new Date()): Promise<{ reminded: number }> {
  const today = parisToday(now);
  const due = await db
    .select({ task: taskTable, slug: networkTable.slug })
    .from(taskTable)
    .innerJoin(networkTable, eq(networkTable.id, taskTable.networkId))
    .where(
      and(
        ne(taskTable.status, "done"),
        isNull(taskTable.dueNoticeOn),
        gte(taskTable.dueOn, today.toString()),
        lte(taskTable.dueOn, today.add({ days: REMIND_DAYS_BEFORE }).toString()),
      ),
    )
    .limit(BATCH);
  for (const { task, slug } of due) {
    await transact(db, async (tx) => {
      // Claimed first: a second worker running at once finds nothing to do.
      const claimed = await tx
        .update(taskTable)
        .set({ dueNoticeOn: today.toString() })
        .where(and(eq(taskTable.id, task.id), isNull(taskTable.dueNoticeOn)))
        .returning({ id: taskTable.id });
      if (claimed.length === 0) return ok(null);
      const people = await tx.select({ id: taskAssigneeTable.memberId }).from(taskAssigneeTable).where(eq(taskAssigneeTable.taskId, task.id));
      await notify(tx, people.map((p) => p.id), { kind: "tasks.due", subject: { type: "task", id: task.id, title: task.title, path: taskPath(slug, task.id) } });
      return ok(null);
    });
  }
  return { reminded: due.length };
}
