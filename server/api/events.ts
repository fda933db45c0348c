// Events (rendez-vous): a network's agenda, creating and editing (animators,
// organisers), answering (members, or sponsors with X-Acting-For), sign-ups,
// the organiser's list.
import { createRoute, z } from "@hono/zod-openapi";
import { reactionsForViewer } from "../domain/reactions/reactions.ts";
import { eventKinds, visibilities } from "../../db/schema/index.ts";
import { networkAgenda, participantsOf } from "../domain/events/agenda.ts";
import { answerEvent } from "../domain/events/rsvp.ts";
import { tickAttendance } from "../domain/events/attendance.ts";
import { setSignupClosed, signUp, signupOf } from "../domain/events/signups.ts";
import { hiddenNote } from "../domain/moderation/hidden-info.ts";
import { loadEvent, mayManage, countsOf, eventView, myStatuses, photoOf } from "../domain/events/views.ts";
import { cancelEvent, createEvent, editEvent } from "../domain/events/events.ts";
import { currentActor, currentViewer } from "../http/auth.ts";
import { unwrap } from "../http/errors.ts";
import { cachedJson } from "../http/api-response-cache.ts";
import { eventPublishingOf } from "./event-ports.ts";
import { errors, jsonBody, newRouter, ok, patchBody } from "./router.ts";
import { SlugParam } from "./schemas.ts";

const actingFor = { headers: z.object({ "x-acting-for": z.string().optional() }) };
const IdParam = z.object({ id: z.string().max(64) });
const Time = z.string().max(40).openapi({ example: "2026-12-05T10:00", description: "Paris wall-clock time, or ISO with offset" });
const Place = z.object({
  name: z.string().max(200),
  street: z.string().max(200).nullish(),
  postalCode: z.string().max(20).nullish(),
  locality: z.string().max(100).nullish(),
  latitude: z.number().min(-90).max(90).nullish(),
  longitude: z.number().min(-180).max(180).nullish(),
});
const Fields = {
  kind: z.enum(eventKinds),
  title: z.string().max(1000),
  body: z.string().max(20000).optional(),
  startsAt: Time,
  endsAt: Time,
  place: Place,
  capacity: z.number().int().nullish(),
};
const Scope = z.enum(["occurrence", "series"]).optional();
const DateQuery = z.iso.datetime({ offset: true }).optional();
const date = (s: string | undefined) => (s ? new Date(s) : undefined);

export const eventRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/events",
        summary: "A network's agenda in start order: coming events (50 a page, `after`), or a range (`from`, `to`: the month view)",
        request: { params: SlugParam, query: z.object({ from: DateQuery, to: DateQuery, after: DateQuery }) },
        responses: { 200: ok("The events the viewer may see"), 400: errors[400], 404: errors[404] },
      }),
      async (c) => {
        const q = c.req.valid("query");
        const range = { from: date(q.from), to: date(q.to), after: date(q.after) };
        const viewer = c.var.session?.member ?? null;
        const { slug } = c.req.valid("param");
        // Per viewer, network (slugs are found case-blind, so one entry) and range; the coming events (no `from`) also until the first listed ends and leaves.
        return cachedJson(c, ["events", viewer?.id ?? null, slug.toLowerCase(), q.from, q.to, q.after], async () => {
          const events = unwrap(await networkAgenda(c.var.deps.db, viewer, slug, range, c.var.deps.config.publicUrl.origin));
          return { value: { events }, validUntil: range.from || !events.length ? undefined : Math.min(...events.map((e) => e.endsAt.getTime())) };
        });
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/networks/{slug}/events",
        summary: "Create an event (animators); with `rrule` (and `endless` for a series that never ends), one event per occurrence",
        request: {
          params: SlugParam,
          ...actingFor,
          ...jsonBody(
            z.object({
              ...Fields,
              visibility: z.enum(visibilities).optional(),
              rrule: z.string().max(200).nullish(),
              endless: z.boolean().optional(),
              signupItems: z.array(z.string().max(1000)).max(100).optional(),
              photo: z.string().max(64).nullish(),
            }),
          ),
        },
        responses: { 201: ok("Created: `events` lists the occurrences"), ...errors },
      }),
      async (c) => {
        const actor = await currentActor(c);
        const input = c.req.valid("json");
        const events = unwrap(await createEvent(c.var.deps.db, actor, c.req.valid("param").slug, { ...input, rrule: input.rrule ?? undefined }, eventPublishingOf(c)));
        return c.json({ events }, 201);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/events/{id}",
        summary: "One event with its sign-up (404 when the viewer may not see it)",
        request: { params: IdParam, ...actingFor },
        responses: { 200: ok("The event"), 404: errors[404] },
      }),
      async (c) => {
        const { db, config } = c.var.deps;
        const viewer = await currentViewer(c);
        const id = c.req.valid("param").id;
        const loaded = unwrap(await loadEvent(db, id, viewer, config.publicUrl.origin));
        const canManage = viewer !== null && (await mayManage(db, loaded, viewer));
        const counts = (await countsOf(db, [id])).get(id)!;
        const myStatus = (await myStatuses(db, [id], viewer)).get(id) ?? null;
        const event = eventView(config.publicUrl.origin, loaded, counts, { myStatus, canManage, photo: await photoOf(db, loaded.event) });
        // Likes, boosts and replies from elsewhere, as announcements show them.
        const reactions = await reactionsForViewer(db, viewer, loaded.network.id, event.url);
        return c.json({ event, signup: await signupOf(db, id, viewer, canManage), reactions, ...(await hiddenNote(db, "event", id)) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "patch",
        path: "/events/{id}",
        summary: "Edit one occurrence (default) or, with scope `series`, this one and the later ones; participants are told of a new time or place",
        request: { params: IdParam, ...actingFor, ...patchBody(z.strictObject({ ...z.object(Fields).partial().shape, scope: Scope, photo: z.string().max(64).nullish() }), ["scope"]) },
        responses: { 200: ok("Edited"), ...errors },
      }),
      async (c) => {
        const event = unwrap(await editEvent(c.var.deps.db, await currentActor(c), c.req.valid("param").id, c.req.valid("json"), eventPublishingOf(c)));
        return c.json({ event }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/events/{id}/cancel",
        summary: "Cancel one occurrence, or with scope `series` this one and the later ones",
        request: { params: IdParam, ...actingFor, ...jsonBody(z.object({ scope: Scope })) },
        responses: { 200: ok("Cancelled"), ...errors },
      }),
      async (c) => {
        const scope = c.req.valid("json").scope ?? "occurrence";
        const event = unwrap(await cancelEvent(c.var.deps.db, await currentActor(c), c.req.valid("param").id, scope, eventPublishingOf(c)));
        return c.json({ event }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "put",
        path: "/events/{id}/rsvp",
        summary: "Answer going, maybe or not going (a sponsor with X-Acting-For); `going` on a full event puts you on the waiting list",
        request: { params: IdParam, ...actingFor, ...jsonBody(z.object({ status: z.enum(["going", "maybe", "not_going"]) })) },
        responses: { 200: ok("`status`: going, maybe, not_going or waiting"), ...errors },
      }),
      async (c) => {
        const result = unwrap(await answerEvent(c.var.deps.db, await currentActor(c), c.req.valid("param").id, c.req.valid("json").status, eventPublishingOf(c)));
        return c.json(result, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/events/{id}/participants",
        summary: "The organiser's list of participants (to print)",
        request: { params: IdParam },
        responses: { 200: ok("Participants, going first"), ...errors },
      }),
      async (c) => {
        const { db, config } = c.var.deps;
        const { event, participants } = unwrap(await participantsOf(db, (await currentActor(c)).by, c.req.valid("param").id));
        const counts = (await countsOf(db, [event.event.id])).get(event.event.id)!;
        const signup = await signupOf(db, event.event.id, null, true);
        return c.json({ event: eventView(config.publicUrl.origin, event, counts, { canManage: true }), participants, signup }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "put",
        path: "/events/{id}/participants/{participant}/attendance",
        summary: "Tick whether a participant came (organiser or animators, once the event has started); null unticks",
        request: { params: IdParam.extend({ participant: z.string().max(64) }), ...jsonBody(z.object({ attended: z.boolean().nullable() })) },
        responses: { 200: ok("id, attended"), ...errors },
      }),
      async (c) => {
        const { id, participant } = c.req.valid("param");
        return c.json(unwrap(await tickAttendance(c.var.deps.db, (await currentActor(c)).by, id, participant, c.req.valid("json").attended)), 200);
      },
    )
    .openapi(
      createRoute({
        method: "put",
        path: "/events/{id}/signup",
        summary: "Say how many of each sign-up line (0 removes your line)",
        request: {
          params: IdParam,
          ...actingFor,
          ...jsonBody(z.object({ items: z.array(z.object({ itemId: z.string().max(64), quantity: z.number() })).max(50) })),
        },
        responses: { 200: ok("The sign-up with its totals"), ...errors },
      }),
      async (c) => {
        const signup = unwrap(
          await signUp(c.var.deps.db, await currentActor(c), c.req.valid("param").id, c.req.valid("json").items, c.var.deps.config.publicUrl.origin),
        );
        return c.json({ signup }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/events/{id}/signup/close",
        summary: "Close (or, with closed: false, reopen) the sign-up (organiser)",
        request: { params: IdParam, ...actingFor, ...jsonBody(z.object({ closed: z.boolean().optional() })) },
        responses: { 200: ok("The sign-up with totals and lines"), ...errors },
      }),
      async (c) => {
        const closed = c.req.valid("json").closed ?? true;
        const signup = unwrap(await setSignupClosed(c.var.deps.db, await currentActor(c), c.req.valid("param").id, closed));
        return c.json({ signup }, 200);
      },
    );
