// One read for every caller that asked while no read had started. A read
// already running may have started before a caller asked, so that caller
// waits for it and takes the next one: whoever asks gets a result read after
// asking (a change committed before is seen), and under load one statement
// serves all the requests that arrived while the last one ran.

/** `query` shared as above. */
export function sharedRead<T>(query: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | undefined;
  let next: Promise<T> | undefined;
  const start = (): Promise<T> => {
    const read = query().finally(() => {
      if (inFlight === read) inFlight = undefined;
    });
    inFlight = read;
    return read;
  };
  return () => {
    if (!inFlight) return start();
    next ??= inFlight.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      next = undefined;
      return start();
    });
    return next;
  };
}
