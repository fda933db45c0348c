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
