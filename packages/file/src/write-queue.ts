// The in-process queue of writers of one file: writers of one process wait their turn here, in order,
// instead of polling the cross-process file lock against each other.
const queues = new Map<string, Promise<unknown>>();

/** Runs `fn` after every earlier call for the same `key` (a file path) in this process has settled. */
export function queueFor<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const tail = run.then(
    () => {},
    () => {},
  );
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return run;
}
