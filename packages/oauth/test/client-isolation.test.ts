// Two OAuth clients sharing one store namespace: a manager never hands out, refreshes, revokes or
// overwrites a token of another client (the provider is never contacted, so none is started).
import { MemoryTokenStore } from '@tokens/core';
import { expect, it } from 'vitest';
import { TokenManager } from '../src/index.js';

const provider = {
  tokenEndpoint: 'http://127.0.0.1:9/token',
  revocationEndpoint: 'http://127.0.0.1:9/revoke',
};

it("refuses another client's token for getAccessToken, revoke and exchangeGrant, and leaves it stored", async () => {
  const store = new MemoryTokenStore();
  const other = await store.saveToken({
    userName: 'ada',
    clientId: 'app-a',
    clientSecret: 'secret-a',
    accessToken: 'A-access',
    refreshToken: 'A-refresh',
    expiresAt: Date.now() + 3_600_000,
  });
  const manager = new TokenManager({
    store,
    provider,
    clientId: 'app-b',
    clientSecret: 'secret-b',
    redirectUri: 'http://127.0.0.1/cb',
  });
  for (const call of [
    manager.getAccessToken('ada'),
    manager.getAccessToken({ id: other.id }),
    manager.revoke('ada'),
    manager.exchangeGrant({ userName: 'ada', code: 'code-b' }),
  ]) {
    const error = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(String(error)).not.toContain('A-access');
  }
  expect({ ...(await store.findTokenById(other.id)) }).toEqual({ ...other });
});

it('uses a token of its own client, and one that names no client', async () => {
  const store = new MemoryTokenStore();
  await store.saveToken({
    userName: 'own',
    clientId: 'app-b',
    accessToken: 'B-access',
    expiresAt: Date.now() + 3_600_000,
  });
  await store.saveToken({ userName: 'legacy', accessToken: 'L-access', expiresAt: Date.now() + 3_600_000 });
  const manager = new TokenManager({ store, provider, clientId: 'app-b', clientSecret: 'secret-b' });
  expect(await manager.getAccessToken('own')).toBe('B-access');
  expect(await manager.getAccessToken('legacy')).toBe('L-access');
});
