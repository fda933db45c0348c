// Who hears about bookings (in-app notifications, server/domain/notifications.ts):
// the owner network's animators when someone asks, the asker when they answer.
import { and, eq, inArray } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { membershipTable, type Network, type Resource } from "../../../db/schema/index.ts";
import { resourcePath } from "./views.ts";
import { notify } from "../notifications.ts";

const subject = (resource: Pick<Resource, "id" | "title">, network: Pick<Network, "slug">) => ({
  type: "resource",
  id: resource.id,
  title: resource.title,
  path: resourcePath(network.slug, resource.id),
});

export async function tellAnimatorsOfRequest(db: DatabaseLike, resource: Resource, network: Network, fromName: string): Promise<void> {
  const animators = await db
    .select({ id: membershipTable.memberId })
    .from(membershipTable)
    .where(and(eq(membershipTable.networkId, network.id), inArray(membershipTable.role, ["animator", "pilot"])));
  await notify(db, animators.map((a) => a.id), { kind: "commons.bookingRequested", subject: subject(resource, network), fromName });
}

export async function tellRequesterOfAnswer(
  db: DatabaseLike,
  requesterId: string | null,
  decision: "accept" | "decline",
  about: { id: string; title: string; path: string },
  fromName: string,
): Promise<void> {
  await notify(db, [requesterId], { kind: decision === "accept" ? "commons.bookingAccepted" : "commons.bookingDeclined", subject: { type: "resource", ...about }, fromName });
}
