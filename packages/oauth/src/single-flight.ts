// One promise per key: callers asking for the same key while a call is running share its outcome,
// success or failure, instead of starting their own.
export class SingleFlight<T> {
  readonly #running = new Map<string, Promise<T>>();

  run(key: string, fn: () => Promise<T>): Promise<T> {
    const running = this.#running.get(key);
    if (running) return running;
    const flight = fn().finally(() => this.#running.delete(key));
    this.#running.set(key, flight);
    return flight;
  }

  /** The running call for `key`, if any. */
  get(key: string): Promise<T> | undefined {
    return this.#running.get(key);
  }
}
