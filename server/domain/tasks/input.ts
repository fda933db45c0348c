// Checking a task as the board sends it: each problem names its field, and
// nothing is written until everything is right.
import { Temporal } from "@js-temporal/polyfill";
import { and, eq, inArray } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { eventTable, memberTable, membershipTable, taskCategories, taskRepeats, taskStatuses, type Member, type TaskCategory, type TaskRepeat, type TaskStatus } from "../../../db/schema/index.ts";
import { isUuid } from "../ids.ts";
import { parisToday } from "../impact/period.ts";
import { fail, ok, type Result } from "../result.ts";
import { findStarter } from "./starter.ts";

export const MAX_TITLE = 200;
export const MAX_NOTES = 5000;
export const MAX_ASSIGNEES = 12;
export const DEFAULT_DAYS_BEFORE = 7;

export interface TaskInput {
  category?: TaskCategory;
  title?: string;
  notes?: string;
  /** YYYY-MM-DD, Europe/Paris; null: no date. */
  dueOn?: string | null;
  status?: TaskStatus;
  /** Handles of animators or pilots of the network. */
  assignees?: string[];
  eventId?: string | null;
  repeat?: TaskRepeat | null;
  daysBefore?: number | null;
  /** The starter task it comes from. */
  starter?: string | null;
}

export interface CheckedTask {
  category?: TaskCategory;
  title?: string;
  notes?: string;
  dueOn?: string | null;
  status?: TaskStatus;
  assignees?: Member[];
  eventId?: string | null;
  repeat?: TaskRepeat | null;
  daysBefore?: number | null;
  starterKey?: string | null;
}

/** Checks the fields given; `isNew` requires a title and a category, and refuses a due date already past. */
export async function checkTask(db: DatabaseLike, networkId: string, input: TaskInput, isNew: boolean, now = new Date()): Promise<Result<CheckedTask>> {
  const out: CheckedTask = {};
  if (input.category !== undefined || isNew) {
    if (!input.category || !taskCategories.includes(input.category)) return fail("invalid", "unknown_category", `One of: ${taskCategories.join(", ")}`, "category");
    out.category = input.category;
  }
  if (input.title !== undefined || isNew) {
    const title = (input.title ?? "").trim();
    if (title === "") return fail("invalid", "task_title_empty", "Give the task a title", "title");
    if (title.length > MAX_TITLE) return fail("invalid", "task_title_too_long", `At most ${MAX_TITLE} characters`, "title");
    out.title = title;
  }
  if (input.notes !== undefined) {
    const notes = input.notes.trim();
    if (notes.length > MAX_NOTES) return fail("invalid", "task_notes_too_long", `At most ${MAX_NOTES} characters`, "notes");
    out.notes = notes;
  }
  if (input.status !== undefined) {
    if (!taskStatuses.includes(input.status)) return fail("invalid", "unknown_status", `One of: ${taskStatuses.join(", ")}`, "status");
    out.status = input.status;
  }
  if (input.dueOn !== undefined) {
    const due = checkDue(input.dueOn, now);
    if (!due.ok) return due;
    out.dueOn = due.value;
  }
  if (input.repeat !== undefined) {
    if (input.repeat !== null && !taskRepeats.includes(input.repeat)) return fail("invalid", "unknown_repeat", `One of: ${taskRepeats.join(", ")}`, "repeat");
    out.repeat = input.repeat;
    out.daysBefore = input.repeat === "each_cafe" ? (input.daysBefore ?? DEFAULT_DAYS_BEFORE) : null;
  }
  if (out.daysBefore != null && (!Number.isInteger(out.daysBefore) || out.daysBefore < 0 || out.daysBefore > 30)) {
    return fail("invalid", "days_before_invalid", "From 0 to 30 days before the café", "daysBefore");
  }
  if (input.starter != null) {
    if (!findStarter(input.starter)) return fail("invalid", "unknown_starter", "No such task in the starter set", "starter");
    out.starterKey = input.starter;
  }
  if (input.eventId !== undefined) {
    const event = await checkEvent(db, networkId, input.eventId);
    if (!event.ok) return event;
    out.eventId = event.value;
  }
  if (input.assignees !== undefined) {
    const people = await checkAssignees(db, networkId, input.assignees);
    if (!people.ok) return people;
    out.assignees = people.value;
  }
  return ok(out);
}

function checkDue(value: string | null, now: Date): Result<string | null> {
  if (value === null || value === "") return ok(null);
  let day: Temporal.PlainDate;
  try {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new RangeError(value);
    day = Temporal.PlainDate.from(value, { overflow: "reject" });
  } catch {
    return fail("invalid", "invalid_date", "A date as YYYY-MM-DD", "dueOn");
  }
  if (Temporal.PlainDate.compare(day, parisToday(now)) < 0) return fail("invalid", "due_in_past", "This day is already past", "dueOn");
  if (day.year > parisToday(now).year + 5) return fail("invalid", "year_out_of_range", "At most five years ahead", "dueOn");
  return ok(day.toString());
}

async function checkEvent(db: DatabaseLike, networkId: string, id: string | null): Promise<Result<string | null>> {
  if (id === null || id === "") return ok(null);
  const [event] = isUuid(id)
    ? await db.select({ id: eventTable.id }).from(eventTable).where(and(eq(eventTable.id, id), eq(eventTable.networkId, networkId))).limit(1)
    : [];
  return event ? ok(event.id) : fail("invalid", "event_not_in_network", "No such event in this network", "eventId");
}

/** Tasks are shared within the animation group: animators and pilots of this network. */
async function checkAssignees(db: DatabaseLike, networkId: string, handles: string[]): Promise<Result<Member[]>> {
  const wanted = [...new Set(handles.map((h) => h.trim().toLowerCase().replace(/^@/, "")).filter(Boolean))];
  if (wanted.length > MAX_ASSIGNEES) return fail("invalid", "too_many_assignees", `At most ${MAX_ASSIGNEES} people`, "assignees");
  if (wanted.length === 0) return ok([]);
  const rows = await db
    .select({ member: memberTable })
    .from(membershipTable)
    .innerJoin(memberTable, eq(memberTable.id, membershipTable.memberId))
    .where(and(eq(membershipTable.networkId, networkId), inArray(membershipTable.role, ["animator", "pilot"]), inArray(memberTable.handle, wanted)));
  const missing = wanted.find((h) => !rows.some((r) => r.member.handle === h));
  if (missing) return fail("invalid", "assignee_not_in_group", `"${missing}" is not in this network's animation group`, "assignees");
  return ok(rows.map((r) => r.member));
}
