// The conformance kit against a standalone Redis: each case gets a random prefix; a second instance has its
// own connection; raw reads the prefix's hashes with a separate client; child processes open the prefix
// through the built package.
import { describeConformance } from '@tokens/core/conformance';
import { suiteTitle, testService } from '@tokens/testing';
import { Redis } from 'ioredis';
import { afterAll, describe } from 'vitest';
import { RedisTokenStore } from '../src/index.js';
import { deletePrefix, expectIndexesMatch, randomPrefix, rawTokenHashes } from './support/raw-redis.js';

const service = testService('redis');
const url = service.url ?? 'redis://127.0.0.1:6379';
const raw = new Redis(url, { lazyConnect: true });
afterAll(() => raw.quit());

describe.skipIf(!service.url)(suiteTitle('RedisTokenStore on standalone Redis', service), () => {
  describeConformance<RedisTokenStore>({
    name: 'RedisTokenStore (standalone)',
    create: () => new RedisTokenStore({ url, prefix: randomPrefix('conf') }),
    reopen: (store) => new RedisTokenStore({ url, prefix: store.prefix }),
    raw: (store) => rawTokenHashes(raw, store.prefix),
    destroy: (store) => deletePrefix(raw, store.prefix),
    processes: {
      module: import.meta.resolve('@tokens/redis'),
      exportName: 'RedisTokenStore',
      options: (store) => ({ url, prefix: store.prefix }),
      check: (store) => expectIndexesMatch(raw, store),
    },
    capabilities: { locks: true },
  });
});
