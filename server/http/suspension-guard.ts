// One check for every way of posting or answering in a network: a member
// suspended from it (server/domain/moderation/rails.ts) reads, but any write
// into the network — under /api/networks/{slug}/…, or on one of its offers,
// announcements, events or resources (answers, messages, RSVPs, sign-ups,
// bookings, thanks, edits) — is refused with 403 `member_suspended`.
// Withdrawing or deleting one's own things stays possible (DELETE, withdraw),
// and so do reports and review requests, which live outside these paths.
// Both the person at the keyboard and the neighbour a sponsor acts for count.
import { eq } from "drizzle-orm";
import type { MiddlewareHandler } from "hono";
import type { DatabaseLike } from "../../db/client.ts";
import { announcementTable, eventTable, networkTable, offerTable, resourceTable } from "../../db/schema/index.ts";
import { isUuid } from "../domain/ids.ts";
import { actingFor } from "../domain/members.ts";
import { mayPost } from "../domain/moderation/rails.ts";
import type { AppEnv } from "./context.ts";
import { failureResponse } from "./errors.ts";

const writes = new Set(["POST", "PUT", "PATCH"]);
const inNetwork = /^\/api\/networks\/([^/]+)\/(.+)$/;
const onItem = /^\/api\/(offers|announcements|events|resources)\/([^/]+)(?:\/(.*))?$/;
/** Stepping back is never refused. */
const allowed = new Set(["withdraw"]);

const tables = { offers: offerTable, announcements: announcementTable, events: eventTable, resources: resourceTable } as const;

/** The network a write lands in, if the path names one (null: not a network's business). */
async function networkOf(db: DatabaseLike, path: string): Promise<string | null> {
  const network = inNetwork.exec(path);
  if (network) {
    const [row] = await db.select({ id: networkTable.id }).from(networkTable).where(eq(networkTable.slug, decodeURIComponent(network[1]))).limit(1);
    return row?.id ?? null;
  }
  const item = onItem.exec(path);
  if (!item || !isUuid(item[2]) || allowed.has(item[3] ?? "")) return null;
  const table = tables[item[1] as keyof typeof tables];
  const [row] = await db.select({ networkId: table.networkId }).from(table).where(eq(table.id, item[2])).limit(1);
  return row?.networkId ?? null;
}

export const suspensionGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  const member = c.var.session?.member;
  if (!member || !writes.has(c.req.method) || member.isAdmin) return next();
  const db = c.var.deps.db;
  const networkId = await networkOf(db, c.req.path);
  if (!networkId) return next();
  const sponsored = c.req.header("X-Acting-For") ? await actingFor(db, member, c.req.header("X-Acting-For")) : null;
  for (const who of [member, ...(sponsored?.ok ? [sponsored.value] : [])]) {
    const verdict = await mayPost(db, networkId, who.id);
    if (!verdict.ok) return failureResponse(c, verdict.error);
  }
  return next();
};
