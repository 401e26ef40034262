// A lease holder follows the one rule of @tokens/core (1-200 printable ASCII characters), as in every
// store: a bad holder is INVALID_ARGUMENT and takes, releases and writes nothing.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempStore } from './temp-store.js';

const badHolders = ['', ' ', 'worker 1', 'wörker', 'tab\there', 'h'.repeat(201), 42, undefined];

describe('lock holders', () => {
  it('a holder that is not 1-200 printable ASCII characters is INVALID_ARGUMENT, for acquire and release', async () => {
    const store = tempStore();
    for (const holder of badHolders) {
      await expect(
        store.locks.tryAcquire('key', holder as string, 30_000),
        String(holder),
      ).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      });
      await expect(store.locks.release('key', holder as string), String(holder)).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      });
    }
    expect(existsSync(store.path)).toBe(false);
    expect(await store.locks.tryAcquire('key', 'h'.repeat(200), 30_000)).toBe(true);
    expect(await store.locks.release('key', 'h'.repeat(200))).toBe(true);
  });
});
