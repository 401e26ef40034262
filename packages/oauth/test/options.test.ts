// Options that would break the guarantees are refused when the manager is made.
import { MemoryTokenStore } from '@tokens/core';
import { expect, it } from 'vitest';
import { TokenManager, type TokenManagerOptions } from '../src/index.js';

const base: TokenManagerOptions = {
  store: new MemoryTokenStore(),
  provider: { tokenEndpoint: 'https://auth.example.com/token' },
  clientId: 'c',
  clientSecret: 's',
};

it('refuses a lease that would not outlast one HTTP request', () => {
  expect(() => new TokenManager({ ...base, httpTimeoutMs: 10_000, leaseTtlMs: 10_000 })).toThrow(
    /leaseTtlMs/,
  );
  expect(() => new TokenManager({ ...base, httpTimeoutMs: 1_000, leaseTtlMs: 5_000 })).not.toThrow();
});

it('refuses zero retry attempts, negative timings and a missing client', () => {
  expect(() => new TokenManager({ ...base, retry: { attempts: 0 } })).toThrow(/attempts/);
  expect(() => new TokenManager({ ...base, refreshSkewMs: -1 })).toThrow(/refreshSkewMs/);
  expect(() => new TokenManager({ ...base, clientSecret: '' })).toThrow(/clientSecret/);
  expect(() => new TokenManager({ ...base, httpTimeoutMs: 0 })).toThrow(/httpTimeoutMs/);
  expect(() => new TokenManager({ ...base, leaseTtlMs: Number.NaN })).toThrow(/leaseTtlMs/);
});

it('needs a redirect URI for authorization requests and exchanges', async () => {
  const manager = new TokenManager(base);
  await expect(manager.createAuthorizationRequest()).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  await expect(manager.exchangeGrant({ userName: 'u', code: 'x' })).rejects.toMatchObject({
    code: 'INVALID_ARGUMENT',
  });
});
