// The conformance kit against a standalone Redis: each case gets a random prefix; a second instance has its
// own connection; raw reads the prefix's hashes with a separate client.
import { describeConformance } from '@tokens/core/conformance';
import { suiteTitle, testService } from '@tokens/testing';
import { Redis } from 'ioredis';
import { afterAll, describe } from 'vitest';
import { RedisTokenStore } from '../src/index.js';
import { deletePrefix, randomPrefix, rawTokenHashes } from './support/raw-redis.js';

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
    capabilities: { locks: true },
  });
});
