// The queue's sleep between claims, cut short by whatever makes work ready.
/** Sleeps until woken (NOTIFY, a handler finishing), a due time, the poll interval, or abort. */
export class Waker {
  #pending = false;
  #resolve?: () => void;
  // Only the earliest due time is kept: each claim reports the next one anyway.
  #dueAt = Infinity;
  #dueTimer?: ReturnType<typeof setTimeout>;
  readonly #signal?: AbortSignal;

  constructor(signal?: AbortSignal) {
    this.#signal = signal;
    signal?.addEventListener("abort", this.#wake);
  }

  wakeIn(ms: number): void {
    if (ms <= 0) return this.#wake();
    // A few ms late rather than early: our timers and the database clock differ slightly.
    const dueAt = Date.now() + ms + 5;
    if (dueAt >= this.#dueAt) return;
    clearTimeout(this.#dueTimer);
    this.#dueAt = dueAt;
    this.#dueTimer = setTimeout(() => ((this.#dueAt = Infinity), this.#wake()), dueAt - Date.now());
  }

  sleep(ms: number): Promise<void> {
    if (this.#pending || this.#signal?.aborted) return Promise.resolve(void (this.#pending = false));
    return new Promise((resolve) => {
      const timer = setTimeout(this.#wake, ms);
      this.#resolve = () => (clearTimeout(timer), resolve());
    });
  }

  #wake = (): void => {
    const resolve = this.#resolve;
    this.#resolve = undefined;
    if (resolve) resolve();
    else this.#pending = true;
  };

  dispose(): void {
    clearTimeout(this.#dueTimer);
    this.#signal?.removeEventListener("abort", this.#wake);
  }
}
