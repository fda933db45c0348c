// Partner networks named by their Group's IRI: ours (on this instance, by
// slug) or elsewhere (a remote actor we know).
import { inArray } from "drizzle-orm";
import type { DatabaseLike } from "../../../db/client.ts";
import { networkTable, remoteActorTable, type Network, type RemoteActor } from "../../../db/schema/index.ts";

export interface PartnerRef {
  actorId: string;
  /** On this instance. */
  network: Network | null;
  remote: RemoteActor | null;
}

export async function describePartners(db: DatabaseLike, actorIds: string[], origin: string): Promise<PartnerRef[]> {
  const prefix = new URL("/n/", origin).href;
  const slugOf = (id: string) => (id.startsWith(prefix) ? id.slice(prefix.length) : null);
  const slugs = actorIds.flatMap((id) => slugOf(id) ?? []);
  const remoteIds = actorIds.filter((id) => slugOf(id) === null);
  const [networks, remotes] = await Promise.all([
    slugs.length ? db.select().from(networkTable).where(inArray(networkTable.slug, slugs)) : [],
    remoteIds.length ? db.select().from(remoteActorTable).where(inArray(remoteActorTable.id, remoteIds)) : [],
  ]);
  return actorIds.map((actorId) => ({
    actorId,
    network: networks.find((n) => n.slug === slugOf(actorId)) ?? null,
    remote: remotes.find((a) => a.id === actorId) ?? null,
  }));
}

export const partnerName = (p: PartnerRef) => p.network?.name ?? p.remote?.name ?? p.remote?.handle ?? p.actorId;
