// A member's part of the toolkit, for the export of their data: the tasks
// given to them or that they wrote, and the report texts they last saved.
// Deleting the account removes them from tasks (cascade); tasks and reports
// stay the network's, without their name.
import { eq, inArray, or, sql } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { networkTable, taskAssigneeTable, taskTable, type Member } from "../../../db/schema/index.ts";
import { reportsEditedBy } from "../impact/report.ts";

export async function toolkitExportOf(db: DatabaseLike, member: Member) {
  const given = db.select({ id: taskAssigneeTable.taskId }).from(taskAssigneeTable).where(eq(taskAssigneeTable.memberId, member.id));
  const tasks = await db
    .select({
      id: taskTable.id,
      network: networkTable.slug,
      category: taskTable.category,
      title: taskTable.title,
      notes: taskTable.notes,
      dueOn: taskTable.dueOn,
      status: taskTable.status,
      createdAt: taskTable.createdAt,
      createdByMe: sql<boolean>`coalesce(${taskTable.createdById} = ${member.id}, false)`,
    })
    .from(taskTable)
    .innerJoin(networkTable, eq(networkTable.id, taskTable.networkId))
    .where(or(eq(taskTable.createdById, member.id), inArray(taskTable.id, given)));
  return { tasks, reports: await reportsEditedBy(db, member) };
}
