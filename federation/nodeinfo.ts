// NodeInfo 2.1 (FEP-f1d5): software, usage counts, closed registrations
// (signup happens in person, with an invitation).
import type { NodeInfo } from "@fedify/fedify";
import { count } from "drizzle-orm";
import { memberTable, networkTable, outboxEntryTable } from "../db/schema/index.ts";
import { version } from "../server/version.ts";
import type { FedRequestContext } from "./context.ts";
import { INSTANCE_IDENTIFIER } from "./identifiers.ts";

export async function dispatchNodeInfo(ctx: FedRequestContext): Promise<NodeInfo> {
  const { db } = ctx.data;
  const [[members], [networks], [posts]] = await Promise.all([
    db.select({ n: count() }).from(memberTable),
    db.select({ n: count() }).from(networkTable),
    db.select({ n: count() }).from(outboxEntryTable),
  ]);
  return {
    software: { name: "maillage", version },
    protocols: ["activitypub"],
    openRegistrations: false,
    usage: { users: { total: members.n }, localPosts: posts.n, localComments: 0 },
    metadata: {
      nodeName: ctx.host,
      networks: networks.n,
      // FEP-2677: the instance actor.
      instanceActor: ctx.getActorUri(INSTANCE_IDENTIFIER).href,
    },
  };
}
