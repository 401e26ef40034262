// Options are checked before anything connects: a prefix that could break the hash tag or a key pattern,
// or a timeout that is not a positive integer, is INVALID_ARGUMENT from the constructor.
import { isTokenStoreError } from '@tokens/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFIX, RedisTokenStore } from '../src/index.js';

function constructorError(options: ConstructorParameters<typeof RedisTokenStore>[0]): unknown {
  try {
    new RedisTokenStore({ lazyConnect: true, ...options });
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('RedisTokenStore options', () => {
  it('refuses prefixes with spaces, braces, glob characters, or of the wrong type or length', () => {
    for (const prefix of ['', 'a b', '{tokens}', 'a}b', 'tok*', 'tok?', 'a[b]', 'é', 'x'.repeat(101), 5]) {
      const error = constructorError({ prefix: prefix as string });
      expect(isTokenStoreError(error, 'INVALID_ARGUMENT')).toBe(true);
      expect((error as Error).message).toContain('prefix');
    }
  });

  it('accepts letters, digits, "_", ".", ":", "-", and defaults to "tokens"', async () => {
    for (const prefix of ['tokens', 'app:prod', 'team_a.eu-1', 'x'.repeat(100)]) {
      const store = new RedisTokenStore({ prefix, lazyConnect: true });
      expect(store.prefix).toBe(prefix);
      await store.close();
    }
    const store = new RedisTokenStore({ lazyConnect: true });
    expect(store.prefix).toBe(DEFAULT_PREFIX);
    expect(DEFAULT_PREFIX).toBe('tokens');
    await store.close();
  });

  it('refuses an operationTimeoutMs that is not a positive integer', () => {
    for (const operationTimeoutMs of [0, -1, 1.5, Number.NaN, '500']) {
      const error = constructorError({ operationTimeoutMs: operationTimeoutMs as number });
      expect(isTokenStoreError(error, 'INVALID_ARGUMENT')).toBe(true);
    }
  });

  it('builds its client lazily: a store that is never used never connects', async () => {
    const store = new RedisTokenStore({ port: 1 });
    expect(store.client.status).toBe('wait');
    await store.close();
    expect(store.client.status).toBe('end');
  });
});
