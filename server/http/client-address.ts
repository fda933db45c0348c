// Who the client is: the socket's address, or, behind proxies that TRUST_PROXY
// names, the address they report in X-Forwarded-For (never a header from
// anyone else: a client could write any address there).
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import proxyaddr from "proxy-addr";
import type { Config } from "../config.ts";
import type { AppEnv } from "./context.ts";

type Trust = (address: string, hop: number) => boolean;
const compiled = new WeakMap<Config, Trust>();

function trustOf(config: Config): Trust {
  let trust = compiled.get(config);
  if (!trust) {
    const setting = config.trustProxy;
    trust = setting === false ? () => false : typeof setting === "number" ? (_address, hop) => hop < setting : proxyaddr.compile(setting);
    compiled.set(config, trust);
  }
  return trust;
}

export function clientAddress(c: Context<AppEnv>): string {
  let socketAddress: string | undefined;
  try {
    socketAddress = getConnInfo(c).remote.address;
  } catch {
    // app.request() in tests has no socket
  }
  if (!socketAddress) return "unknown";
  const forwardedFor = c.req.header("x-forwarded-for");
  const request = { connection: { remoteAddress: socketAddress }, socket: { remoteAddress: socketAddress }, headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {} };
  return proxyaddr(request as unknown as Parameters<typeof proxyaddr>[0], trustOf(c.var.deps.config));
}
