// Housekeeping jobs of the worker (sweeping stale uploads, expiring offers...):
// each runs soon after start, then at its interval; a failure is logged and
// the next run tries again.
import { getLogger } from "@logtape/logtape";

const logger = getLogger(["maillage", "jobs"]);

/** Starts a job; returns the function that stops it (waiting for a run in progress). */
export function runEvery(name: string, intervalMs: number, job: () => Promise<unknown>): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = job().catch((error) => logger.error("Job {name} failed: {error}", { name, error }));
  };
  const first = setTimeout(run, Math.min(intervalMs, 10_000));
  const timer = setInterval(run, intervalMs);
  first.unref();
  timer.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(timer);
    await running;
  };
}

/**
 * The job run one at a time: `run` while it runs only asks for one more run
 * after it (wake-ups coalesce); `idle` waits for the run in progress.
 */
export function oneAtATime(name: string, job: () => Promise<unknown>): { run: () => void; idle: () => Promise<void> } {
  let running: Promise<unknown> | undefined;
  let again = false;
  const run = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = job()
      .catch((error) => logger.error("Job {name} failed: {error}", { name, error }))
      .finally(() => {
        running = undefined;
        if (again) (again = false), run();
      });
  };
  return { run, idle: async () => void (await running) };
}

/**
 * Runs a job when the database says there is work (LISTEN `channel`, NOTIFY
 * from the writer), one run at a time and once more if woken meanwhile, plus
 * every `safetyMs` for what a lost NOTIFY or a failed run left; polls every
 * `fallbackMs` if listening fails. An idle server thus does no work for it.
 */
export function runOnNotify(
  name: string,
  listen: (channel: string, onNotify: () => void) => Promise<() => Promise<void>>,
  channel: string,
  job: () => Promise<unknown>,
  { safetyMs, fallbackMs }: { safetyMs: number; fallbackMs: number },
): () => Promise<void> {
  const { run, idle } = oneAtATime(name, job);
  let stopTimer = runEvery(name, safetyMs, async () => run());
  const unlisten = listen(channel, run).catch((error) => {
    logger.warn("Job {name}: no LISTEN ({error}), polling instead", { name, error });
    void stopTimer();
    stopTimer = runEvery(name, fallbackMs, async () => run());
    return undefined;
  });
  return async () => {
    await (await unlisten)?.().catch(() => {});
    await stopTimer();
    await idle();
  };
}
