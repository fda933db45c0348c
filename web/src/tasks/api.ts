// The task board's API (the server's own types).
import { apiRequest } from "../api.ts";
import type { TaskBoard } from "../../../server/domain/tasks/tasks.ts";
import type { TaskInput } from "../../../server/domain/tasks/input.ts";
import type { TaskView } from "../../../server/domain/tasks/views.ts";
import type { StarterTask } from "../../../server/domain/tasks/starter.ts";

export type { StarterTask, TaskBoard, TaskInput, TaskView };
export type TaskCategory = TaskView["category"];
export type TaskStatus = TaskView["status"];
export const taskCategories: TaskCategory[] = ["inscriptions", "communication", "cafes", "plateforme", "evenementiel", "reporting"];
export const taskStatuses: TaskStatus[] = ["todo", "doing", "done"];

const enc = encodeURIComponent;

export const tasksApi = {
  board: (slug: string, mine: boolean) => apiRequest<TaskBoard>("GET", `/networks/${enc(slug)}/tasks${mine ? "?mine=true" : ""}`),
  create: (slug: string, body: TaskInput) => apiRequest<{ task: TaskView }>("POST", `/networks/${enc(slug)}/tasks`, { body }),
  update: (slug: string, id: string, body: TaskInput) => apiRequest<{ task: TaskView }>("PATCH", `/networks/${enc(slug)}/tasks/${enc(id)}`, { body }),
  remove: (slug: string, id: string) => apiRequest<void>("DELETE", `/networks/${enc(slug)}/tasks/${enc(id)}`),
};
