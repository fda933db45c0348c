// The instance's VAPID keys for Web Push: generated once, on first need, and
// kept in the database so every process and every restart signs with the same.
import type { DatabaseLike } from "../../../db/client.ts";
import { mastodonVapidTable } from "../../../db/schema/index.ts";

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

export async function vapidKeys(db: DatabaseLike): Promise<VapidKeys> {
  const [kept] = await db.select().from(mastodonVapidTable).limit(1);
  if (kept) return kept;
  // Two processes may race here: the first insert wins, both read it back.
  // web-push (~50 ms to load) only when there is something to do with it.
  const webpush = (await import("web-push")).default;
  await db.insert(mastodonVapidTable).values({ id: 1, ...webpush.generateVAPIDKeys() }).onConflictDoNothing();
  const [made] = await db.select().from(mastodonVapidTable).limit(1);
  return made;
}
