// The admin's view of outgoing deliveries per remote host: how many wait,
// how many were given up, the last error, whether the host is paused and
// until when; and "retry now", which lifts a pause and makes the host's
// waiting deliveries due at once.
import type { DatabaseLike } from "../../../db/client.ts";
import { hurryDeliveriesTo, pendingDeliveriesByHost } from "../../../db/outbox-stats.ts";
import type { Member } from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../result.ts";

/** What the delivery machinery (federation/delivery) keeps per host, as this use-case needs it. */
export interface DeliveryHostPort {
  list(): Promise<{
    host: string;
    state: { failures: unknown[]; pausedUntil?: number; lastError?: { at: number; status?: number; text: string }; lastSuccessAt?: number; failed: number };
  }[]>;
  /** Lifts the host's pause. */
  resume(host: string): Promise<void>;
}

export interface DeliveryHostView {
  host: string;
  /** Deliveries waiting in the queue (new, retried or held by a pause). */
  pending: number;
  /** Deliveries given up: refused for good by the host, or failing for 7 days. */
  failed: number;
  lastError: { at: string; status: number | null; text: string } | null;
  lastSuccessAt: string | null;
  /** Set while the host is paused after repeated failures: the next try is then. */
  pausedUntil: string | null;
  /** Failures of distinct deliveries since the last success. */
  recentFailures: number;
}

const requireAdmin = (member: Member) =>
  member.isAdmin ? ok(member) : fail("forbidden", "admin_required", "Only the instance admin sees deliveries");

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

export async function listDeliveryHosts(db: DatabaseLike, hosts: DeliveryHostPort, member: Member): Promise<Result<DeliveryHostView[]>> {
  const admin = requireAdmin(member);
  if (!admin.ok) return admin;
  const [pending, states] = await Promise.all([pendingDeliveriesByHost(db), hosts.list()]);
  const views = new Map<string, DeliveryHostView>();
  for (const { host, state } of states) {
    views.set(host, {
      host,
      pending: pending.get(host) ?? 0,
      failed: state.failed,
      lastError: state.lastError ? { at: new Date(state.lastError.at).toISOString(), status: state.lastError.status ?? null, text: state.lastError.text } : null,
      lastSuccessAt: iso(state.lastSuccessAt),
      pausedUntil: iso(state.pausedUntil),
      recentFailures: state.failures.length,
    });
  }
  for (const [host, count] of pending) {
    if (!views.has(host)) views.set(host, { host, pending: count, failed: 0, lastError: null, lastSuccessAt: null, pausedUntil: null, recentFailures: 0 });
  }
  // Trouble first: paused hosts, then those with waiting or failed deliveries.
  const weight = (v: DeliveryHostView) => (v.pausedUntil ? 0 : v.pending > 0 ? 1 : v.failed > 0 ? 2 : 3);
  return ok([...views.values()].sort((a, b) => weight(a) - weight(b) || a.host.localeCompare(b.host)));
}

export async function retryDeliveriesNow(db: DatabaseLike, hosts: DeliveryHostPort, member: Member, host: string): Promise<Result<{ host: string; hurried: number }>> {
  const admin = requireAdmin(member);
  if (!admin.ok) return admin;
  const name = host.trim().toLowerCase();
  await hosts.resume(name);
  const hurried = await hurryDeliveriesTo(db, name);
  return ok({ host: name, hurried });
}
