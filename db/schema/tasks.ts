// The animation group's task board (issue #12): who does what before the
// café, the poster, the yearly report. Tasks belong to a network, are given
// to one or more of its animators, may prepare an event, and may come back
// (every month, or before each café-rencontre).
import { sql } from "drizzle-orm";
import { check, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { eventTable } from "./events.ts";
import { memberTable } from "./members.ts";
import { networkTable } from "./networks.ts";

/** The six areas of the method: inscriptions, communication, cafés-rencontres, plateforme, événementiel, reporting. */
export const taskCategories = ["inscriptions", "communication", "cafes", "plateforme", "evenementiel", "reporting"] as const;
export type TaskCategory = (typeof taskCategories)[number];
export const taskCategoryEnum = pgEnum("task_category", taskCategories);

/** à faire, en cours, fait. */
export const taskStatuses = ["todo", "doing", "done"] as const;
export type TaskStatus = (typeof taskStatuses)[number];
export const taskStatusEnum = pgEnum("task_status", taskStatuses);

/** `monthly`: due a month later each time; `each_cafe`: due some days before the next café-rencontre. */
export const taskRepeats = ["monthly", "each_cafe"] as const;
export type TaskRepeat = (typeof taskRepeats)[number];
export const taskRepeatEnum = pgEnum("task_repeat", taskRepeats);

export const taskTable = pgTable(
  "task",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    networkId: uuid("network_id")
      .notNull()
      .references(() => networkTable.id, { onDelete: "cascade" }),
    category: taskCategoryEnum("category").notNull(),
    title: text("title").notNull(),
    notes: text("notes").notNull().default(""),
    // A day in Europe/Paris.
    dueOn: date("due_on"),
    status: taskStatusEnum("status").notNull().default("todo"),
    // Preparing this event (a café, the fête); kept when the event is gone.
    eventId: uuid("event_id").references(() => eventTable.id, { onDelete: "set null" }),
    repeat: taskRepeatEnum("repeat"),
    // For `each_cafe`: how many days before the café it is due.
    daysBefore: integer("days_before"),
    // Which task of the starter set it came from (the set offers the others).
    starterKey: text("starter_key"),
    // A recurring task, once done, is followed by its next occurrence (made once).
    nextId: uuid("next_id"),
    // The day the assignees were told it is due in two days (reset when the date moves).
    dueNoticeOn: date("due_notice_on"),
    createdById: uuid("created_by_id").references(() => memberTable.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp("done_at", { withTimezone: true }),
  },
  (t) => [
    index("task_network_idx").on(t.networkId, t.status, t.dueOn),
    index("task_event_idx").on(t.eventId),
    index("task_due_idx").on(t.dueOn).where(sql`${t.status} <> 'done'`),
    check("task_days_before", sql`${t.daysBefore} is null or (${t.daysBefore} >= 0 and ${t.daysBefore} <= 30)`),
  ],
);
export type Task = typeof taskTable.$inferSelect;
export type NewTask = typeof taskTable.$inferInsert;

/** Who takes a task: animators or pilots of its network. */
export const taskAssigneeTable = pgTable(
  "task_assignee",
  {
    taskId: uuid("task_id")
      .notNull()
      .references(() => taskTable.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberTable.id, { onDelete: "cascade" }),
    assignedAt: timestamp("assigned_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.memberId] }), index("task_assignee_member_idx").on(t.memberId)],
);
export type TaskAssignee = typeof taskAssigneeTable.$inferSelect;
