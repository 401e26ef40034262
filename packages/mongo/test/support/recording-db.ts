// A `Db` stand-in for the tests that run without a server: it records the commands a store sends and their
// options, and answers finds with the documents it is given. It says nothing about how a server answers.
import type { Db } from 'mongodb';

export interface Call {
  collection: string;
  method: string;
  options: Record<string, unknown> | undefined;
}

/**
 * A `Db` stand-in that records each command and its options, and answers finds with `found`: enough to
 * see what the store asks for, nothing about how a server answers (that is mongo-store.test.ts's job).
 */
export function recordingDb(found: Record<string, unknown>[] = []) {
  const calls: Call[] = [];
  const collection = (name: string) => {
    const record =
      (method: string, optionsAt: number, result: unknown) =>
      (...args: unknown[]) => {
        calls.push({ collection: name, method, options: args[optionsAt] as Call['options'] });
        return method === 'find' ? { toArray: async () => result } : Promise.resolve(result);
      };
    return {
      find: record('find', 1, found),
      findOne: record('findOne', 1, found[0] ?? null),
      findOneAndUpdate: record('findOneAndUpdate', 2, { _id: 'id-1', userName: 'ada', accessToken: 'at' }),
      updateOne: record('updateOne', 2, { acknowledged: true }),
      deleteOne: record('deleteOne', 1, { deletedCount: 1 }),
      deleteMany: record('deleteMany', 1, { deletedCount: 0 }),
      createIndexes: record('createIndexes', 1, []),
    };
  };
  return { db: { collection } as unknown as Db, calls };
}
