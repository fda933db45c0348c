// The task board through the API: the starter set, giving a task to a
// co-animator (told in the app, found in "my tasks"), bad input naming its
// field with nothing written, another network's task, recurring tasks, the
// reminder two days before, and the member's data (export, deletion).
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notificationTable, taskAssigneeTable, taskTable } from "../../db/schema/index.ts";
import { parisToday } from "../../server/domain/impact/period.ts";
import { remindDueTasks } from "../../server/domain/tasks/reminders.ts";
import { createTestApp, joinWith, withNetwork, type Client, type TestApp } from "../helpers/app.ts";

let t: TestApp;
let admin: Client;
let sophie: Client; // animator of lilas
let paul: Client; // animator of lilas
let rose: Client; // member of lilas
let nadia: Client; // animator of tilleuls
const today = parisToday();
const inDays = (n: number) => today.add({ days: n }).toString();

beforeAll(async () => {
  t = await createTestApp();
  admin = await withNetwork(t);
  await admin.post("/api/networks", { slug: "tilleuls", name: "Les Tilleuls" });
  sophie = await joinWith(t, admin, "sophie", "lilas", "animator");
  paul = await joinWith(t, admin, "paul", "lilas", "animator");
  rose = await joinWith(t, sophie, "rose");
  nadia = await joinWith(t, admin, "nadia", "tilleuls", "animator");
});
afterAll(() => t.close());

const taskCount = async () => (await t.handle.db.select({ n: count() }).from(taskTable))[0].n;
const notices = async (client: Client) => (await client.get("/api/me/notifications")).body.notifications as { kind: string; subject: { title: string; path: string } }[];

describe("the board", () => {
  it("is the animation group's: it offers the method's starter set", async () => {
    const res = await sophie.get("/api/networks/lilas/tasks");
    expect(res.status).toBe(200);
    expect(res.body.tasks).toEqual([]);
    expect(res.body.starters.map((s: { category: string }) => s.category)).toEqual(
      expect.arrayContaining(["inscriptions", "communication", "cafes", "plateforme", "evenementiel", "reporting"]),
    );
    expect(res.body.group.map((g: { handle: string }) => g.handle)).toEqual(["paul", "sophie"]);
    expect((await rose.get("/api/networks/lilas/tasks")).body.error.code).toBe("role_required");
    expect((await t.client().get("/api/networks/lilas/tasks")).status).toBe(401);
  });

  it("a task from the starter set, given to a co-animator: told in the app, in their « my tasks », no longer offered", async () => {
    const room = (await sophie.get("/api/networks/lilas/tasks")).body.starters.find((s: { key: string }) => s.key === "room");
    const res = await sophie.post("/api/networks/lilas/tasks", {
      starter: "room", category: room.category, title: room.title.fr, notes: "Demander la clé à la mairie", dueOn: inDays(10), assignees: ["paul"],
    });
    expect(res.status).toBe(201);
    expect(res.body.task).toMatchObject({
      category: "cafes", title: "Réserver la salle du café-rencontre", status: "todo", dueOn: inDays(10), starterKey: "room",
      assignees: [{ handle: "paul", displayName: "Paul" }], createdBy: { handle: "sophie" }, mine: false,
    });
    const [notice] = await notices(paul);
    expect(notice).toMatchObject({ kind: "tasks.assigned", from: "Sophie", subject: { title: "Réserver la salle du café-rencontre", path: `/n/lilas/tasks#task-${res.body.task.id}` } });
    expect(await notices(sophie)).toEqual([]);
    const mine = (await paul.get("/api/networks/lilas/tasks?mine=true")).body;
    expect(mine.tasks.map((x: { title: string; mine: boolean }) => [x.title, x.mine])).toEqual([["Réserver la salle du café-rencontre", true]]);
    expect((await sophie.get("/api/networks/lilas/tasks?mine=true")).body.tasks).toEqual([]);
    expect(mine.starters.some((s: { key: string }) => s.key === "room")).toBe(false);
  });

  it("moves through à faire, en cours, fait; and can be given to someone else", async () => {
    const id = (await sophie.post("/api/networks/lilas/tasks", { category: "communication", title: "Affiche du mois" })).body.task.id;
    expect((await paul.patch(`/api/networks/lilas/tasks/${id}`, { status: "doing", assignees: ["paul", "sophie"] })).body.task).toMatchObject({ status: "doing", mine: true });
    expect((await notices(sophie))[0]).toMatchObject({ kind: "tasks.assigned", subject: { title: "Affiche du mois" } });
    const done = await paul.patch(`/api/networks/lilas/tasks/${id}`, { status: "done", assignees: ["sophie"] });
    expect(done.body.task).toMatchObject({ status: "done", assignees: [{ handle: "sophie" }] });
    expect(done.body.task.doneAt).not.toBeNull();
    expect((await sophie.delete(`/api/networks/lilas/tasks/${id}`)).status).toBe(204);
    expect((await sophie.patch(`/api/networks/lilas/tasks/${id}`, { status: "todo" })).status).toBe(404);
  });
});

describe("bad input", () => {
  it("is refused naming the field, and nothing is written", async () => {
    const event = (await nadia.post("/api/networks/tilleuls/events", {
      kind: "cafe", title: "Café des Tilleuls", startsAt: `${inDays(20)}T10:00`, endsAt: `${inDays(20)}T12:00`, place: { name: "Salle" },
    })).body.events[0];
    const before = await taskCount();
    const noticesBefore = (await t.handle.db.select({ n: count() }).from(notificationTable))[0].n;
    const cases: [Record<string, unknown>, string, string][] = [
      [{ category: "cafes", title: "X", assignees: ["rose"] }, "assignees", "assignee_not_in_group"],
      [{ category: "cafes", title: "X", assignees: ["paul", "nadia"] }, "assignees", "assignee_not_in_group"],
      [{ category: "cafes", title: "X", dueOn: inDays(-1) }, "dueOn", "due_in_past"],
      [{ category: "cafes", title: "X", dueOn: "2026-02-30" }, "dueOn", "invalid_date"],
      [{ category: "menage", title: "X" }, "category", "invalid_input"],
      [{ title: "X" }, "category", "invalid_input"],
      [{ category: "cafes", title: "   " }, "title", "task_title_empty"],
      [{ category: "cafes", title: "x".repeat(201) }, "title", "task_title_too_long"],
      [{ category: "cafes", title: "X", eventId: event.id }, "eventId", "event_not_in_network"],
      [{ category: "cafes", title: "X", repeat: "each_cafe", daysBefore: 40 }, "daysBefore", "days_before_invalid"],
      [{ category: "cafes", title: "X", starter: "nap" }, "starter", "unknown_starter"],
      [{ category: "cafes", title: "X", priority: "high" }, "priority", "invalid_input"],
    ];
    for (const [body, field, code] of cases) {
      const res = await sophie.post("/api/networks/lilas/tasks", { ...body, assignees: body.assignees ?? ["paul"] });
      expect([res.status, res.body.error.field, res.body.error.code], JSON.stringify(body)).toEqual([400, field, code]);
    }
    expect(await taskCount()).toBe(before);
    expect((await t.handle.db.select({ n: count() }).from(notificationTable))[0].n).toBe(noticesBefore);
  });

  it("another network's task is not found, from either side; nothing changes", async () => {
    const theirs = (await nadia.post("/api/networks/tilleuls/tasks", { category: "reporting", title: "Bilan" })).body.task;
    const ours = (await sophie.post("/api/networks/lilas/tasks", { category: "reporting", title: "Rapport" })).body.task;
    expect((await sophie.patch(`/api/networks/lilas/tasks/${theirs.id}`, { title: "Pris" })).body.error.code).toBe("task_not_found");
    expect((await sophie.delete(`/api/networks/lilas/tasks/${theirs.id}`)).status).toBe(404);
    expect((await sophie.patch(`/api/networks/tilleuls/tasks/${theirs.id}`, { title: "Pris" })).status).toBe(403);
    expect((await nadia.patch(`/api/networks/tilleuls/tasks/${ours.id}`, { status: "done" })).status).toBe(404);
    expect((await sophie.patch("/api/networks/lilas/tasks/not-an-id", { status: "done" })).status).toBe(404);
    const [row] = await t.handle.db.select().from(taskTable).where(eq(taskTable.id, theirs.id));
    expect(row.title).toBe("Bilan");
  });

  it("a past date already on a task may stay when other fields change", async () => {
    const id = (await sophie.post("/api/networks/lilas/tasks", { category: "plateforme", title: "Vieille tâche", dueOn: inDays(1) })).body.task.id;
    await t.handle.db.update(taskTable).set({ dueOn: inDays(-3) }).where(eq(taskTable.id, id));
    expect((await sophie.patch(`/api/networks/lilas/tasks/${id}`, { title: "Vieille tâche (reprise)", dueOn: inDays(-3) })).status).toBe(200);
    expect((await sophie.patch(`/api/networks/lilas/tasks/${id}`, { dueOn: inDays(-2) })).body.error.field).toBe("dueOn");
  });
});

describe("recurring tasks", () => {
  it("before each café: done, it comes back for the next café, due as many days before it", async () => {
    const create = (day: number) => sophie.post("/api/networks/lilas/events", {
      kind: "cafe", title: `Café J+${day}`, startsAt: `${inDays(day)}T10:00`, endsAt: `${inDays(day)}T12:00`, place: { name: "Salle" },
    });
    const first = (await create(5)).body.events[0];
    const second = (await create(35)).body.events[0];
    const task = (await sophie.post("/api/networks/lilas/tasks", {
      category: "cafes", title: "Préparer le café", eventId: first.id, dueOn: inDays(4), repeat: "each_cafe", daysBefore: 1, assignees: ["paul"],
    })).body.task;
    expect(task.event).toMatchObject({ id: first.id, title: "Café J+5" });
    await paul.patch(`/api/networks/lilas/tasks/${task.id}`, { status: "done" });
    // Marked done twice (after an undo) it still comes back once.
    await paul.patch(`/api/networks/lilas/tasks/${task.id}`, { status: "todo" });
    await paul.patch(`/api/networks/lilas/tasks/${task.id}`, { status: "done" });
    const next = (await paul.get("/api/networks/lilas/tasks?mine=true")).body.tasks.filter((x: { title: string }) => x.title === "Préparer le café");
    expect(next.map((x: { status: string; dueOn: string; event: { id: string } | null }) => [x.status, x.dueOn, x.event?.id])).toEqual([
      ["todo", inDays(34), second.id],
      ["done", inDays(4), first.id],
    ]);
  });

  it("every month: due a month later", async () => {
    const task = (await sophie.post("/api/networks/lilas/tasks", { category: "communication", title: "Affiche", dueOn: inDays(2), repeat: "monthly" })).body.task;
    await sophie.patch(`/api/networks/lilas/tasks/${task.id}`, { status: "done" });
    const again = (await sophie.get("/api/networks/lilas/tasks?status=todo")).body.tasks.find((x: { title: string }) => x.title === "Affiche");
    expect(again.dueOn).toBe(today.add({ days: 2 }).add({ months: 1 }).toString());
  });
});

describe("reminders", () => {
  it("two days before, the people given the task are told once; again if the date moves", async () => {
    const task = (await sophie.post("/api/networks/lilas/tasks", { category: "inscriptions", title: "Cartes d'invitation", dueOn: inDays(2), assignees: ["paul", "sophie"] })).body.task;
    const later = (await sophie.post("/api/networks/lilas/tasks", { category: "inscriptions", title: "Plus tard", dueOn: inDays(9), assignees: ["paul"] })).body.task;
    await remindDueTasks(t.handle.db);
    await remindDueTasks(t.handle.db);
    const due = (list: { kind: string; subject: { title: string } }[]) => list.filter((n) => n.kind === "tasks.due").map((n) => n.subject.title);
    expect(due(await notices(paul))).toEqual(["Cartes d'invitation"]);
    expect(due(await notices(sophie))).toEqual(["Cartes d'invitation"]);
    await sophie.patch(`/api/networks/lilas/tasks/${later.id}`, { dueOn: inDays(1) });
    await sophie.patch(`/api/networks/lilas/tasks/${task.id}`, { status: "done" });
    await remindDueTasks(t.handle.db);
    expect(due(await notices(paul))).toEqual(["Plus tard", "Cartes d'invitation"]);
  });
});

describe("the member's data", () => {
  it("the export holds the tasks given to them; deleting the account takes them off the tasks", async () => {
    const lea = await joinWith(t, admin, "lea", "lilas", "animator");
    const id = (await sophie.post("/api/networks/lilas/tasks", { category: "evenementiel", title: "Fête de quartier", assignees: ["lea"] })).body.task.id;
    const exported = (await lea.get("/api/me/export")).body;
    expect(exported.toolkit.tasks.map((x: { title: string; createdByMe: boolean }) => [x.title, x.createdByMe])).toEqual([["Fête de quartier", false]]);
    expect((await lea.delete("/api/me", { password: "lea has a long password" })).status).toBe(204);
    expect(await t.handle.db.select().from(taskAssigneeTable).where(eq(taskAssigneeTable.taskId, id))).toEqual([]);
    expect((await t.handle.db.select().from(taskTable).where(eq(taskTable.id, id))).length).toBe(1);
  });
});
