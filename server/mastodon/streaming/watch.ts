// Live updates for apps: new notifications, found by asking every few seconds
// (the same query as GET /api/v1/notifications; it works with several web
// processes and on PGlite, where no LISTEN/NOTIFY reaches us).

export interface Streamed {
  id: string;
}

export const pollEveryMs = 2000;

/** A bound for notification ids (time first): everything from this moment on. */
export const idBoundAt = (at: Date) => String(at.getTime()).padStart(13, "0");

/**
 * Calls `emit` for each notification made from `startedAt` on (when the app
 * connected), oldest first, until `signal` aborts.
 */
export async function watchNotifications<T extends Streamed>(
  fetchSince: (sinceId: string) => Promise<T[]>,
  emit: (notification: T) => Promise<void> | void,
  signal: AbortSignal,
  startedAt: Date,
  intervalMs = pollEveryMs,
): Promise<void> {
  let since = idBoundAt(startedAt);
  while (!signal.aborted) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, intervalMs);
      signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
    });
    if (signal.aborted) break;
    const fresh = await fetchSince(since).catch(() => [] as T[]);
    for (const n of [...fresh].reverse()) {
      await emit(n);
      if (n.id > since) since = n.id;
    }
  }
}

/** The streams we serve: `user` (its notifications) and `user:notification`. */
export const knownStreams = new Set(["user", "user:notification"]);
