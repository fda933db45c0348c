// Announcements (annonces) of a network: read by anyone for public ones,
// by members for the others; posted by members (or their sponsors, with
// X-Acting-For), in the network's name by animators.
import { createRoute, z } from "@hono/zod-openapi";
import { visibilities } from "../../db/schema/index.ts";
import { listAnnouncements } from "../domain/announcement-views.ts";
import { hiddenNote } from "../domain/moderation/hidden-info.ts";
import { deleteAnnouncement, editAnnouncement, getAnnouncement, MAX_CONTENT, postAnnouncement } from "../domain/announcements.ts";
import { currentActor, currentViewer } from "../http/auth.ts";
import { unwrap } from "../http/errors.ts";
import { publishingOf } from "./federation-ports.ts";
import { errors, jsonBody, newRouter, ok } from "./router.ts";
import { SlugParam } from "./schemas.ts";

const actingFor = { headers: z.object({ "x-acting-for": z.string().optional() }) };
// Length is checked after trimming, by the use-case (content_empty, content_too_long).
const Content = z.string().openapi({ example: "Café-rencontre samedi à 10 h, salle des fêtes. #café" });
const IdParam = z.object({ id: z.string().max(64) });
const Before = z.object({ before: z.iso.datetime({ offset: true }).optional().openapi({ description: "ISO date: announcements older than this" }) });

export const announcementRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/announcements",
        summary: "A network's announcements, newest first, 20 a page (public ones only for non-members)",
        request: { params: SlugParam, query: Before },
        responses: { 200: ok("The announcements, with replies and reaction counts"), 400: errors[400], 404: errors[404] },
      }),
      async (c) => {
        const before = c.req.valid("query").before;
        const options = { origin: c.var.deps.config.publicUrl.origin, before: before ? new Date(before) : undefined };
        const announcements = unwrap(await listAnnouncements(c.var.deps.db, c.var.session?.member ?? null, c.req.valid("param").slug, options));
        return c.json({ announcements }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/networks/{slug}/announcements",
        summary: "Post an announcement (members; animators may post as the network)",
        request: {
          params: SlugParam,
          ...actingFor,
          ...jsonBody(
            z.object({
              content: Content,
              visibility: z.enum(visibilities).optional(),
              asNetwork: z.boolean().optional(),
              photos: z.array(z.string().max(64)).optional().openapi({ description: "Ids of uploaded photos (at most 4)" }),
            }),
          ),
        },
        responses: { 201: ok(`Posted; content is 1 to ${MAX_CONTENT} characters`), ...errors },
      }),
      async (c) => {
        const actor = await currentActor(c);
        const input = c.req.valid("json");
        const announcement = unwrap(await postAnnouncement(c.var.deps.db, actor, c.req.valid("param").slug, input, publishingOf(c)));
        return c.json({ announcement }, 201);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/announcements/{id}",
        summary: "One announcement, with its network (404 when the viewer may not see it)",
        request: { params: IdParam, ...actingFor },
        responses: { 200: ok("The announcement"), 404: errors[404] },
      }),
      async (c) => {
        const { origin } = c.var.deps.config.publicUrl;
        const found = unwrap(await getAnnouncement(c.var.deps.db, await currentViewer(c), c.req.valid("param").id, origin));
        // Only its author and the animators reach a hidden one: they read why.
        return c.json({ ...found, ...(await hiddenNote(c.var.deps.db, "announcement", found.announcement.id)) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "patch",
        path: "/announcements/{id}",
        summary: "Edit an announcement (its author, the author's sponsor, or an animator); Update federates",
        request: { params: IdParam, ...actingFor, ...jsonBody(z.strictObject({ content: Content })) },
        responses: { 200: ok("Edited"), ...errors },
      }),
      async (c) => {
        const actor = await currentActor(c);
        const announcement = unwrap(await editAnnouncement(c.var.deps.db, actor, c.req.valid("param").id, c.req.valid("json"), publishingOf(c)));
        return c.json({ announcement }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/announcements/{id}",
        summary: "Delete an announcement; Delete federates",
        request: { params: IdParam, ...actingFor },
        responses: { 204: ok("Deleted"), ...errors },
      }),
      async (c) => {
        unwrap(await deleteAnnouncement(c.var.deps.db, await currentActor(c), c.req.valid("param").id, publishingOf(c)));
        return c.body(null, 204);
      },
    );
