// Outgoing deliveries per remote host, for the instance admin (/admin/federation).
import { createRoute, z } from "@hono/zod-openapi";
import { deliveryHostsOf } from "../../federation/builder.ts";
import { resumed } from "../../federation/delivery/policy.ts";
import { listDeliveryHosts, retryDeliveriesNow, type DeliveryHostPort } from "../domain/deliveries/hosts.ts";
import { currentMember } from "../http/auth.ts";
import { failureResponse, unwrap } from "../http/errors.ts";
import type { AppDeps } from "../http/context.ts";
import { errors, newRouter, ok } from "./router.ts";

const HostParam = z.object({ host: z.string().trim().min(1).max(300).openapi({ example: "mastodon.example:443" }) });

/** Without a federation (API-only tests) there is nothing to deliver. */
function hostsOf(deps: AppDeps): DeliveryHostPort | undefined {
  const hosts = deps.federation ? deliveryHostsOf(deps.federation) : undefined;
  if (!hosts) return undefined;
  return { list: () => hosts.list(), resume: async (host) => void (await hosts.update(host, resumed)) };
}

export const deliveryRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/admin/deliveries",
        summary: "Per remote host: deliveries pending and failed, the last error, and whether it is paused until when (instance admin)",
        responses: { 200: ok("The hosts"), ...errors },
      }),
      async (c) => {
        const member = currentMember(c);
        const hosts = hostsOf(c.var.deps);
        if (!hosts) return c.json({ hosts: [] }, 200);
        return c.json({ hosts: unwrap(await listDeliveryHosts(c.var.deps.db, hosts, member)) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/admin/deliveries/{host}/retry",
        summary: "Lift the host's pause and try its waiting deliveries now (instance admin)",
        request: { params: HostParam },
        responses: { 200: ok("Retrying"), ...errors },
      }),
      async (c) => {
        const member = currentMember(c);
        const hosts = hostsOf(c.var.deps);
        if (!hosts) return failureResponse(c, { kind: "not_found", code: "no_federation", message: "This instance does not federate" });
        return c.json(unwrap(await retryDeliveriesNow(c.var.deps.db, hosts, member, c.req.valid("param").host)), 200);
      },
    );
