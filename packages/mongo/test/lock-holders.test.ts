// Lock holders follow core's one rule for every store (assertLockHolder: 1-200 printable ASCII
// characters); anything else is INVALID_ARGUMENT before a command is sent. No server needed.
import { describe, expect, it } from 'vitest';
import { MongoTokenStore } from '../src/index.js';
import { recordingDb } from './support/recording-db.js';

describe('MongoTokenStore lock holders, without a server', () => {
  it('refuses holders outside 1-200 printable ASCII characters, sending nothing', async () => {
    const { db, calls } = recordingDb();
    const store = new MongoTokenStore({ db });
    for (const holder of ['', 'h'.repeat(201), 'worker 1', 'wörker', 'tab\there', 42, undefined]) {
      await expect(store.locks.tryAcquire('key', holder as string, 1000)).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        operation: 'lock',
      });
      await expect(store.locks.release('key', holder as string)).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        operation: 'unlock',
      });
    }
    expect(calls).toEqual([]);
    expect(await store.locks.tryAcquire('key', 'h'.repeat(200), 1000)).toBe(true);
    expect(await store.locks.release('key', 'worker-1:pid-42')).toBe(true);
  });
});
