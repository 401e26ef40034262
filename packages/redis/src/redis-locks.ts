// The lock capability on Redis: a lease is a string key `{prefix}:lease:<key>` holding its holder, with a
// PX expiry, so a crashed holder blocks others for at most its ttl. Taking (or renewing by the same
// holder) and releasing (only by the holder) are scripts, atomic across every client of the prefix.
import { assertLockHolder, assertLockKey, type StoreOperations, type TokenLocks } from '@tokens/core';
import type { PrefixKeys } from './keys.js';
import { ACQUIRE, RELEASE } from './lua-scripts.js';
import type { RedisConnection } from './redis-connection.js';
import { runScript } from './script-runner.js';

export function redisLocks(ops: StoreOperations, connection: RedisConnection, keys: PrefixKeys): TokenLocks {
  return {
    tryAcquire: (key, holder, ttlMs) =>
      ops.run('lock', async () => {
        assertLockKey(key, ttlMs);
        assertLockHolder(holder);
        const taken = await connection.run((c) => runScript(c, ACQUIRE, [keys.lease(key)], [holder, ttlMs]));
        return taken === 1;
      }),
    release: (key, holder) =>
      ops.run('unlock', async () => {
        assertLockKey(key, 1);
        assertLockHolder(holder);
        const released = await connection.run((c) => runScript(c, RELEASE, [keys.lease(key)], [holder]));
        return released === 1;
      }),
  };
}
