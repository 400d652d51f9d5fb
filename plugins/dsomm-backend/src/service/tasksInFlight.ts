/**
 * Runs tasks with at most `limit` in flight, for the batches of a recompute or a re-score:
 * each batch holds its own transaction, so where the database takes concurrent transactions
 * one batch is scored while the server writes another. After the first failure no task is
 * started, and `finish` rejects with that failure only once the tasks in flight have ended:
 * a caller that answers earlier would leave transactions running behind its answer.
 */
export class TasksInFlight {
  private readonly running = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;

  constructor(private readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError(`limit must be 1 or more`);
  }

  /** Whether a task has failed: the caller stops adding. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  /**
   * Starts `task` once fewer than `limit` are in flight, and resolves when it has started.
   * Starts nothing after a failure.
   */
  async add(task: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.limit) await Promise.race(this.running);
    if (this.failure) return;
    // An async wrapper, so a task that throws before its first await fails like the others.
    const tracked: Promise<void> = (async () => task())().then(
      () => {
        this.running.delete(tracked);
      },
      error => {
        this.running.delete(tracked);
        this.failure ??= { error };
      },
    );
    this.running.add(tracked);
  }

  /** Waits for every task in flight; never rejects. */
  async settle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
  }

  /** Waits for every task in flight, then rejects with the first failure, if any. */
  async finish(): Promise<void> {
    await this.settle();
    if (this.failure) throw this.failure.error;
  }
}
