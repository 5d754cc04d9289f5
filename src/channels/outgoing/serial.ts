/** Runs tasks one after another per key (one chat's messages in order), different keys in parallel. */
export class KeyedSerial {
  private readonly chains = new Map<string, Promise<void>>();

  /** Queues `task` behind earlier tasks of `key`; errors are passed to `onError`, never thrown. */
  run(key: string, task: () => Promise<void>, onError: (err: unknown) => void): Promise<void> {
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous.then(task).catch(onError);
    this.chains.set(key, next);
    void next.then(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
    return next;
  }

  /** Resolves when every queued task has finished. */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }
}
