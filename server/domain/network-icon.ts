// A network's logo: a public photo attached to the network, shown on its page
// and as its Group's icon on the fediverse.
import type { DatabaseLike } from "../../db/client.ts";
import type { Media } from "../../db/schema/index.ts";
import type { Actor } from "./acts.ts";
import { recordAct } from "./acts.ts";
import { attachMedia, detachMedia, mediaOf, mediaOfMany } from "./media.ts";
import { noProfileUpdates, type ProfileUpdates } from "./profile-updates.ts";
import { fail, ok, transact, type Result } from "./result.ts";
import { requireRole } from "./roles.ts";

const ownerOf = (networkId: string) => ({ type: "network-icon", id: networkId });

export async function networkIconOf(db: DatabaseLike, networkId: string): Promise<Media | undefined> {
  return (await mediaOf(db, ownerOf(networkId))).at(-1);
}

/** The logos of several networks in one query (by network id; none: absent). */
export async function networkIconsOf(db: DatabaseLike, networkIds: string[]): Promise<Map<string, Media>> {
  const all = await mediaOfMany(db, ownerOf("").type, networkIds);
  return new Map([...all].map(([id, media]) => [id, media.at(-1)!]));
}

/** Animators set the logo to an uploaded photo, or remove it with null. */
export async function setNetworkIcon(
  db: DatabaseLike,
  actor: Actor,
  slug: string,
  mediaId: string | null,
  updates: ProfileUpdates = noProfileUpdates,
): Promise<Result<Media | null>> {
  return transact(db, async (tx) => {
    const allowed = await requireRole(tx, slug, actor.member, "animator");
    if (!allowed.ok) return allowed;
    const { network } = allowed.value;
    const owner = ownerOf(network.id);
    await detachMedia(tx, owner, mediaId ? [mediaId] : []);
    await recordAct(tx, actor, "network.icon", { set: mediaId !== null }, network.id);
    let icon: Media | null = null;
    if (mediaId) {
      const attached = await attachMedia(tx, actor, [mediaId], { ...owner, networkId: network.id, visibility: "public" });
      if (!attached.ok) return attached;
      icon = attached.value[0];
      if (icon.purpose !== "photo") return fail("invalid", "icon_not_photo", "The logo must be uploaded as a photo", "media");
    }
    await updates.networkChanged(tx, network.slug);
    return ok(icon);
  });
}
