// Private messages with accounts elsewhere (direct messages and mentions
// received, answers sent as direct Notes), and a member's blocks.
import { createRoute, z } from "@hono/zod-openapi";
import { block, listBlocks, unblock } from "../domain/blocks/blocks.ts";
import { answer, listConversations, readConversation, startConversation, unreadMessages } from "../domain/messages/conversations.ts";
import { currentActor } from "../http/auth.ts";
import { unwrap } from "../http/errors.ts";
import { messagePortOf } from "./federation-ports.ts";
import { errors, jsonBody, newRouter, ok } from "./router.ts";

const actingFor = { headers: z.object({ "x-acting-for": z.string().optional() }) };
const IdParam = z.object({ id: z.string().max(64) });
const Message = z.string().max(100_000).openapi({ example: "Bonjour, avec plaisir !" });

export const messageRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/me/conversations",
        summary: "My private conversations with accounts elsewhere, latest first, 30 a page, with the unread total",
        request: { ...actingFor, query: z.object({ before: z.iso.datetime({ offset: true }).optional() }) },
        responses: { 200: ok("{ unread, conversations: [{ id, with, unread, lastMessageAt, blocked, last }] }"), ...errors },
      }),
      async (c) => {
        const { member } = await currentActor(c);
        const before = c.req.valid("query").before;
        const { db } = c.var.deps;
        return c.json({ unread: await unreadMessages(db, member), conversations: await listConversations(db, member, before ? new Date(before) : undefined) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/me/conversations",
        summary: "Write to an account elsewhere (@name@host or URL): a direct Note; opens or continues the conversation",
        request: { ...actingFor, ...jsonBody(z.object({ to: z.string().trim().min(1).max(500), message: Message })) },
        responses: { 201: ok("{ conversation, messages }"), ...errors },
      }),
      async (c) => {
        const actor = await currentActor(c);
        const result = unwrap(await startConversation(c.var.deps.db, actor, c.req.valid("json"), c.var.deps.config.publicUrl.origin, messagePortOf(c)));
        return c.json(result, 201);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/me/conversations/{id}",
        summary: "A conversation and its messages, oldest first; marks it read",
        request: { params: IdParam, ...actingFor },
        responses: { 200: ok("{ conversation, messages: [{ id, outgoing, kind, body, html, url, createdAt }] }"), ...errors },
      }),
      async (c) => {
        const { member } = await currentActor(c);
        return c.json(unwrap(await readConversation(c.var.deps.db, member, c.req.valid("param").id)), 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/me/conversations/{id}/messages",
        summary: "Answer in a conversation: a direct Note to the other account, in reply to the last message",
        request: { params: IdParam, ...actingFor, ...jsonBody(z.object({ message: Message })) },
        responses: { 201: ok("{ message }"), ...errors },
      }),
      async (c) => {
        const actor = await currentActor(c);
        const message = unwrap(await answer(c.var.deps.db, actor, c.req.valid("param").id, c.req.valid("json"), c.var.deps.config.publicUrl.origin, messagePortOf(c)));
        return c.json({ message }, 201);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/me/blocks",
        summary: "The members and accounts I blocked",
        request: actingFor,
        responses: { 200: ok("{ blocks: [{ id, member?, account?, createdAt }] }"), ...errors },
      }),
      async (c) => {
        const { member } = await currentActor(c);
        return c.json({ blocks: await listBlocks(c.var.deps.db, member) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/me/blocks",
        summary: "Block a member (handle) or an account elsewhere (actor: its id). Silent: they are not told",
        request: {
          ...actingFor,
          ...jsonBody(z.object({ handle: z.string().trim().min(1).max(64).optional(), actor: z.string().trim().min(1).max(2000).optional() })),
        },
        responses: { 201: ok("{ block }"), ...errors },
      }),
      async (c) => {
        const actor = await currentActor(c);
        return c.json({ block: unwrap(await block(c.var.deps.db, actor, c.req.valid("json"))) }, 201);
      },
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/me/blocks/{id}",
        summary: "Unblock",
        request: { params: IdParam, ...actingFor },
        responses: { 204: ok("Unblocked"), ...errors },
      }),
      async (c) => {
        const actor = await currentActor(c);
        unwrap(await unblock(c.var.deps.db, actor, c.req.valid("param").id));
        return c.body(null, 204);
      },
    );
