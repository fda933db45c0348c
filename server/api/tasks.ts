// The animation group's task board: list (all, or "my tasks"), create (from
// scratch or from the starter set), change, delete.
import { createRoute, z } from "@hono/zod-openapi";
import { taskCategories, taskRepeats, taskStatuses } from "../../db/schema/index.ts";
import { createTask, deleteTask, taskBoard, updateTask } from "../domain/tasks/tasks.ts";
import { currentMember } from "../http/auth.ts";
import { unwrap } from "../http/errors.ts";
import { errors, jsonBody, newRouter, ok } from "./router.ts";
import { SlugParam } from "./schemas.ts";

const IdParam = SlugParam.extend({ id: z.string().max(64) });
const Fields = {
  category: z.enum(taskCategories),
  title: z.string().max(10_000).openapi({ example: "Réserver la salle du café" }),
  notes: z.string().max(100_000).optional(),
  dueOn: z.string().max(10).nullable().optional().openapi({ example: "2026-12-01", description: "YYYY-MM-DD (Europe/Paris); not in the past" }),
  status: z.enum(taskStatuses).optional(),
  assignees: z.array(z.string().max(64)).max(50).optional().openapi({ description: "Handles of the network's animators or pilots" }),
  eventId: z.string().max(64).nullable().optional().openapi({ description: "An event of the network this task prepares" }),
  repeat: z.enum(taskRepeats).nullable().optional().openapi({ description: "monthly, or each_cafe (due daysBefore days before the next café-rencontre)" }),
  daysBefore: z.number().int().nullable().optional(),
};

export const taskRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/tasks",
        summary: "The task board (animation group): tasks, the group, the starter set's tasks not yet added, coming events",
        request: { params: SlugParam, query: z.object({ mine: z.enum(["true", "false"]).optional(), status: z.enum(taskStatuses).optional() }) },
        responses: { 200: ok("tasks, group, starters, events"), ...errors },
      }),
      async (c) => {
        const { mine, status } = c.req.valid("query");
        return c.json(unwrap(await taskBoard(c.var.deps.db, currentMember(c), c.req.valid("param").slug, { mine: mine === "true", status })), 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/networks/{slug}/tasks",
        summary: "Add a task (animation group); whoever it is given to is told in the app",
        request: { params: SlugParam, ...jsonBody(z.object({ ...Fields, starter: z.string().max(64).nullable().optional() }).strict()) },
        responses: { 201: ok("The task"), ...errors },
      }),
      async (c) => c.json({ task: unwrap(await createTask(c.var.deps.db, currentMember(c), c.req.valid("param").slug, c.req.valid("json"))) }, 201),
    )
    .openapi(
      createRoute({
        method: "patch",
        path: "/networks/{slug}/tasks/{id}",
        summary: "Change a task; a recurring one marked done comes back for the next time",
        request: { params: IdParam, ...jsonBody(z.object({ ...Fields, category: Fields.category.optional(), title: Fields.title.optional() }).strict()) },
        responses: { 200: ok("The task"), ...errors },
      }),
      async (c) => {
        const { slug, id } = c.req.valid("param");
        return c.json({ task: unwrap(await updateTask(c.var.deps.db, currentMember(c), slug, id, c.req.valid("json"))) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/networks/{slug}/tasks/{id}",
        summary: "Delete a task",
        request: { params: IdParam },
        responses: { 204: ok("Deleted"), ...errors },
      }),
      async (c) => {
        const { slug, id } = c.req.valid("param");
        unwrap(await deleteTask(c.var.deps.db, currentMember(c), slug, id));
        return c.body(null, 204);
      },
    );
