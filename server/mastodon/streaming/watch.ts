// What wakes a Mastodon app's stream: the database's NOTIFY (new notification,
// documents changed), heard by one LISTEN per channel and process and fanned
// out to every open stream, so that a quiet stream costs no query. A slow
// safety check covers a lost NOTIFY; without LISTEN, streams poll.
import { getLogger } from "@logtape/logtape";
import type { DatabaseHandle } from "../../../db/client.ts";
import { oneAtATime } from "../../periodic.ts";

const logger = getLogger(["maillage", "mastodon", "streaming"]);

type Listen = DatabaseHandle["listen"];

/** Without a NOTIFY: a stream checks at least this often. */
export const safetyEveryMs = 60_000;
/** With no LISTEN at all (API-only tests, a failed LISTEN): polling, as before NOTIFY. */
export const pollEveryMs = 2000;

/** A bound for time-first ids (notifications, statuses): everything from this moment on. */
export const idBoundAt = (at: Date) => String(at.getTime()).padStart(13, "0");

/** One LISTEN per channel for all the streams of a process; wakes each of them on every NOTIFY. */
class Wakeups {
  private channels = new Map<string, { wakers: Set<() => void>; listening: Promise<unknown> }>();
  private readonly listenDb: Listen;
  constructor(listenDb: Listen) {
    this.listenDb = listenDb;
  }

  /** Calls `wake` on each NOTIFY of `channel`; returns the function that stops it. Rejects when the database cannot LISTEN. */
  async on(channel: string, wake: () => void): Promise<() => void> {
    let entry = this.channels.get(channel);
    if (!entry) {
      const wakers = new Set<() => void>();
      const listening = this.listenDb(channel, () => wakers.forEach((w) => w()));
      entry = { wakers, listening };
      this.channels.set(channel, entry);
      // The next stream tries again. Once listening, it stays so: idle, a LISTEN costs nothing.
      listening.catch(() => this.channels.delete(channel));
    }
    await entry.listening;
    const { wakers } = entry;
    wakers.add(wake);
    return () => void wakers.delete(wake);
  }
}

const shared = new WeakMap<Listen, Wakeups>();

/**
 * Runs `check` (one run at a time, once more if woken meanwhile) on each NOTIFY
 * of `channel` and every `safetyMs`, and once at once if `now`; resolves, once
 * listening (and that first run done), to the function that stops it.
 */
export async function watchChannel(
  listen: Listen | undefined,
  channel: string,
  check: () => Promise<void>,
  { now = false, safetyMs = safetyEveryMs }: { now?: boolean; safetyMs?: number } = {},
): Promise<() => Promise<void>> {
  const job = oneAtATime(`stream ${channel}`, check);
  let stopListening = () => {};
  let everyMs = pollEveryMs;
  if (listen) {
    let wakeups = shared.get(listen);
    if (!wakeups) shared.set(listen, (wakeups = new Wakeups(listen)));
    try {
      stopListening = await wakeups.on(channel, job.run);
      everyMs = safetyMs;
    } catch (error) {
      logger.warn("No LISTEN on {channel} ({error}): the stream polls", { channel, error });
    }
  }
  const timer = setInterval(job.run, everyMs);
  timer.unref();
  if (now) {
    job.run();
    await job.idle();
  }
  return async () => {
    clearInterval(timer);
    stopListening();
    await job.idle();
  };
}
