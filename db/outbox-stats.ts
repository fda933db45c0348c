// Outgoing deliveries waiting in the database queue, by remote host (for the
// admin), and "retry now" for one host. Reads the queue's own table.
import { sql } from "drizzle-orm";
import type { DatabaseLike } from "./client.ts";
import { rowsOf } from "./search.ts";

// The host (with port) of a queued delivery's inbox URL.
const inboxHost = sql`substring(message->>'inbox' from '^[a-z]+://([^/?#]+)')`;

/** Deliveries queued (waiting, held or being retried) per host. */
export async function pendingDeliveriesByHost(db: DatabaseLike): Promise<Map<string, number>> {
  const rows = await db.execute(sql`
    select ${inboxHost} as host, count(*)::int as pending
    from fedify_message where message->>'type' = 'outbox'
    group by 1`);
  const out = new Map<string, number>();
  for (const row of rowsOf<{ host: string | null; pending: number }>(rows)) if (row.host) out.set(row.host, Number(row.pending));
  return out;
}

/** Makes the host's queued deliveries due now (those a worker holds right now are left alone). */
export async function hurryDeliveriesTo(db: DatabaseLike, host: string): Promise<number> {
  const rows = await db.execute(sql`
    update fedify_message set deliver_at = now()
    where message->>'type' = 'outbox' and ${inboxHost} = ${host}
      and deliver_at > now() and (locked_until is null or locked_until <= now())
    returning id`);
  await db.execute(sql`select pg_notify('fedify_message', '0')`);
  return rowsOf<{ id: number }>(rows).length;
}
