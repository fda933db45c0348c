// When to retry a delivery, when to stop, and when to pause a whole host.
// Pure functions over numbers (milliseconds), so that the schedule can be read
// and tested on its own.
//
// Why these numbers (issue #17): with Fedify's defaults (5 failures in 10
// minutes open the breaker for 30 minutes, retries counting as failures) a peer
// restarting for four seconds got nothing for half an hour. Here:
// - a host is paused only when BREAKER_DISTINCT different deliveries failed
//   since its last success (within BREAKER_WINDOW_MS): one activity retried
//   again and again never pauses a host, a fan-out to a dead one does;
// - a paused host is probed with one delivery after PROBE_GAP_MS (20 s) for
//   the first ten minutes, so a peer back after a blip of seconds or minutes
//   gets its backlog within about 20 s (plus the recheck of the held ones);
//   a longer outage is probed every 2 minutes, and after an hour every 10 —
//   one request, not the backlog, each time;
// - while the breaker stays closed, a delivery is retried after 5 s, 15 s,
//   30 s, then every minute for the first few minutes (a restarting peer is
//   back within a minute of its return), then backing off to hours;
// - held or retried, a delivery is given up after 7 days (like the queue's
//   own limit for broken messages).

export const BREAKER_DISTINCT = 3;
export const BREAKER_WINDOW_MS = 10 * 60_000;
export const GIVE_UP_AFTER_MS = 7 * 24 * 3600_000;
/** How long one probe may be in flight before another delivery may probe. */
export const PROBE_TIMEOUT_MS = 45_000;
/** Held deliveries of a host being probed look again this often. */
export const PROBE_RECHECK_MS = 2_000;
/** A refused delivery (see PERMANENT_STATUSES) is tried once more after this. */
export const REFUSAL_RETRY_MS = 60_000;
/** Longest wait a peer's Retry-After may impose on one delivery. */
export const MAX_RETRY_AFTER_MS = 3600_000;

const RETRY_SCHEDULE_S = [5, 15, 30, 60, 60, 60, 120, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600];

/**
 * Statuses by which a peer refuses this delivery for good (issue #10): the
 * activity is malformed for it (400, 422), we may not post there (401 after
 * both signature schemes, 403), or the inbox is gone (404, 410). Tried once
 * more (a peer can answer 401 while it cannot fetch our key yet), then given up.
 */
export const PERMANENT_STATUSES: readonly number[] = [400, 401, 403, 404, 410, 422];

export function isPermanentRefusal(status: number | undefined): boolean {
  return status !== undefined && PERMANENT_STATUSES.includes(status);
}

/** Delay before retry number `attempt + 1` (attempt 0 is the first send), with ±10 % jitter. */
export function retryDelayMs(attempt: number, random = Math.random): number {
  const base = RETRY_SCHEDULE_S[Math.min(attempt, RETRY_SCHEDULE_S.length - 1)] * 1000;
  return Math.round(base * (0.9 + 0.2 * random()));
}

/** Gap before the next probe of a host paused since `pausedForMs`. */
export function probeGapMs(pausedForMs: number): number {
  if (pausedForMs < 10 * 60_000) return 20_000;
  if (pausedForMs < 3600_000) return 2 * 60_000;
  return 10 * 60_000;
}

/** What we keep per remote host (in the key-value store), also shown to the admin. */
export interface HostState {
  /** Deliveries (message ids) that failed since the host's last success, with when. */
  failures: { id: string; at: number }[];
  /** Set while the host is paused (breaker open): no delivery before this. */
  pausedUntil?: number;
  /** When this pause began. */
  pausedSince?: number;
  /** A probe delivery is in flight until then. */
  probeUntil?: number;
  lastError?: { at: number; status?: number; text: string };
  lastSuccessAt?: number;
  /** Deliveries given up (refused for good, or failing for 7 days). */
  failed: number;
}

export const emptyHostState = (): HostState => ({ failures: [], failed: 0 });

export type Gate =
  | { kind: "send"; probe: boolean }
  | { kind: "hold"; delayMs: number };

/** Before sending: go, probe, or wait for the host's pause to end. */
export function gate(state: HostState, now: number): Gate {
  if (state.pausedUntil === undefined) return { kind: "send", probe: false };
  if (now < state.pausedUntil) return { kind: "hold", delayMs: state.pausedUntil - now + Math.round(Math.random() * 1000) };
  if (state.probeUntil !== undefined && now < state.probeUntil) return { kind: "hold", delayMs: PROBE_RECHECK_MS };
  return { kind: "send", probe: true };
}

export function startProbe(state: HostState, now: number): HostState {
  return { ...state, probeUntil: now + PROBE_TIMEOUT_MS };
}

/** The host answered (2xx, or a refusal: it is up): closes the breaker. */
export function afterReachable(state: HostState, now: number, refusal?: { status: number; text: string; givenUp: boolean }): HostState {
  const next: HostState = { failures: [], failed: state.failed, lastSuccessAt: state.lastSuccessAt, lastError: state.lastError };
  if (!refusal) return { ...next, lastSuccessAt: now };
  return {
    ...next,
    lastError: { at: now, status: refusal.status, text: refusal.text },
    failed: state.failed + (refusal.givenUp ? 1 : 0),
  };
}

/** The host is unreachable or failing (transport error, 5xx, 429...): counts toward a pause. */
export function afterFailure(state: HostState, now: number, id: string, error: { status?: number; text: string }): HostState {
  const failures = [...state.failures.filter((f) => f.id !== id && now - f.at <= BREAKER_WINDOW_MS), { id, at: now }];
  const next: HostState = { ...state, failures, lastError: { at: now, ...error } };
  delete next.probeUntil;
  if (state.pausedUntil !== undefined) {
    // A failed probe: pause again, longer as the outage goes on.
    const since = state.pausedSince ?? now;
    return { ...next, pausedSince: since, pausedUntil: now + probeGapMs(now - since) };
  }
  if (failures.length >= BREAKER_DISTINCT) return { ...next, pausedSince: now, pausedUntil: now + probeGapMs(0) };
  return next;
}

/** A delivery given up (held or failing for 7 days). */
export function afterGivenUp(state: HostState): HostState {
  return { ...state, failed: state.failed + 1 };
}

/** The admin asked to retry now: lift the pause; held deliveries go at once. */
export function resumed(state: HostState): HostState {
  const next: HostState = { ...state, failures: [] };
  delete next.pausedUntil;
  delete next.pausedSince;
  delete next.probeUntil;
  return next;
}
