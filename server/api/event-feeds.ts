// A member's agenda, notices and calendar link; partners' agenda; calendar
// and RSS/Atom feeds; joining events of other instances.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { myAgenda, partnerAgenda } from "../domain/events/agenda.ts";
import { calendarToken, eventIcs, memberIcs, networkFeed, networkIcs } from "../domain/events/calendar.ts";
import { joinRemoteEvent, leaveRemoteEvent, lookupRemoteEvent } from "../domain/events/remote.ts";
import { currentActor, currentMember, currentViewer } from "../http/auth.ts";
import type { AppEnv } from "../http/context.ts";
import { unwrap } from "../http/errors.ts";
import { eventPublishingOf } from "./event-ports.ts";
import { errors, jsonBody, newRouter, ok } from "./router.ts";
import { SlugParam } from "./schemas.ts";

const actingFor = { headers: z.object({ "x-acting-for": z.string().optional() }) };
const RemoteId = z.object({ id: z.url().max(2000) });
const origin = (c: Context<AppEnv>) => c.var.deps.config.publicUrl.origin;
const calendarUrl = (c: Context<AppEnv>, token: string) => new URL(`/api/calendars/${token}/events.ics`, origin(c)).href;

const text = (body: string, type: string, filename?: string) =>
  new Response(body, {
    headers: {
      "content-type": `${type}; charset=utf-8`,
      "cache-control": "private, max-age=300",
      ...(filename ? { "content-disposition": `attachment; filename="${filename}"` } : {}),
    },
  });

export const eventFeedRoutes = () =>
  newRouter()
    .openapi(
      createRoute({ method: "get", path: "/me/events", summary: "My coming events: answered here, and joined elsewhere", responses: { 200: ok("events, remote"), 401: errors[401] } }),
      async (c) => c.json(await myAgenda(c.var.deps.db, (await currentActor(c)).member, origin(c)), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/partner-events",
        summary: "Coming events that partner networks share with this one (members)",
        request: { params: SlugParam },
        responses: { 200: ok("events (partner networks here), remote (elsewhere)"), ...errors },
      }),
      async (c) => c.json(unwrap(await partnerAgenda(c.var.deps.db, currentMember(c), c.req.valid("param").slug, origin(c))), 200),
    )
    .openapi(
      createRoute({ method: "get", path: "/me/calendar", summary: "The secret address of my calendar (made on first ask)", responses: { 200: ok("url"), 401: errors[401] } }),
      async (c) => c.json({ url: calendarUrl(c, await calendarToken(c.var.deps.db, currentMember(c))) }, 200),
    )
    .openapi(
      createRoute({ method: "post", path: "/me/calendar/renew", summary: "A new secret address; the old one stops working", responses: { 200: ok("url"), 401: errors[401] } }),
      async (c) => c.json({ url: calendarUrl(c, await calendarToken(c.var.deps.db, currentMember(c), true)) }, 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/calendars/{token}/events.ics",
        summary: "A member's calendar (iCalendar): their networks' events and those they answered",
        request: { params: z.object({ token: z.string().max(100) }) },
        responses: { 200: ok("text/calendar"), 404: errors[404] },
      }),
      async (c) => text(unwrap(await memberIcs(c.var.deps.db, c.req.valid("param").token, origin(c))), "text/calendar", "maillage.ics"),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/events/{id}/event.ics",
        summary: "One occurrence as an iCalendar file, to add it to one's calendar (404 when the viewer may not see it)",
        request: { params: z.object({ id: z.string().max(64) }) },
        responses: { 200: ok("text/calendar"), 404: errors[404] },
      }),
      async (c) => {
        const { ics, title } = unwrap(await eventIcs(c.var.deps.db, c.req.valid("param").id, await currentViewer(c), origin(c)));
        const name = title.normalize("NFD").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase().slice(0, 60) || "rendez-vous";
        return text(ics, "text/calendar", `${name}.ics`);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/events/feed.ics",
        summary: "A network's public events (iCalendar, series as RRULE, Europe/Paris)",
        request: { params: SlugParam },
        responses: { 200: ok("text/calendar"), 404: errors[404] },
      }),
      async (c) => {
        const slug = c.req.valid("param").slug;
        return text(unwrap(await networkIcs(c.var.deps.db, slug, origin(c))), "text/calendar", `${slug}.ics`);
      },
    )
    .openapi(
      createRoute({ method: "get", path: "/networks/{slug}/events/feed.rss", summary: "RSS 2.0 of a network's coming public events", request: { params: SlugParam }, responses: { 200: ok("RSS"), 404: errors[404] } }),
      async (c) => text(unwrap(await networkFeed(c.var.deps.db, c.req.valid("param").slug, "rss", origin(c))), "application/rss+xml"),
    )
    .openapi(
      createRoute({ method: "get", path: "/networks/{slug}/events/feed.atom", summary: "Atom of a network's coming public events", request: { params: SlugParam }, responses: { 200: ok("Atom"), 404: errors[404] } }),
      async (c) => text(unwrap(await networkFeed(c.var.deps.db, c.req.valid("param").slug, "atom", origin(c))), "application/atom+xml"),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/remote-events/lookup",
        summary: "Find an event of another instance by its address (Mobilizon, Maillage…)",
        request: { ...jsonBody(z.object({ url: z.string().max(2000) })) },
        responses: { 200: ok("event"), ...errors },
      }),
      async (c) => {
        currentMember(c);
        return c.json({ event: unwrap(await lookupRemoteEvent(c.var.deps.db, c.req.valid("json").url, eventPublishingOf(c))) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/remote-events/join",
        summary: "Join an event of another instance: Join is sent; `pending` until its server accepts",
        request: { ...actingFor, ...jsonBody(RemoteId) },
        responses: { 200: ok("state"), ...errors },
      }),
      async (c) => c.json(unwrap(await joinRemoteEvent(c.var.deps.db, await currentActor(c), c.req.valid("json").id, eventPublishingOf(c))), 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/remote-events/leave",
        summary: "Leave an event of another instance: Leave is sent",
        request: { ...actingFor, ...jsonBody(RemoteId) },
        responses: { 204: ok("Left"), ...errors },
      }),
      async (c) => {
        unwrap(await leaveRemoteEvent(c.var.deps.db, await currentActor(c), c.req.valid("json").id, eventPublishingOf(c)));
        return c.body(null, 204);
      },
    );
