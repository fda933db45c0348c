// My notifications (or, with X-Acting-For, those of the neighbour I sponsor):
// a sponsored member has no internet, so their sponsor reads them for them.
import { createRoute, z } from "@hono/zod-openapi";
import { sponsoredBy } from "../domain/members.ts";
import { listNotifications, markRead, unreadCount } from "../domain/notifications.ts";
import { currentActor, currentMember } from "../http/auth.ts";
import { errors, jsonBody, newRouter, ok } from "./router.ts";

const actingFor = { headers: z.object({ "x-acting-for": z.string().optional() }) };

export const notificationRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/me/notifications/unread",
        summary: "How many notifications are unread: mine, and those of each neighbour I sponsor",
        responses: { 200: ok("{ unread, sponsored: [{ handle, displayName, unread }] }"), 401: errors[401] },
      }),
      async (c) => {
        const { db } = c.var.deps;
        const me = currentMember(c);
        const sponsored = await Promise.all(
          (await sponsoredBy(db, me.id)).map(async (m) => ({ handle: m.handle, displayName: m.displayName, unread: await unreadCount(db, m) })),
        );
        return c.json({ unread: await unreadCount(db, me), sponsored }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/me/notifications",
        summary: "My notifications, newest first, 20 a page",
        request: { ...actingFor, query: z.object({ before: z.iso.datetime({ offset: true }).optional() }) },
        responses: { 200: ok("{ unread, notifications: [{ id, kind, subject: { type, id, title, path }, from, read, createdAt }] }"), ...errors },
      }),
      async (c) => {
        const { db } = c.var.deps;
        const { member } = await currentActor(c);
        const before = c.req.valid("query").before;
        const notifications = await listNotifications(db, member, before ? new Date(before) : undefined);
        return c.json({ unread: await unreadCount(db, member), notifications }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/me/notifications/read",
        summary: "Mark notifications read: the given ids, or all of them",
        request: { ...actingFor, ...jsonBody(z.object({ ids: z.array(z.string().max(64)).max(100).optional() })) },
        responses: { 204: ok("Marked"), ...errors },
      }),
      async (c) => {
        const { member } = await currentActor(c);
        await markRead(c.var.deps.db, member, c.req.valid("json").ids);
        return c.body(null, 204);
      },
    );
