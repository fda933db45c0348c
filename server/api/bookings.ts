// Bookings of a matériel or lieu of the commons: requested by the owner
// network or a partner network, accepted or declined by the owner's animators.
import { createRoute, z } from "@hono/zod-openapi";
import { federatedBookings } from "../../federation/commons/bookings.ts";
import { decideBooking, listBookings, noBookingAnswers, requestBooking } from "../domain/commons/bookings.ts";
import { listOutgoingBookings, requestRemoteBooking } from "../domain/commons/remote-bookings.ts";
import { currentActor } from "../http/auth.ts";
import { FailureError, unwrap } from "../http/errors.ts";
import { errors, jsonBody, newRouter, ok } from "./router.ts";
import { Slug } from "./schemas.ts";

const actingFor = { headers: z.object({ "x-acting-for": z.string().optional() }) };
const IdParam = z.object({ id: z.string().max(64) });
const When = z.iso.datetime({ offset: true }).openapi({ example: "2026-12-05T09:00:00+01:00" });

export const bookingRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/resources/{id}/bookings",
        summary: "The calendar of a matériel or lieu: accepted and pending bookings",
        request: { params: IdParam },
        responses: { 200: ok("Bookings, by start"), 404: errors[404] },
      }),
      async (c) => {
        const origin = c.var.deps.config.publicUrl.origin;
        const bookings = unwrap(await listBookings(c.var.deps.db, c.var.session?.member ?? null, c.req.valid("param").id, origin));
        return c.json({ bookings }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/resources/{id}/bookings",
        summary: "Ask to book it for a network (the owner or a partner), for dates ahead that no accepted booking covers",
        request: { params: IdParam, ...actingFor, ...jsonBody(z.strictObject({ network: Slug, startsAt: When, endsAt: When, message: z.string().max(1000).optional() })) },
        responses: { 201: ok("Requested"), ...errors, 409: ok("Overlaps an accepted booking") },
      }),
      async (c) => {
        const body = c.req.valid("json");
        const input = { ...body, startsAt: new Date(body.startsAt), endsAt: new Date(body.endsAt) };
        const booking = unwrap(await requestBooking(c.var.deps.db, await currentActor(c), c.req.valid("param").id, input, c.var.deps.config.publicUrl.origin));
        return c.json({ booking }, 201);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/bookings/{id}/{decision}",
        summary: "Accept or decline a booking request (animators of the owner network)",
        request: { params: IdParam.extend({ decision: z.enum(["accept", "decline"]) }), ...actingFor },
        responses: { 200: ok("Decided"), ...errors, 409: ok("Already answered, or overlaps an accepted booking") },
      }),
      async (c) => {
        const { id, decision } = c.req.valid("param");
        const { federation, config } = c.var.deps;
        const answers = federation ? federatedBookings(federation, config.publicUrl) : noBookingAnswers;
        const booking = unwrap(await decideBooking(c.var.deps.db, await currentActor(c), id, decision, answers));
        return c.json({ booking }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/commons/shared/bookings",
        summary: "Ask a partner network on another instance to book its matériel or lieu (an Offer to its Group)",
        request: {
          ...actingFor,
          ...jsonBody(z.strictObject({ ref: z.string().url().max(2048), network: Slug, startsAt: When, endsAt: When, message: z.string().max(1000).optional() })),
        },
        responses: { 201: ok("Requested; the answer comes later"), ...errors },
      }),
      async (c) => {
        const { ref, ...body } = c.req.valid("json");
        const { federation, config, db } = c.var.deps;
        if (!federation) throw new FailureError({ kind: "invalid", code: "federation_unavailable", message: "This instance does not federate" }, 503);
        const input = { ...body, startsAt: new Date(body.startsAt), endsAt: new Date(body.endsAt) };
        const booking = unwrap(await requestRemoteBooking(db, await currentActor(c), ref, input, federatedBookings(federation, config.publicUrl)));
        return c.json({ booking }, 201);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/commons/bookings",
        summary: "This network's booking requests to partner networks on other instances, with their answers (members)",
        request: { params: z.object({ slug: Slug }) },
        responses: { 200: ok("Requests"), ...errors },
      }),
      async (c) => {
        const bookings = unwrap(await listOutgoingBookings(c.var.deps.db, await currentActor(c), c.req.valid("param").slug));
        return c.json({ bookings }, 200);
      },
    );
