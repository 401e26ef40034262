// A file this version cannot fully read is CORRUPT for every operation, and is never overwritten:
// the bytes on disk stay exactly as they were, so a person can repair them.

import { readFileSync, writeFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempStore } from './temp-store.js';

const entry = { id: 'id1', userName: 'ann', accessToken: 'SECRET-at' };
const doc = (patch: Record<string, unknown>) =>
  JSON.stringify({ format: '@tokens/file', version: 1, tokens: [entry], leases: {}, ...patch });

const CORRUPT_FILES: [string, string][] = [
  ['truncated JSON', doc({}).slice(0, 60)],
  ['not JSON at all', 'accessToken=SECRET-at\n'],
  ['another format', JSON.stringify({ format: 'zoho-csv', version: 1, tokens: [] })],
  ['no format field', JSON.stringify([entry])],
  ['a newer version', doc({ version: 2 })],
  ['an unknown top-level field', doc({ extra: true })],
  ['tokens that are not an array', doc({ tokens: { id1: entry } })],
  ['a token entry without an id', doc({ tokens: [{ userName: 'ann', accessToken: 'SECRET-at' }] })],
  ['a token entry with an unknown field', doc({ tokens: [{ ...entry, access_token: 'SECRET-at' }] })],
  ['a token field of the wrong type', doc({ tokens: [{ ...entry, expiresAt: '17' }] })],
  [
    'two entries with one id',
    doc({ tokens: [entry, { id: 'id1', userName: 'bob', accessToken: 'SECRET-2' }] }),
  ],
  [
    'two entries with one userName',
    doc({ tokens: [entry, { id: 'id2', userName: 'ann', accessToken: 'SECRET-2' }] }),
  ],
  ['a malformed lease', doc({ leases: { k: { holder: 'h' } } })],
];

describe('a corrupt file', () => {
  for (const [what, text] of CORRUPT_FILES) {
    it(`${what}: every operation rejects with CORRUPT and the file is left byte for byte`, async () => {
      const store = tempStore();
      writeFileSync(store.path, text, { mode: 0o600 });
      const calls: [string, () => Promise<unknown>][] = [
        ['findToken', () => store.findToken({ userName: 'ann' })],
        ['findTokenById', () => store.findTokenById('id1')],
        ['getTokens', () => store.getTokens()],
        ['saveToken', () => store.saveToken({ userName: 'new', accessToken: 'SECRET-new' })],
        ['deleteToken', () => store.deleteToken('id1')],
        ['deleteTokens', () => store.deleteTokens()],
        ['tryAcquire', () => store.locks.tryAcquire('key', 'holder', 1000)],
        ['release', () => store.locks.release('key', 'holder')],
      ];
      for (const [operation, call] of calls) {
        const error = await call().then(
          () => undefined,
          (e: unknown) => e as Error & { code?: string },
        );
        expect(error?.code, operation).toBe('CORRUPT');
        expect([error?.message, inspect(error), JSON.stringify(error)].join()).not.toContain('SECRET');
      }
      expect(readFileSync(store.path, 'utf8')).toBe(text);
    });
  }

  it('an empty file (as `touch` leaves it) is an empty store, and the first save fills it', async () => {
    const store = tempStore();
    writeFileSync(store.path, '');
    expect(await store.getTokens()).toEqual([]);
    await store.saveToken({ userName: 'ann', accessToken: 'at' });
    expect(JSON.parse(readFileSync(store.path, 'utf8')).tokens).toHaveLength(1);
  });
});
