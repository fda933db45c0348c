// Whom we federate with: instance domain blocks (admin) and a network's
// allowed hosts for allowlist mode (animators).
import { createRoute, z } from "@hono/zod-openapi";
import {
  allowHost,
  blockDomain,
  disallowHost,
  listAllowedHosts,
  listDomainBlocks,
  unblockDomain,
} from "../domain/governance.ts";
import { currentMember } from "../http/auth.ts";
import { unwrap } from "../http/errors.ts";
import { errors, jsonBody, newRouter, ok } from "./router.ts";
import { SlugParam } from "./schemas.ts";

const Host = z.string().trim().min(1).max(300).openapi({ example: "spam.example" });
const HostParam = z.object({ host: Host });

export const governanceRoutes = () =>
  newRouter()
    .openapi(
      createRoute({ method: "get", path: "/admin/domain-blocks", summary: "Blocked domains (instance admin)", responses: { 200: ok("The blocks"), ...errors } }),
      async (c) => {
        const blocks = unwrap(await listDomainBlocks(c.var.deps.db, currentMember(c)));
        return c.json({ blocks: blocks.map(({ host, reason, createdAt }) => ({ host, reason, createdAt })) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/admin/domain-blocks",
        summary: "Block a domain and its subdomains: nothing accepted from it, nothing sent to it (instance admin)",
        request: jsonBody(z.object({ host: Host, reason: z.string().max(500).optional() })),
        responses: { 201: ok("Blocked"), 409: ok("Already blocked"), ...errors },
      }),
      async (c) => {
        const { deps } = c.var;
        const { host, reason, createdAt } = unwrap(await blockDomain(deps.db, currentMember(c), c.req.valid("json"), deps.config.publicUrl.host));
        return c.json({ block: { host, reason, createdAt } }, 201);
      },
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/admin/domain-blocks",
        summary: "Unblock a domain (instance admin)",
        request: jsonBody(HostParam),
        responses: { 204: ok("Unblocked"), ...errors },
      }),
      async (c) => {
        unwrap(await unblockDomain(c.var.deps.db, currentMember(c), c.req.valid("json").host));
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/admin/domain-blocks/{host}",
        summary: "Unblock a domain (instance admin)",
        request: { params: HostParam },
        responses: { 204: ok("Unblocked"), ...errors },
      }),
      async (c) => {
        unwrap(await unblockDomain(c.var.deps.db, currentMember(c), c.req.valid("param").host));
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/networks/{slug}/allowed-hosts",
        summary: "Hosts the network federates with in allowlist mode, besides its partners' (animators)",
        request: { params: SlugParam },
        responses: { 200: ok("The hosts"), ...errors },
      }),
      async (c) => {
        const hosts = unwrap(await listAllowedHosts(c.var.deps.db, currentMember(c), c.req.valid("param").slug));
        return c.json({ hosts }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/networks/{slug}/allowed-hosts",
        summary: "Allow a host (animators)",
        request: { params: SlugParam, ...jsonBody(z.object({ host: Host })) },
        responses: { 201: ok("Allowed"), 409: ok("Already allowed"), ...errors },
      }),
      async (c) => {
        const { deps } = c.var;
        const slug = c.req.valid("param").slug;
        const host = unwrap(await allowHost(deps.db, currentMember(c), slug, c.req.valid("json").host, deps.config.publicUrl.host));
        return c.json({ host }, 201);
      },
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/networks/{slug}/allowed-hosts",
        summary: "Remove an allowed host (animators)",
        request: { params: SlugParam, ...jsonBody(HostParam) },
        responses: { 204: ok("Removed"), ...errors },
      }),
      async (c) => {
        unwrap(await disallowHost(c.var.deps.db, currentMember(c), c.req.valid("param").slug, c.req.valid("json").host));
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/networks/{slug}/allowed-hosts/{host}",
        summary: "Remove an allowed host (animators)",
        request: { params: SlugParam.extend({ host: Host }) },
        responses: { 204: ok("Removed"), ...errors },
      }),
      async (c) => {
        const { slug, host } = c.req.valid("param");
        unwrap(await disallowHost(c.var.deps.db, currentMember(c), slug, host));
        return c.body(null, 204);
      },
    );
