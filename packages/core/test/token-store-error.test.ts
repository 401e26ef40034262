import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { StoreOperations, TokenStoreError } from '../src/index.js';

describe('TokenStoreError', () => {
  it('keeps code, store and operation, and scrubs the secrets of the operation from its cause', () => {
    const driverError = Object.assign(new Error("Duplicate entry 'sekrit-refresh' for key 'uq_refresh'"), {
      code: 'ER_DUP_ENTRY',
      errno: 1062,
    });
    const error = new TokenStoreError('CONFLICT', 'another token holds it', {
      store: 'MySqlTokenStore',
      operation: 'saveToken',
      cause: driverError,
      secrets: ['sekrit-refresh'],
    });
    expect(error.message).toBe('MySqlTokenStore.saveToken: another token holds it');
    expect(error.code).toBe('CONFLICT');
    expect(error.retryable).toBe(false);
    expect((error.cause as { code?: string }).code).toBe('ER_DUP_ENTRY');
    const shown = [
      inspect(error, { depth: 9 }),
      JSON.stringify(error),
      String(error),
      error.cause?.stack,
    ].join();
    expect(shown).not.toContain('sekrit');
    expect(shown).toContain('[redacted]');
  });

  it('StoreOperations wraps driver errors with the adapter classification and never echoes quoted values', async () => {
    const ops = new StoreOperations('TestStore', () => 'UNAVAILABLE');
    const failure = ops.run('getTokens', () => {
      throw new Error("connect ECONNREFUSED 127.0.0.1:6379 'value'");
    });
    await expect(failure).rejects.toMatchObject({ code: 'UNAVAILABLE', store: 'TestStore', retryable: true });
    await expect(failure).rejects.toThrow(/^TestStore.getTokens: the backend is unavailable$/);
    const plain = ops.run('getTokens', () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
    });
    await expect(plain).rejects.toThrow('the backend is unavailable (connect ECONNREFUSED 127.0.0.1:6379)');
  });

  it('StoreOperations rejects with CLOSED after close, and close runs its release once', async () => {
    let releases = 0;
    const ops = new StoreOperations('TestStore');
    await Promise.all([ops.close(() => void releases++), ops.close(() => void releases++)]);
    expect(releases).toBe(1);
    await expect(ops.run('findToken', () => 1)).rejects.toMatchObject({ code: 'CLOSED' });
  });
});
