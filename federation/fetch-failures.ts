// Whether a failed fetch of a remote document may succeed if tried again: no
// answer in time, a dropped connection, or a server error. The inbox then
// throws, and the queue runs the activity again (Fedify's inbox retries, 1 s
// then doubling), instead of the activity being taken as unusable for good.
// Under load a partner's signed GET can take longer than our deadline (the
// partner verifies our key with requests of its own first).

// What our deadline (AbortSignal.timeout) and undici say of a transport failure,
// as Fedify's signed loader passes it on: in a FetchError's message.
const TRANSPORT = /aborted due to timeout|timed? ?out|fetch failed|ECONN|socket|network/i;

export function mayPass(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // Fedify's FetchError (by name: one class per copy of its runtime).
  if (error.name === "FetchError") {
    const status = (error as { response?: Response }).response?.status;
    if (status !== undefined) return status >= 500 || status === 408 || status === 429;
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? mayPass(cause) : TRANSPORT.test(error.message);
  }
  if (error.name === "TimeoutError" || error.name === "AbortError") return true;
  return error instanceof TypeError && /fetch failed/i.test(error.message);
}
